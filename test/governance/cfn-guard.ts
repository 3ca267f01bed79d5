/**
 * AWS Control Tower's proactive controls, checked offline: the cfn-guard binary and the Control Tower
 * rule files that ship in `@cdklabs/cdk-validator-cfnguard` (a dev dependency), run directly over
 * synthesized templates. One call checks any number of templates against every rule (about 2 s here).
 *
 * Run directly rather than as the package's CDK `policyValidationBeta1` plugin: equally fast (one
 * guard run over all templates either way), but the plugin only reports violations, throws on the
 * first synth of a stack that has one, and re-parses guard's nested output with its own heuristics;
 * here every template gets its failed and passed controls, read from guard's stable top-level fields.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, chmodSync, constants, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

const PACKAGE_DIR = dirname(createRequire(import.meta.url).resolve('@cdklabs/cdk-validator-cfnguard/package.json'));
/** The Control Tower rules: one `ct-<service>-pr-<n>.guard` file per control. */
export const CONTROL_TOWER_RULES_DIR = join(PACKAGE_DIR, 'rules', 'control-tower', 'cfn-guard');
/** cfn-guard exits 19 when a template fails a rule, 0 when all pass; anything else is guard's own failure. */
const GUARD_EXIT_NON_COMPLIANT = 19;
/** Guard's JSON for a few templates is a few MB; leave room for many stacks. */
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

/** The binary for this machine, as the package lays them out (`bin/<ubuntu|macos>/<x86_64|aarch64>`). */
export function guardBinary(): string {
  const system = ({ linux: 'ubuntu', darwin: 'macos' } as Record<string, string>)[process.platform];
  const arch = ({ x64: 'x86_64', arm64: 'aarch64' } as Record<string, string>)[process.arch];
  if (!system || !arch) throw new Error(`cfn-guard ships no binary for ${process.platform}/${process.arch}`);
  const binary = join(PACKAGE_DIR, 'bin', system, arch, 'cfn-guard');
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    // The npm tarball carries the executable bit; a package manager that drops it gets it back here
    // (no install script needed or run).
    chmodSync(binary, statSync(binary).mode | 0o111);
  }
  return binary;
}

/** `ct-s3-pr-2.guard` → `CT.S3.PR.2` (every rule file states its control id in the same form). */
export function controlIdOf(ruleFile: string): string {
  return basename(ruleFile, '.guard').toUpperCase().replaceAll('-', '.');
}

function ruleFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? ruleFiles(join(dir, entry.name)) : entry.name.endsWith('.guard') ? [join(dir, entry.name)] : [],
  );
}

/** Guard reports rules by name; each control's file declares its top-level rules as `rule <name> when …`. */
function controlsByRuleName(): Map<string, string> {
  const byRule = new Map<string, string>();
  for (const file of ruleFiles(CONTROL_TOWER_RULES_DIR)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/^rule (\w+) when /gm)) byRule.set(match[1]!, controlIdOf(file));
  }
  return byRule;
}

/** Every control the rule set checks. */
export function allControls(): string[] {
  return ruleFiles(CONTROL_TOWER_RULES_DIR).map(controlIdOf).sort();
}

/** The outcome of one template. */
export interface ControlReport {
  readonly template: string;
  /** Failed control → logical ids of the resources that fail it. */
  readonly failed: ReadonlyMap<string, readonly string[]>;
  /** Controls that applied to a resource of the template and passed. */
  readonly passed: readonly string[];
}

interface GuardRuleResult {
  readonly Rule?: { readonly name: string };
}
interface GuardFileResult {
  readonly name: string;
  readonly not_compliant: readonly GuardRuleResult[] | Record<string, GuardRuleResult>;
  readonly compliant: readonly string[];
}

/** Runs every Control Tower rule over `templates` in one guard call. */
export function checkControls(templates: readonly string[]): ControlReport[] {
  const rules = controlsByRuleName();
  const result = spawnSync(
    guardBinary(),
    [
      'validate',
      '--rules',
      CONTROL_TOWER_RULES_DIR,
      ...templates.flatMap((template) => ['--data', template]),
      '--output-format',
      'json',
      '--structured',
      '--show-summary',
      'none',
    ],
    { encoding: 'utf8', maxBuffer: MAX_OUTPUT_BYTES },
  );
  if (result.error) throw result.error;
  if (result.status !== 0 && result.status !== GUARD_EXIT_NON_COMPLIANT) {
    throw new Error(`cfn-guard exited ${result.status}: ${result.stderr.slice(0, 2000)}`);
  }
  const controlOf = (rule: string): string => rules.get(rule) ?? `unknown rule ${rule}`;
  return (JSON.parse(result.stdout) as GuardFileResult[]).map((file) => {
    const failed = new Map<string, string[]>();
    for (const entry of Object.values(file.not_compliant)) {
      const control = controlOf(entry.Rule?.name ?? '?');
      const resources = [...JSON.stringify(entry).matchAll(/"\/Resources\/([^/"]+)/g)].map((match) => match[1]!);
      failed.set(control, [...new Set([...(failed.get(control) ?? []), ...resources])].sort());
    }
    return { template: file.name, failed, passed: [...new Set(file.compliant.map(controlOf))].sort() };
  });
}
