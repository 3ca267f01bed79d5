// @ts-check
/**
 * `layers/imports`: which folder may import which (DESIGN.md, Layers). Every import is resolved to a
 * repository path first, so `../../probe/x` from `lambdas/core/config/` is caught as well as a bare
 * `lambdas/probe/x`; static imports, re-exports, dynamic `import()` and `import('…')` types all count.
 * Package imports are left to `no-restricted-imports`.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file's parent folder), so the rule works from any working directory. */
const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * @typedef {object} LayerRule
 * @property {string} from     files under this repository path (`lambdas/core`) or this file (`lambdas/handler.ts`)
 * @property {string[]} [only] …may import only these paths (relative imports)
 * @property {string[]} [never] …may never import these paths
 * @property {string} why      the reason, named in the message
 */

/** A repository path without `.ts`/`.js`/`.mjs` and `/index`, with forward slashes. */
function normalize(path) {
  return path
    .split(sep)
    .join('/')
    .replace(/\.(ts|mts|js|mjs)$/, '')
    .replace(/\/index$/, '');
}

/** `path` is `prefix` itself or lies below it. */
function within(path, prefix) {
  const bare = normalize(prefix);
  return path === bare || path.startsWith(`${bare}/`);
}

/** @type {import('eslint').Rule.RuleModule} */
const importsRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the layering of the repository folders (DESIGN.md, Layers).' },
    schema: [{ type: 'array', items: { type: 'object' } }],
    messages: {
      only: '{{from}} may import only {{allowed}}: "{{spec}}" resolves to {{target}}. {{why}}',
      never: '{{from}} must not import {{target}} ("{{spec}}"). {{why}}',
    },
  },
  create(context) {
    /** @type {LayerRule[]} */
    const rules = context.options[0] ?? [];
    const file = normalize(relative(REPO_ROOT, context.filename));
    const applicable = rules.filter((rule) => within(file, rule.from));
    if (applicable.length === 0) return {};

    /** @param {import('estree').Node} node @param {unknown} spec */
    function check(node, spec) {
      if (typeof spec !== 'string' || !spec.startsWith('.')) return;
      const target = normalize(relative(REPO_ROOT, resolve(dirname(context.filename), spec)));
      for (const rule of applicable) {
        const from = normalize(rule.from);
        if (rule.only && !rule.only.some((allowed) => within(target, allowed))) {
          context.report({ node, messageId: 'only', data: { from, allowed: rule.only.join(', '), spec, target, why: rule.why } });
        }
        const hit = rule.never?.find((forbidden) => within(target, forbidden));
        if (hit) context.report({ node, messageId: 'never', data: { from, target, spec, why: rule.why } });
      }
    }

    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
      /** @param {any} node `import('…')` in a type position */
      TSImportType: (node) => check(node, node.argument?.literal?.value ?? node.argument?.value),
    };
  },
};

/** The local plugin: `layers/imports`. */
export default { meta: { name: 'layers' }, rules: { imports: importsRule } };
