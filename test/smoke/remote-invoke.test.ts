/**
 * invokeRemoteSmoke with the real Lambda client against the local Invoke endpoint: what a hung,
 * broken or impostor function turns into (always a probe error for that region, never a throw).
 */
import { LambdaClient } from '@aws-sdk/client-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { functionNameFor, invokeRemoteSmoke } from '../../cli/smoke/remote-invoke';
import { startFakeLambda, type FakeLambda } from './fake-lambda';
import { passingResult } from './probe-result-fixture';

function clientFor(endpoint: string) {
  return (region: string, timeoutMs: number) =>
    new LambdaClient({
      region,
      endpoint,
      credentials: { accessKeyId: 'AKIDSMOKETEST', secretAccessKey: 'smoke-test-secret' },
      maxAttempts: 1,
      requestHandler: { requestTimeout: timeoutMs + 5_000 },
    });
}

describe('invokeRemoteSmoke', () => {
  let fake: FakeLambda | undefined;
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
  });

  it('bounds a hung region by the invoke timeout and attributes the error to the expected targets', async () => {
    // Prepare
    fake = await startFakeLambda({
      'eu-west-1': { kind: 'hang' },
      'eu-central-1': {
        kind: 'summary',
        body: { ok: true, location: 'eu-central-1', results: [passingResult({ location: 'eu-central-1' })] },
      },
    });
    // Act
    const outcomes = await invokeRemoteSmoke({
      regions: ['eu-west-1', 'eu-central-1'],
      rounds: [{ runtime: 'chromium', event: { mode: 'smoke' }, expectedTargets: ['autocrm', 'staging'] }],
      timeoutMs: 1_000,
      clientFor: clientFor(fake.endpoint),
    });
    // Assess (the fake never answers: a call the invoke timeout did not end would run into the test's timeout)
    const [hung, healthy] = outcomes;
    expect(hung?.answered).toBe(false);
    expect(hung?.results.map((r) => [r.target, r.location, r.status])).toEqual([
      ['autocrm', 'eu-west-1', 'error'],
      ['staging', 'eu-west-1', 'error'],
    ]);
    expect(hung?.results[0]?.failure?.message).toBe('autocrm-synthetics-probe in eu-west-1: no answer within 1 s (invoke timeout)');
    expect(healthy).toMatchObject({ region: 'eu-central-1', answered: true });
    expect(healthy?.results.map((r) => r.status)).toEqual(['pass']);
  });

  it.each([
    ['not JSON', '<html>gateway</html>', 'the function answered with something that is not JSON (20 bytes)'],
    ['not a summary', '{"statusCode": 200, "body": "ok"}', 'the function\'s answer is not a probe summary ("ok" is not a boolean)'],
    [
      'a result without status',
      '{"ok": true, "location": "x", "results": [{"target": "a", "steps": [], "degraded": []}]}',
      'results[0].status is not one of pass, degraded, fail, error',
    ],
    ['no results', '{"ok": false, "location": "x", "results": []}', 'the function probed no target'],
  ])('turns an answer that is %s into a probe error', async (_name, text, message) => {
    // Prepare
    fake = await startFakeLambda({ 'eu-west-3': { kind: 'raw', text } });
    // Act
    const [outcome] = await invokeRemoteSmoke({
      regions: ['eu-west-3'],
      rounds: [{ runtime: 'chromium', event: { mode: 'smoke' }, expectedTargets: [] }],
      clientFor: clientFor(fake.endpoint),
    });
    // Assess
    expect(outcome?.answered).toBe(false);
    expect(outcome?.results).toHaveLength(1);
    expect(outcome?.results[0]).toMatchObject({
      target: 'all-targets',
      location: 'eu-west-3',
      status: 'error',
      failure: { kind: 'probe_error' },
    });
    expect(outcome?.results[0]?.failure?.message).toContain(message);
  });

  it('reports an endpoint nobody listens on as a probe error naming the network error', async () => {
    // Prepare: port 1 on loopback refuses connections
    const unreachable = clientFor('http://127.0.0.1:1');
    // Act
    const [outcome] = await invokeRemoteSmoke({
      regions: ['sa-east-1'],
      rounds: [{ runtime: 'chromium', event: { mode: 'smoke' }, expectedTargets: ['autocrm'] }],
      clientFor: unreachable,
    });
    // Assess
    expect(outcome?.answered).toBe(false);
    expect(outcome?.results[0]).toMatchObject({ target: 'autocrm', location: 'sa-east-1', status: 'error' });
    expect(outcome?.results[0]?.failure?.message).toMatch(/^autocrm-synthetics-probe in sa-east-1: .*ECONNREFUSED/);
  });

  it("sends each round to its browser's function and merges a region's rounds into one outcome", async () => {
    // Prepare: the Chromium function passes, Firefox's fails to start.
    fake = await startFakeLambda({
      'eu-west-1': { kind: 'summary', body: { ok: true, location: 'eu-west-1', results: [passingResult({ location: 'eu-west-1' })] } },
      'eu-west-1/autocrm-synthetics-probe-firefox': { kind: 'function-error', errorType: 'Error', errorMessage: 'no Firefox' },
    });
    // Act
    const [outcome] = await invokeRemoteSmoke({
      regions: ['eu-west-1'],
      rounds: [
        {
          runtime: 'chromium',
          event: { mode: 'smoke', targets: [{ name: 'autocrm', browsers: ['chromium'] }] },
          expectedTargets: ['autocrm'],
        },
        {
          runtime: 'firefox',
          event: { mode: 'smoke', targets: [{ name: 'autocrm', browsers: ['firefox'] }] },
          expectedTargets: ['autocrm'],
        },
      ],
      clientFor: clientFor(fake.endpoint),
    });
    // Assess
    expect(fake.requests.map((r) => r.functionName).sort()).toEqual(['autocrm-synthetics-probe', 'autocrm-synthetics-probe-firefox']);
    expect(outcome).toMatchObject({ region: 'eu-west-1', answered: false });
    expect(outcome?.functionName.split(', ').sort()).toEqual(['autocrm-synthetics-probe', 'autocrm-synthetics-probe-firefox']);
    expect(outcome?.results.map((r) => r.status).sort()).toEqual(['error', 'pass']);
    expect(outcome?.results.find((r) => r.status === 'error')?.failure?.message).toMatch(
      /^autocrm-synthetics-probe-firefox in eu-west-1: the function failed \(Unhandled\): Error: no Firefox/,
    );
  });

  it('fills the region into a function-name pattern and leaves names and ARNs alone', () => {
    // Assess
    expect(functionNameFor('autocrm-probe-{region}', 'eu-west-1')).toBe('autocrm-probe-eu-west-1');
    expect(functionNameFor('autocrm-synthetics-probe', 'eu-west-1')).toBe('autocrm-synthetics-probe');
    expect(functionNameFor('arn:aws:lambda:{region}:123456789012:function:probe', 'us-east-1')).toBe(
      'arn:aws:lambda:us-east-1:123456789012:function:probe',
    );
  });
});
