/**
 * The CDK context the app is started with (cdk.json, cdk.context.json and `-c key=value`, passed by
 * the CDK CLI as JSON in CDK_CONTEXT_JSON). The CDK copies each top-level key onto a plain object, so
 * a key named `__proto__` would become that object's prototype and answer `tryGetContext` for every
 * key it does not hold (`configPath` among them). Such keys are refused before the App is created.
 */
import { DeployConfigError } from './errors';

/** The environment variable through which the CDK CLI hands the context to the app. */
export const CONTEXT_ENV = 'CDK_CONTEXT_JSON';

/** Deepest context value walked; the CDK's own context is a few levels deep. */
const MAX_CONTEXT_DEPTH = 32;

/** `__proto__`, `prototype` and every member of Object.prototype (`constructor`, `toString`, …). */
export function isPrototypeKey(key: string): boolean {
  return key === '__proto__' || key === 'prototype' || Object.hasOwn(Object.prototype, key);
}

/**
 * Throws a DeployConfigError naming every prototype key in the context JSON, at any level, with its
 * path (`context.__proto__`, `context.feature.constructor`). Absent or unparsable context is left to
 * the CDK, which reports it itself.
 */
export function checkContextJson(json: string | undefined): void {
  if (json === undefined || json.trim() === '') return;
  let context: unknown;
  try {
    context = JSON.parse(json);
  } catch {
    return;
  }
  const problems: string[] = [];
  walk(context, 'context', 0, problems);
  if (problems.length > 0) {
    throw new DeployConfigError(
      `invalid CDK context (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.join('\n')}`,
    );
  }
}

function walk(value: unknown, path: string, depth: number, problems: string[]): void {
  if (typeof value !== 'object' || value === null || depth > MAX_CONTEXT_DEPTH) return;
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, `${path}[${index}]`, depth + 1, problems));
    return;
  }
  for (const [key, item] of Object.entries(value)) {
    const itemPath = `${path}${/^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`}`;
    if (isPrototypeKey(key)) {
      problems.push(
        `  ${itemPath}: unknown key; a context key may not name a member of Object.prototype (remove it from cdk.json, cdk.context.json or -c)`,
      );
    } else {
      walk(item, itemPath, depth + 1, problems);
    }
  }
}
