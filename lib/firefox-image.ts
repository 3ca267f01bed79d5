import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { buildSync } from 'esbuild';
import { PROBE_EXTERNAL_MODULES, stageBrowserModules } from './browser-modules';
import { REPO_ROOT } from './paths';

/** The Dockerfile of the Firefox probe: the Lambda Node.js 22 base image plus Firefox ESR. */
export const FIREFOX_DOCKERFILE = join(REPO_ROOT, 'images', 'firefox-probe', 'Dockerfile');
/** The handler every probe function runs, zip or image. */
const HANDLER_ENTRY = join(REPO_ROOT, 'lambdas', 'handler.ts');

const staged = new Map<boolean, string>();

/**
 * The build context of the Firefox image, staged once per synth process: the Dockerfile, the handler
 * bundled by the same esbuild with the same options as the zip function (CommonJS, Node.js 22, source
 * map, the browser modules left out) and, as `node_modules`, the browser modules the bundle loads at
 * run time (the layer's closure). `cdk synth` copies this folder into the cloud assembly and nothing
 * else (no Docker); `cdk deploy` builds it. Without `bundle` a one-line handler stands in (unit tests).
 * The folder is removed when the process exits.
 */
export function stageFirefoxImage(bundle: boolean, nodeModulesDir: string = join(REPO_ROOT, 'node_modules')): string {
  const existing = staged.get(bundle);
  if (existing) return existing;
  const dir = mkdtempSync(join(tmpdir(), 'autocrm-firefox-image-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  cpSync(FIREFOX_DOCKERFILE, join(dir, basename(FIREFOX_DOCKERFILE)));
  if (bundle) {
    bundleHandler(dir);
    stageBrowserModules(nodeModulesDir, dir, 'node_modules');
  } else {
    writeFileSync(join(dir, 'index.js'), 'exports.handler = async () => ({ ok: true });\n');
    writeFileSync(join(dir, 'index.js.map'), '{"version":3,"sources":[],"mappings":""}\n');
    mkdirSync(join(dir, 'node_modules'));
    writeFileSync(join(dir, 'node_modules', 'PLACEHOLDER.txt'), 'firefox image placeholder (bundling off)\n');
  }
  staged.set(bundle, dir);
  return dir;
}

/**
 * esbuild as NodejsFunction runs it for the zip function. The output is taken in memory and written
 * here, so the source map names the sources relative to the repository wherever the folder lies, and
 * two synths of one commit stage byte-identical files (the image asset's hash is their fingerprint).
 */
function bundleHandler(dir: string): void {
  const result = buildSync({
    entryPoints: [HANDLER_ENTRY],
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    sourcemap: true,
    external: [...PROBE_EXTERNAL_MODULES],
    absWorkingDir: REPO_ROOT,
    outfile: join(REPO_ROOT, 'index.js'),
    write: false,
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) writeFileSync(join(dir, basename(file.path)), file.contents);
}
