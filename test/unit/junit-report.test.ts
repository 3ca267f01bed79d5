/**
 * The JUnit report of a gate run, byte for byte: CI tools read it, so its wire format is asserted
 * whole (the parsed view is junit.test.ts's). Found by mutation testing lambdas/core/gate/junit.ts.
 */
import { describe, expect, it } from 'vitest';
import { baselineEntryOf, compareWithBaseline } from '../../lambdas/core/gate/baseline';
import { attr, text, toJUnitXml } from '../../lambdas/core/gate/junit';
import type { ProbeResult } from '../../lambdas/core/types';
import { bandwidthDegradedResult, distribution, passingResult, websocketFailedResult } from '../smoke/probe-result-fixture';

/** A remote round that failed its WebSocket step, with one verdict unread and one direction unmeasured. */
function failedRemoteRound(): ProbeResult {
  const healthy = passingResult();
  return websocketFailedResult({
    location: 'eu-central-1',
    durationMs: 1234,
    startedAt: '2026-11-27T20:00:00Z',
    systemCheck: { ...healthy.systemCheck!, http: { ok: false, text: 'HTTP kaputt' }, browser: { ok: null, text: null } },
    bandwidth: { ...healthy.bandwidth!, uploadMbps: undefined },
    steps: [
      { name: 'launch', ok: true, durationMs: 250 },
      { name: 'websocket', ok: false, durationMs: 2000, failureKind: 'websocket', message: 'no echo within 2000 ms' },
    ],
    failure: { kind: 'websocket', step: 'websocket', message: 'no echo within 2000 ms' },
  });
}

