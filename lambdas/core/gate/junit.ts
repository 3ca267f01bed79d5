/**
 * JUnit XML of a smoke-gate run, in the dialect GitHub Actions test reporters, GitLab
 * (`artifacts:reports:junit`) and Jenkins (`junit` step) all read: `<testsuites>` → one `<testsuite>`
 * per target, location and browser (the classname ends in the browser) → one `<testcase>` per step and
 * per measured check. A failed check is a
 * `<failure>`, a round we could not measure is an `<error>`, a check that was never reached is
 * `<skipped>`. Times in seconds. Pure: results in, a string out.
 */
import type { BaselineComparison, MetricComparison } from './baseline';
import type { FailOn } from './verdict';
import { browserOf, describeDegraded, describeFailure, formatMbps, formatMs, resultLabel } from './lines';
import type { DegradedReason, ProbeResult, VerdictReading } from '../types';

export interface JUnitOptions {
  /** Whether a degraded check is a `<failure>` (as the gate treats it) or a passing case with a note. */
  readonly failOn: FailOn;
  readonly baseline?: BaselineComparison;
  /** Name of the root `<testsuites>`. @default 'autocrm-synthetics smoke' */
  readonly name?: string;
}

type Outcome =
  | { readonly type: 'pass'; readonly note?: string }
  | { readonly type: 'failure' | 'error'; readonly kind: string; readonly message: string }
  | { readonly type: 'skipped'; readonly message: string };

interface TestCase {
  readonly name: string;
  readonly timeS: number;
  readonly outcome: Outcome;
}

