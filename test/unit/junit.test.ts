import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { baselineEntryOf, compareWithBaseline } from '../../lambdas/core/gate/baseline';
import { toJUnitXml } from '../../lambdas/core/gate/junit';
import {
  bandwidthDegradedResult,
  distribution,
  launchErrorResult,
  passingResult,
  websocketFailedResult,
} from '../smoke/probe-result-fixture';

interface ParsedCase {
  '@_name': string;
  '@_time': string;
  failure?: { '@_message': string; '@_type': string; '#text': string };
  error?: { '@_message': string; '@_type': string };
  skipped?: { '@_message': string };
  'system-out'?: string;
}
interface ParsedSuite {
  '@_name': string;
  '@_tests': string;
  '@_failures': string;
  '@_errors': string;
  '@_skipped': string;
  '@_time': string;
  properties: { property: { '@_name': string; '@_value': string }[] };
  testcase: ParsedCase[];
}

/** Parses the report the way CI tools do: a real XML parser, attributes kept. */
function parse(xml: string): { suites: ParsedSuite[]; root: Record<string, string> } {
  expect(XMLValidator.validate(xml)).toBe(true);
  const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase', 'property'].includes(name) });
  const doc = parser.parse(xml) as { testsuites: Record<string, string> & { testsuite: ParsedSuite[] } };
  return { suites: doc.testsuites.testsuite, root: doc.testsuites };
}

function counts(suite: ParsedSuite) {
  const cases = suite.testcase;
  return {
    declared: [suite['@_tests'], suite['@_failures'], suite['@_errors'], suite['@_skipped']].map(Number),
    actual: [
      cases.length,
      cases.filter((c) => c.failure).length,
      cases.filter((c) => c.error).length,
      cases.filter((c) => c.skipped !== undefined).length,
    ],
  };
}

describe('toJUnitXml', () => {
  it('writes one suite per target with one case per step and measured check, and matching counts', () => {
    // Prepare
    const results = [
      passingResult(),
      websocketFailedResult({ target: 'prod-eu', location: 'eu-central-1' }),
      launchErrorResult({ target: 'broken' }),
    ];
    // Act
    const { suites, root } = parse(toJUnitXml(results, { failOn: 'fail' }));
    // Assess
    expect(suites.map((suite) => suite['@_name'])).toEqual(['reference', 'prod-eu @ eu-central-1', 'broken']);
    for (const suite of suites) expect(counts(suite).declared).toEqual(counts(suite).actual);
    expect(suites.map((suite) => counts(suite).actual)).toEqual([
      [13, 0, 0, 0],
      [13, 1, 0, 1], // the WebSocket RTT p95 was never measured: skipped
      [8, 0, 1, 7],
    ]);
    expect([root['@_tests'], root['@_failures'], root['@_errors'], root['@_skipped']]).toEqual(['34', '1', '1', '8']);
    expect(suites[0]?.testcase.map((c) => c['@_name'])).toEqual([
      'step launch',
      'step login_page',
      'step system_check',
      'step websocket',
      'step http',
      'step bandwidth',
      'System-Check browser verdict',
      'System-Check WebSocket verdict',
      'System-Check HTTP verdict',
      'login page TTFB',
      'WebSocket RTT p95',
      'HTTP RTT p95',
      'bandwidth vs requirement',
    ]);
  });

  it('puts the failure kind and the figures into the failure message, and times in seconds', () => {
    // Act
    const { suites } = parse(toJUnitXml([websocketFailedResult()], { failOn: 'fail' }));
    // Assess
    const failed = suites[0]?.testcase.find((c) => c.failure);
    expect(failed?.['@_name']).toBe('step websocket');
    expect(failed?.failure?.['@_type']).toBe('websocket');
    expect(failed?.failure?.['@_message']).toBe('websocket: 20/20 messages lost; no echo within 2000 ms');
    expect(failed?.['@_time']).toBe('0.500');
    expect(suites[0]?.['@_time']).toBe('4.250');
  });

  it('reports a probe error as <error> and carries location and runId as properties', () => {
    // Act
    const { suites } = parse(toJUnitXml([launchErrorResult({ location: 'eu-west-1', runId: 'abc-123' })], { failOn: 'fail' }));
    // Assess
    const errored = suites[0]?.testcase.find((c) => c.error);
    expect(errored?.error?.['@_type']).toBe('probe_error');
    expect(errored?.error?.['@_message']).toMatch(/^probe_error: Chromium would not start/);
    const properties = Object.fromEntries(suites[0]!.properties.property.map((p) => [p['@_name'], p['@_value']]));
    expect(properties).toMatchObject({ location: 'eu-west-1', runId: 'abc-123', status: 'error', failureKind: 'probe_error' });
  });

  it('counts a degraded check as a failure only when the gate fails on degraded', () => {
    // Prepare
    const results = [bandwidthDegradedResult()];
    // Act
    const lenient = parse(toJUnitXml(results, { failOn: 'fail' }));
    const strict = parse(toJUnitXml(results, { failOn: 'degraded' }));
    // Assess
    expect(lenient.root['@_failures']).toBe('0');
    expect(lenient.suites[0]?.testcase.find((c) => c['@_name'] === 'bandwidth vs requirement')?.['system-out']).toMatch(
      /DEGRADED bandwidth.*not gating/,
    );
    expect(strict.root['@_failures']).toBe('1');
    expect(strict.suites[0]?.testcase.find((c) => c.failure)?.failure?.['@_message']).toBe(
      'degraded: DEGRADED bandwidth: download 3.9 Mbit/s < 16 Mbit/s required',
    );
  });

  it('adds baseline comparisons as cases, a regression as a failure', () => {
    // Prepare
    const now = passingResult({ http: { url: 'http://x/api/ping', rttMs: distribution(50, 90), failedRequests: 0 } });
    const baseline = compareWithBaseline([baselineEntryOf(passingResult())], [now]);
    // Act
    const { suites } = parse(toJUnitXml([now], { failOn: 'fail', baseline }));
    // Assess
    const cases = suites[0]!.testcase.filter((c) => c['@_name'].startsWith('baseline '));
    expect(cases).toHaveLength(5);
    expect(cases.find((c) => c.failure)?.['@_name']).toBe('baseline HTTP RTT p95');
    expect(counts(suites[0]!).declared).toEqual([18, 1, 0, 0]);
  });

  it('escapes markup, quotes and control characters from page text', () => {
    // Prepare
    const hostile = '<script>"a" & \'b\'</script>\u0000\u001b]]>\nnext';
    const result = websocketFailedResult({ target: 'a&b<"c">', failure: { kind: 'websocket', step: 'websocket', message: hostile } });
    const steps = result.steps.map((step) => (step.name === 'websocket' ? { ...step, message: hostile } : step));
    // Act
    const xml = toJUnitXml([{ ...result, steps }], { failOn: 'fail' });
    const { suites } = parse(xml);
    // Assess
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('\u0000');
    expect(xml).toContain('name="a&amp;b&lt;&quot;c&quot;&gt;"');
    expect(suites[0]?.['@_name']).toBe('a&b<"c">');
    const failure = suites[0]?.testcase.find((c) => c.failure)?.failure;
    expect(failure?.['@_message']).toBe('websocket: 20/20 messages lost; <script>"a" & \'b\'</script>]]> next');
  });
});