describe('toJUnitXml, the whole report', () => {
  it('writes suites, properties, cases and baseline comparisons of each round (its own location only) exactly', () => {
    // Prepare: the baseline is local; the remote round is compared with it too (same target), and
    // each suite carries only the comparisons of its own location
    const failed = failedRemoteRound();
    const slower = passingResult({ http: { url: 'http://x/api/ping', rttMs: distribution(50, 90), failedRequests: 0 } });
    const baseline = compareWithBaseline([baselineEntryOf(passingResult())], [failed, slower]);
    // Act
    const xml = toJUnitXml([failed, slower], { failOn: 'fail', baseline, name: 'gate' });
    // Assess
    expect(xml.split('\n')).toEqual([
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<testsuites name="gate" tests="32" failures="3" errors="0" skipped="4" time="5.484">',
      '  <testsuite name="reference @ eu-central-1" tests="14" failures="2" errors="0" skipped="4" time="1.234" timestamp="2026-11-27T20:00:00" hostname="eu-central-1">',
      '    <properties>',
      '      <property name="target" value="reference"/>',
      '      <property name="location" value="eu-central-1"/>',
      '      <property name="runId" value="run-1"/>',
      '      <property name="status" value="fail"/>',
      '      <property name="retried" value="false"/>',
      '      <property name="failureKind" value="websocket"/>',
      '      <property name="loginUrl" value="http://127.0.0.1:8080/cgi-bin/xorg/crm.pl"/>',
      '      <property name="browser" value="chromium"/>',
      '      <property name="browserVersion" value="147.0.7727.15"/>',
      '    </properties>',
      '    <testcase name="step launch" classname="autocrm-synthetics.reference.eu-central-1.chromium" time="0.250"/>',
      '    <testcase name="step websocket" classname="autocrm-synthetics.reference.eu-central-1.chromium" time="2.000"><failure message="websocket: 20/20 messages lost; no echo within 2000 ms" type="websocket">websocket: 20/20 messages lost; no echo within 2000 ms</failure></testcase>',
      '    <testcase name="System-Check browser verdict" classname="autocrm-synthetics.reference.eu-central-1.chromium" time="0.000"><skipped message="verdict not read (the System-Check was not reached or did not finish)"/></testcase>',
      '    <testcase name="System-Check WebSocket verdict" classname="autocrm-synthetics.reference.eu-central-1.chromium" time="0.000"><system-out>System-Check says "WebSocket-Verbindung erfolgreich aufgebaut."</system-out></testcase>',
      '    <testcase name="System-Check HTTP verdict" classname="autocrm-synthetics.reference.eu-central-1.chromium" time="0.000"><failure message="http: System-Check says &quot;HTTP kaputt&quot;" type="http">http: System-Check says "HTTP kaputt"</failure></testcase>',
      '    <testcase name="login page TTFB" classname="autocrm-synthetics.reference.eu-central-1.chromium" time="0.000"><system-out>4.0 ms</system-out></testcase>',
      '    <testcase name="WebSocket RTT p95" classname="autocrm-synthetics.reference.eu-central-1.chromium" time="0.000"><skipped message="not measured in this round"/></testcase>',
      '    <testcase name="HTTP RTT p95" classname="autocrm-synthetics.reference.eu-central-1.chromium" time="0.000"><system-out>3.0 ms</system-out></testcase>',
      '    <testcase name="bandwidth vs requirement" classname="autocrm-synthetics.reference.eu-central-1.chromium" time="0.000"><system-out>download 400 Mbit/s (needs 16 Mbit/s), upload not measured (needs 1.0 Mbit/s)</system-out></testcase>',
      '    <testcase name="baseline WebSocket RTT p95" classname="autocrm-synthetics.reference.eu-central-1.chromium" time="0.000"><skipped message="2.0 ms → — (not measured in this run; not compared)"/></testcase>',
      '    <testcase name="baseline HTTP RTT p95" classname="autocrm-synthetics.reference.eu-central-1.chromium" time="0.000"><system-out>3.0 ms → 3.0 ms (+0 %, +0.0 ms; allowed +50 % or +20 ms)</system-out></testcase>',
      '    <testcase name="baseline login TTFB" classname="autocrm-synthetics.reference.eu-central-1.chromium" time="0.000"><system-out>4.0 ms → 4.0 ms (+0 %, +0.0 ms; allowed +50 % or +20 ms)</system-out></testcase>',
      '    <testcase name="baseline download bandwidth" classname="autocrm-synthetics.reference.eu-central-1.chromium" time="0.000"><system-out>400 Mbit/s → 400 Mbit/s (requires ≥ 16 Mbit/s)</system-out></testcase>',
      '    <testcase name="baseline upload bandwidth" classname="autocrm-synthetics.reference.eu-central-1.chromium" time="0.000"><skipped message="300 Mbit/s → — (not measured in this run; not compared)"/></testcase>',
      '  </testsuite>',
      '  <testsuite name="reference" tests="18" failures="1" errors="0" skipped="0" time="4.250" timestamp="2026-11-27T20:00:00" hostname="local">',
      '    <properties>',
      '      <property name="target" value="reference"/>',
      '      <property name="location" value="local"/>',
      '      <property name="runId" value="run-1"/>',
      '      <property name="status" value="pass"/>',
      '      <property name="retried" value="false"/>',
      '      <property name="loginUrl" value="http://127.0.0.1:8080/cgi-bin/xorg/crm.pl"/>',
      '      <property name="browser" value="chromium"/>',
      '      <property name="browserVersion" value="147.0.7727.15"/>',
      '    </properties>',
      '    <testcase name="step launch" classname="autocrm-synthetics.reference.local.chromium" time="0.500"/>',
      '    <testcase name="step login_page" classname="autocrm-synthetics.reference.local.chromium" time="0.500"/>',
      '    <testcase name="step system_check" classname="autocrm-synthetics.reference.local.chromium" time="0.500"/>',
      '    <testcase name="step websocket" classname="autocrm-synthetics.reference.local.chromium" time="0.500"/>',
      '    <testcase name="step http" classname="autocrm-synthetics.reference.local.chromium" time="0.500"/>',
      '    <testcase name="step bandwidth" classname="autocrm-synthetics.reference.local.chromium" time="0.500"/>',
      '    <testcase name="System-Check browser verdict" classname="autocrm-synthetics.reference.local.chromium" time="0.000"><system-out>System-Check says "Ihr Browser wird unterstützt."</system-out></testcase>',
      '    <testcase name="System-Check WebSocket verdict" classname="autocrm-synthetics.reference.local.chromium" time="0.000"><system-out>System-Check says "WebSocket-Verbindung erfolgreich aufgebaut."</system-out></testcase>',
      '    <testcase name="System-Check HTTP verdict" classname="autocrm-synthetics.reference.local.chromium" time="0.000"><system-out>System-Check says "HTTP-Verbindung erfolgreich aufgebaut."</system-out></testcase>',
      '    <testcase name="login page TTFB" classname="autocrm-synthetics.reference.local.chromium" time="0.000"><system-out>4.0 ms</system-out></testcase>',
      '    <testcase name="WebSocket RTT p95" classname="autocrm-synthetics.reference.local.chromium" time="0.000"><system-out>2.0 ms</system-out></testcase>',
      '    <testcase name="HTTP RTT p95" classname="autocrm-synthetics.reference.local.chromium" time="0.000"><system-out>90 ms</system-out></testcase>',
      '    <testcase name="bandwidth vs requirement" classname="autocrm-synthetics.reference.local.chromium" time="0.000"><system-out>download 400 Mbit/s (needs 16 Mbit/s), upload 300 Mbit/s (needs 1.0 Mbit/s)</system-out></testcase>',
      '    <testcase name="baseline WebSocket RTT p95" classname="autocrm-synthetics.reference.local.chromium" time="0.000"><system-out>2.0 ms → 2.0 ms (+0 %, +0.0 ms; allowed +50 % or +20 ms)</system-out></testcase>',
      '    <testcase name="baseline HTTP RTT p95" classname="autocrm-synthetics.reference.local.chromium" time="0.000"><failure message="regression: 3.0 ms → 90 ms (+2900 %, +87 ms; allowed +50 % or +20 ms)" type="regression">regression: 3.0 ms → 90 ms (+2900 %, +87 ms; allowed +50 % or +20 ms)</failure></testcase>',
      '    <testcase name="baseline login TTFB" classname="autocrm-synthetics.reference.local.chromium" time="0.000"><system-out>4.0 ms → 4.0 ms (+0 %, +0.0 ms; allowed +50 % or +20 ms)</system-out></testcase>',
      '    <testcase name="baseline download bandwidth" classname="autocrm-synthetics.reference.local.chromium" time="0.000"><system-out>400 Mbit/s → 400 Mbit/s (requires ≥ 16 Mbit/s)</system-out></testcase>',
      '    <testcase name="baseline upload bandwidth" classname="autocrm-synthetics.reference.local.chromium" time="0.000"><system-out>300 Mbit/s → 300 Mbit/s (requires ≥ 1.0 Mbit/s)</system-out></testcase>',
      '  </testsuite>',
      '</testsuites>',
      '',
    ]);
  });
});

