/** The frame every design's System-Check script shares. */
import { JS_ERROR_MESSAGE } from '../system-check-script';
import { JS_LOOP_JS } from './page-kit';
import type { CheckSetup, DesignPaths } from './types';

/**
 * A design's System-Check script: its setup and wording baked in as JSON (no user input reaches
 * it), the `js-error` fault thrown first, `parts` (the shared JS and the design's own checks), and
 * the `js-loop` fault once the page has loaded.
 */
export function checkScript(setup: CheckSetup, paths: DesignPaths, words: Readonly<Record<string, string>>, parts: string): string {
  const config = { ...setup, wsPath: paths.ws, httpPath: paths.http };
  const thrown = setup.jsError ? `  throw new Error(${JSON.stringify(JS_ERROR_MESSAGE)});\n` : '';
  const loop = setup.jsLoop ? `  window.addEventListener('load', function () { ${JS_LOOP_JS} });\n` : '';
  return `
(function () {
  'use strict';
  var SETUP = ${JSON.stringify(config)};
  var WORDS = ${JSON.stringify(words)};
${thrown}${parts}${loop}})();
`;
}
