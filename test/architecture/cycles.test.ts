/**
 * Zero import cycles in the repository (`npm run cycles` prints the same with madge's CLI), type-only
 * and dynamic imports included; a planted two-file cycle proves the check sees one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import madge from 'madge';
import { afterAll, describe, expect, it } from 'vitest';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
/** Every folder with code of ours (the same list as `npm run cycles`). */
const CODE_FOLDERS = ['bin', 'cli', 'lambdas', 'lib', 'target', 'bench', 'config', 'test', 'eslint-rules'];

/** madge as `npm run cycles` runs it: TypeScript resolution, and type-only imports count as edges. */
function importGraph(paths: readonly string[], baseDir: string) {
  return madge(paths, {
    baseDir,
    fileExtensions: ['ts', 'mjs', 'js'],
    tsConfig: join(REPO_ROOT, 'tsconfig.json'),
    detectiveOptions: { ts: { skipTypeImports: false }, es6: { skipTypeImports: false } },
  });
}

const scratch: string[] = [];
afterAll(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe('import cycles', () => {
  it('the repository has none', async () => {
    // Act
    const graph = await importGraph(CODE_FOLDERS, REPO_ROOT);
    // Assess: the graph is the real one (the CLI and the handler are in it), and it has no circle.
    expect(Object.keys(graph.obj())).toEqual(expect.arrayContaining(['cli/main.ts', 'lambdas/handler.ts']));
    expect(graph.circular()).toEqual([]);
  });

  it('a planted cycle of a type-only import and a dynamic import is found', async () => {
    // Prepare
    const dir = mkdtempSync(join(tmpdir(), 'cycles-test-'));
    scratch.push(dir);
    writeFileSync(join(dir, 'main.ts'), "import type { Command } from './command';\nexport const commands: Command[] = [];\n");
    writeFileSync(join(dir, 'command.ts'), "export interface Command { run(): void }\nexport const load = () => import('./main');\n");
    // Act
    const graph = await importGraph([dir], dir);
    // Assess
    expect(graph.circular()).toEqual([['command.ts', 'main.ts']]);
  });
});