/** The `<testcase …>` line of the case named `name` in `xml`. */
function caseLine(xml: string, name: string): string | undefined {
  return xml.split('\n').find((line) => line.includes(`<testcase name="${name}"`));
}

describe('toJUnitXml, cases by round status', () => {
  it('shows a failed step of a round that was not failed as a passing case with a note', () => {
    // Prepare: degraded round whose websocket step failed (the round itself was not failed for it)
    const degraded = bandwidthDegradedResult({
      steps: [{ name: 'websocket', ok: false, durationMs: 10, failureKind: 'websocket', message: 'one echo late' }],
    });
    // Act
    const xml = toJUnitXml([degraded], { failOn: 'fail' });
    // Assess
    expect(caseLine(xml, 'step websocket')).toBe(
      '    <testcase name="step websocket" classname="autocrm-synthetics.reference.local.chromium" time="0.010"><system-out>websocket: 0/20 messages lost; one echo late (the round was not failed for it)</system-out></testcase>',
    );
    expect(xml).toContain('<testsuites name="autocrm-synthetics smoke" tests="8" failures="0" errors="0" skipped="0" time="4.250">');
  });

  it("adds the round's failure as a case of its own when no recorded step holds it: a failure, or an error for a probe error", () => {
    // Prepare
    const failure = { kind: 'timeout', step: 'login_page', message: 'round deadline exceeded' } as const;
    const failed = passingResult({ status: 'fail', failure, steps: [{ name: 'launch', ok: true, durationMs: 100 }] });
    const errored = passingResult({
      status: 'error',
      failure: { kind: 'probe_error', step: 'launch', message: 'no Chromium' },
      steps: [],
    });
    // Act
    const failedXml = toJUnitXml([failed], { failOn: 'fail' });
    const erroredXml = toJUnitXml([errored], { failOn: 'fail' });
    // Assess
    expect(caseLine(failedXml, 'step login_page')).toBe(
      '    <testcase name="step login_page" classname="autocrm-synthetics.reference.local.chromium" time="0.000"><failure message="timeout: round deadline exceeded" type="timeout">timeout: round deadline exceeded</failure></testcase>',
    );
    expect(caseLine(erroredXml, 'step launch')).toBe(
      '    <testcase name="step launch" classname="autocrm-synthetics.reference.local.chromium" time="0.000"><error message="probe_error: no Chromium" type="probe_error">probe_error: no Chromium</error></testcase>',
    );
  });

  it('quotes an empty verdict text as such, and leaves out the properties a round did not record', () => {
    // Prepare
    const healthy = passingResult();
    const result = passingResult({
      status: 'fail',
      failure: { kind: 'websocket', step: 'system_check', message: 'the page says no' },
      systemCheck: { ...healthy.systemCheck!, websocket: { ok: false, text: null } },
      loginPage: null,
      browser: { ...healthy.browser!, version: null },
    });
    // Act
    const xml = toJUnitXml([result], { failOn: 'fail' });
    // Assess
    expect(caseLine(xml, 'System-Check WebSocket verdict')).toContain(
      '<failure message="websocket: System-Check says &quot;&quot;" type="websocket">websocket: System-Check says ""</failure>',
    );
    expect(xml).not.toContain('name="loginUrl"');
    expect(xml).not.toContain('name="browserVersion"');
    expect(xml).toContain('<property name="browser" value="chromium"/>');
    expect(toJUnitXml([{ ...result, browser: null }], { failOn: 'fail' })).not.toContain('name="browser"');
  });

  it('reports bandwidth with only the upload measured, and skips it when neither direction was', () => {
    // Prepare
    const bandwidth = passingResult().bandwidth!;
    const uploadOnly = passingResult({ bandwidth: { ...bandwidth, downloadMbps: undefined } });
    const neither = passingResult({ bandwidth: { ...bandwidth, downloadMbps: undefined, uploadMbps: undefined } });
    // Act + Assess
    expect(caseLine(toJUnitXml([uploadOnly], { failOn: 'fail' }), 'bandwidth vs requirement')).toContain(
      '<system-out>download not measured (needs 16 Mbit/s), upload 300 Mbit/s (needs 1.0 Mbit/s)</system-out>',
    );
    expect(caseLine(toJUnitXml([neither], { failOn: 'fail' }), 'bandwidth vs requirement')).toContain(
      '<skipped message="not measured in this round"/>',
    );
  });
});