/** The whole report, UTF-8 XML with every attribute and text escaped. */
export function toJUnitXml(results: readonly ProbeResult[], options: JUnitOptions): string {
  const suites = results.map((result) => suiteXml(result, testCasesOf(result, options)));
  const totals = suites.reduce(
    (sum, suite) => ({
      tests: sum.tests + suite.tests,
      failures: sum.failures + suite.failures,
      errors: sum.errors + suite.errors,
      skipped: sum.skipped + suite.skipped,
    }),
    { tests: 0, failures: 0, errors: 0, skipped: 0 },
  );
  const timeS = results.reduce((sum, result) => sum + result.durationMs, 0) / 1000;
  const attributes = attrs({ name: options.name ?? 'autocrm-synthetics smoke', ...totals, time: seconds(timeS) });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites ${attributes}>`,
    ...suites.map((suite) => suite.xml),
    '</testsuites>',
    '',
  ].join('\n');
}

function testCasesOf(result: ProbeResult, options: JUnitOptions): TestCase[] {
  const failures = describeFailure(result);
  const failureOf = (check: string) => failures.find((failure) => failure.check === check);
  const errored = result.status === 'error';
  // A step problem in a round that still passed (or was only degraded) is shown, not counted.
  const counted = result.status === 'fail' || errored;
  const cases: TestCase[] = result.steps.map((step) => {
    const failure = step.ok ? undefined : failureOf(step.name);
    const outcome: Outcome = !failure
      ? { type: 'pass' }
      : counted
        ? { type: errored ? 'error' : 'failure', kind: failure.kind, message: failure.detail }
        : { type: 'pass', note: `${failure.kind}: ${failure.detail} (the round was not failed for it)` };
    return { name: `step ${step.name}`, timeS: step.durationMs / 1000, outcome };
  });
  for (const failure of failures) {
    if (counted && !result.steps.some((step) => step.name === failure.check)) {
      cases.push({
        name: `step ${failure.check}`,
        timeS: 0,
        outcome: { type: errored ? 'error' : 'failure', kind: failure.kind, message: failure.detail },
      });
    }
  }
  cases.push(...verdictCases(result), ...measuredCases(result, options.failOn));
  const comparisons =
    options.baseline?.comparisons.filter(
      (item) => item.target === result.target && item.location === result.location && browserOf(item) === browserOf(result),
    ) ?? [];
  cases.push(...comparisons.map(baselineCase));
  return cases;
}

function verdictCases(result: ProbeResult): TestCase[] {
  const checks: ReadonlyArray<readonly [string, 'browser' | 'websocket' | 'http', string]> = [
    ['System-Check browser verdict', 'browser', 'browser_unsupported'],
    ['System-Check WebSocket verdict', 'websocket', 'websocket'],
    ['System-Check HTTP verdict', 'http', 'http'],
  ];
  return checks.map(([name, key, kind]) => ({ name, timeS: 0, outcome: verdictOutcome(result.systemCheck?.[key], kind) }));
}

function verdictOutcome(reading: VerdictReading | undefined, kind: string): Outcome {
  if (!reading || reading.ok === null)
    return { type: 'skipped', message: 'verdict not read (the System-Check was not reached or did not finish)' };
  const text = `System-Check says "${reading.text ?? ''}"`;
  return reading.ok ? { type: 'pass', note: text } : { type: 'failure', kind, message: text };
}

/** The measured figures and the degraded reason each can raise. */
const MEASURED: ReadonlyArray<{ name: string; reason: DegradedReason; read: (r: ProbeResult) => string | undefined }> = [
  { name: 'login page TTFB', reason: 'page_load', read: (r) => optional(r.loginPage?.ttfbMs, formatMs) },
  { name: 'WebSocket RTT p95', reason: 'websocket_latency', read: (r) => optional(r.websocket?.rttMs?.p95, formatMs) },
  { name: 'HTTP RTT p95', reason: 'http_latency', read: (r) => optional(r.http?.rttMs?.p95, formatMs) },
  { name: 'bandwidth vs requirement', reason: 'bandwidth', read: bandwidthFigures },
];

function measuredCases(result: ProbeResult, failOn: FailOn): TestCase[] {
  return MEASURED.map(({ name, reason, read }) => {
    const figure = read(result);
    if (figure === undefined) return { name, timeS: 0, outcome: { type: 'skipped', message: 'not measured in this round' } };
    if (!result.degraded.includes(reason)) return { name, timeS: 0, outcome: { type: 'pass', note: figure } };
    const message = `DEGRADED ${reason}: ${describeDegraded(result, reason)}`;
    const outcome: Outcome =
      failOn === 'degraded' ? { type: 'failure', kind: 'degraded', message } : { type: 'pass', note: `${message} (not gating)` };
    return { name, timeS: 0, outcome };
  });
}

function bandwidthFigures(result: ProbeResult): string | undefined {
  const bw = result.bandwidth;
  if (!bw || (bw.downloadMbps === undefined && bw.uploadMbps === undefined)) return undefined;
  const down = bw.downloadMbps === undefined ? 'not measured' : formatMbps(bw.downloadMbps);
  const up = bw.uploadMbps === undefined ? 'not measured' : formatMbps(bw.uploadMbps);
  return `download ${down} (needs ${formatMbps(bw.minDownloadMbps)}), upload ${up} (needs ${formatMbps(bw.minUploadMbps)})`;
}

function baselineCase(comparison: MetricComparison): TestCase {
  const name = `baseline ${comparison.label}`;
  if (comparison.status === 'missing') return { name, timeS: 0, outcome: { type: 'skipped', message: comparison.detail } };
  if (comparison.status === 'regressed')
    return { name, timeS: 0, outcome: { type: 'failure', kind: 'regression', message: comparison.detail } };
  return { name, timeS: 0, outcome: { type: 'pass', note: comparison.detail } };
}

function optional(value: number | undefined, format: (value: number) => string): string | undefined {
  return value === undefined ? undefined : format(value);
}

function suiteXml(result: ProbeResult, cases: readonly TestCase[]) {
  const count = (type: Outcome['type']) => cases.filter((item) => item.outcome.type === type).length;
  const totals = { tests: cases.length, failures: count('failure'), errors: count('error'), skipped: count('skipped') };
  const label = resultLabel(result);
  const header = attrs({
    name: label,
    ...totals,
    time: seconds(result.durationMs / 1000),
    timestamp: result.startedAt.replace(/(\.\d+)?Z$/, ''),
    hostname: result.location,
  });
  const properties: Record<string, string> = {
    target: result.target,
    location: result.location,
    runId: result.runId,
    status: result.status,
    retried: String(result.retried),
  };
  if (result.failure) properties.failureKind = result.failure.kind;
  if (result.loginPage) properties.loginUrl = result.loginPage.url;
  if (result.browser) properties.browser = result.browser.name;
  if (result.browser?.version) properties.browserVersion = result.browser.version;
  const classname = `autocrm-synthetics.${result.target}.${result.location}.${browserOf(result)}`;
  const lines = [`  <testsuite ${header}>`, '    <properties>'];
  for (const [name, value] of Object.entries(properties)) lines.push(`      <property ${attrs({ name, value })}/>`);
  lines.push('    </properties>', ...cases.map((item) => caseXml(item, classname)), '  </testsuite>');
  return { ...totals, xml: lines.join('\n') };
}

function caseXml(item: TestCase, classname: string): string {
  const open = `    <testcase ${attrs({ name: item.name, classname, time: seconds(item.timeS) })}`;
  const outcome = item.outcome;
  if (outcome.type === 'pass') return outcome.note ? `${open}><system-out>${text(outcome.note)}</system-out></testcase>` : `${open}/>`;
  if (outcome.type === 'skipped') return `${open}><skipped ${attrs({ message: outcome.message })}/></testcase>`;
  const message = `${outcome.kind}: ${outcome.message}`;
  return `${open}><${outcome.type} ${attrs({ message, type: outcome.kind })}>${text(message)}</${outcome.type}></testcase>`;
}

function seconds(valueS: number): string {
  return valueS.toFixed(3);
}

/**
 * Keeps only what XML 1.0 allows (its `Char` production: tab, newline, CR, U+0020–U+D7FF,
 * U+E000–U+FFFD, U+10000 and up), so C0 controls and lone surrogates from a page cannot break the file.
 */
function stripInvalidXmlChars(value: string): string {
  let kept = '';
  for (const char of value) {
    const code = char.codePointAt(0) ?? 0;
    const allowed =
      code === 0x9 ||
      code === 0xa ||
      code === 0xd ||
      (code >= 0x20 && code <= 0xd7ff) ||
      (code >= 0xe000 && code <= 0xfffd) ||
      code >= 0x10000;
    if (allowed) kept += char;
  }
  return kept;
}

/** Escapes element text; page-provided text may hold anything, so forbidden characters are dropped. */
export function text(value: string): string {
  return stripInvalidXmlChars(value).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Escapes an attribute value, newlines and tabs included (parsers would normalize them to spaces). */
export function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function attrs(record: Record<string, string | number>): string {
  return Object.entries(record)
    .map(([key, value]) => `${key}="${attr(String(value))}"`)
    .join(' ');
}
