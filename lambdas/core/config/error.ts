/** One problem in a config or event: where it is (`targets[0].loginUrl`) and what rule it breaks. */
export interface ConfigIssue {
  /** Path of the offending key in the input, e.g. `targets[0].timeouts.stepMs`; `(root)` for the whole input. */
  readonly path: string;
  /** The rule and the value seen, e.g. `must be an absolute http(s) URL, got "crm.pl"`. */
  readonly message: string;
}

/** Where the config docs and the editor schema live: named in every ConfigError as the fix. */
const FIX_HINT = 'Fix the keys above (reference: docs/config.md; editors validate against config/synthetics.schema.json).';

/**
 * A config, config file or Lambda event that breaks the rules. Carries every problem at once, each
 * with its path, so a user fixes them in one pass. A user mistake: printed without a stack trace
 * (CLI exit code 2, `probe_error` in Lambda, synth-time error in CDK).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  readonly issues: readonly ConfigIssue[];
  /** File name or `Lambda event`, when known. */
  readonly source: string | undefined;

  constructor(issues: readonly ConfigIssue[], source?: string) {
    super(formatIssues(issues, source));
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
    this.source = source;
  }
}

/** `invalid config: FILE (2 problems):` followed by one `path: message` line per issue and the fix. */
export function formatIssues(issues: readonly ConfigIssue[], source?: string): string {
  const where = source === undefined ? 'invalid config' : `invalid config: ${source}`;
  const count = issues.length === 1 ? '1 problem' : `${issues.length} problems`;
  const lines = issues.map((issue) => `  ${issue.path}: ${issue.message}`);
  return [`${where} (${count}):`, ...lines, FIX_HINT].join('\n');
}