describe('text and attr', () => {
  it('keep exactly the characters XML 1.0 allows, at each edge of its ranges', () => {
    // Prepare: tab, LF, CR, space, U+D7FF, U+E000, U+FFFD and U+10000 are allowed; U+0008, U+001F,
    // lone surrogates U+D800 and U+DFFF, U+FFFE and U+FFFF are not
    const allowed = '\t\n\r \uD7FF\uE000\uFFFD\u{10000}';
    const forbidden = ['\u0008', '\u001F', '\uD800', '\uDFFF', '\uFFFE', '\uFFFF'];
    // Act + Assess (each forbidden one alone between letters: two surrogates side by side are a pair)
    expect(text(`${forbidden.join('x')}${allowed}`)).toBe(`xxxxx${allowed}`);
  });

  it('escape markup in text, and quotes, apostrophes, newlines, carriage returns and tabs in attributes', () => {
    expect(text('<a href="x">&\'</a>')).toBe('&lt;a href="x"&gt;&amp;\'&lt;/a&gt;');
    expect(attr('"it\'s"\n\r\t<&>')).toBe('&quot;it&apos;s&quot;&#10;&#13;&#9;&lt;&amp;&gt;');
  });
});

/** The value of attribute `name` on the first `<testsuite>` line of `xml`. */
function suiteAttribute(xml: string, name: string): string | undefined {
  const line = xml.split('\n').find((candidate) => candidate.startsWith('  <testsuite '));
  return line?.match(new RegExp(` ${name}="([^"]*)"`))?.[1];
}

describe('toJUnitXml, what belongs to which case and suite', () => {
  it('gives each failed step its own failure kind and message, not the first failure of the round', () => {
    // Prepare
    const result = passingResult({
      status: 'fail',
      failure: { kind: 'websocket', step: 'websocket', message: 'no echo within 2000 ms' },
      steps: [
        { name: 'login_page', ok: false, durationMs: 40, failureKind: 'content', message: 'login form missing' },
        { name: 'websocket', ok: false, durationMs: 2000, failureKind: 'websocket', message: 'no echo within 2000 ms' },
      ],
    });
    // Act
    const xml = toJUnitXml([result], { failOn: 'fail' });
    // Assess
    expect(caseLine(xml, 'step login_page')).toContain('<failure message="content: login form missing" type="content">');
    expect(caseLine(xml, 'step websocket')).toContain(
      '<failure message="websocket: 0/20 messages lost; no echo within 2000 ms" type="websocket">',
    );
  });

  it('puts each baseline comparison only into the suite of its own target and browser', () => {
    // Prepare: three rounds at one location; only other-target's round regressed
    const reference = passingResult();
    const firefox = passingResult({
      browser: { name: 'firefox', engine: 'gecko', version: '153.0', userAgent: 'Mozilla/5.0 Firefox/153' },
    });
    const other = passingResult({ target: 'other-target' });
    const slower = { ...other, http: { url: 'http://127.0.0.1/api/ping', rttMs: distribution(50, 90), failedRequests: 0 } };
    const baseline = compareWithBaseline([reference, firefox, other].map(baselineEntryOf), [reference, firefox, slower]);
    // Act
    const suites = [reference, firefox, slower].map((result) => toJUnitXml([result], { failOn: 'fail', baseline }));
    // Assess: five baseline cases per suite, the regression only in other-target's
    const baselineCases = suites.map((xml) => xml.split('\n').filter((line) => line.includes('<testcase name="baseline ')).length);
    expect(baselineCases).toEqual([5, 5, 5]);
    expect(suites.map((xml) => suiteAttribute(xml, 'failures'))).toEqual(['0', '0', '1']);
  });

  it('reports a browser the System-Check refused as a failure of type browser_unsupported', () => {
    // Prepare
    const healthy = passingResult();
    const refused = passingResult({
      status: 'fail',
      failure: { kind: 'browser_unsupported', step: 'system_check', message: 'browser refused' },
      systemCheck: { ...healthy.systemCheck!, browser: { ok: false, text: 'Browser nicht unterstützt.' } },
    });
    // Act
    const xml = toJUnitXml([refused], { failOn: 'fail' });
    // Assess
    expect(caseLine(xml, 'System-Check browser verdict')).toContain(
      '<failure message="browser_unsupported: System-Check says &quot;Browser nicht unterstützt.&quot;" type="browser_unsupported">',
    );
  });

  it('skips the HTTP RTT case when the HTTP measurement got no round trip', () => {
    // Prepare
    const result = passingResult({ http: { url: 'http://127.0.0.1/api/ping', failedRequests: 20 } });
    // Act + Assess
    expect(caseLine(toJUnitXml([result], { failOn: 'fail' }), 'HTTP RTT p95')).toContain('<skipped message="not measured in this round"/>');
  });

  it('writes the round start without fraction and zone as the suite timestamp, and passes a time in another form on whole', () => {
    // Act
    const iso = toJUnitXml([passingResult({ startedAt: '2026-11-27T20:00:00.123Z' })], { failOn: 'fail' });
    const other = toJUnitXml([passingResult({ startedAt: 'Zulu 2026-11-27 20:00' })], { failOn: 'fail' });
    // Assess
    expect(suiteAttribute(iso, 'timestamp')).toBe('2026-11-27T20:00:00');
    expect(suiteAttribute(other, 'timestamp')).toBe('Zulu 2026-11-27 20:00');
  });
});
