import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceTargetConfig } from '../../lambdas/core/config';
import type { TargetConfig } from '../../lambdas/core/config/types';
import { probeTarget } from '../../lambdas/probe/probe-target';
import { startTarget, type RunningTarget } from '../../target/index';
import { closedPort } from '../handler/helpers';
import { chromiumChildren } from './journey-helpers';

/** Network-level faults map to the right failure kind at the login page, each within its timeout. */
describe('probeTarget classifies network failures of the login page', () => {
  let plain: RunningTarget;
  let tls: RunningTarget;

  beforeAll(async () => {
    plain = await startTarget();
    tls = await startTarget({ tls: 'self-signed' });
  });
  afterAll(async () => {
    await plain.close();
    await tls.close();
  });

  function journeyAt(loginUrl: string, origin: string): TargetConfig {
    const base = referenceTargetConfig(origin);
    return {
      ...base,
      loginUrl,
      websocket: undefined,
      http: undefined,
      measurePageEndpoints: false,
      bandwidth: undefined,
      timeouts: { ...base.timeouts, navigationMs: 2_000 },
    };
  }

  it.each([
    ['a self-signed certificate', 'tls', /ERR_CERT_/],
    ['a name that does not resolve', 'dns', /ERR_NAME_NOT_RESOLVED/],
  ] as const)('%s → %s', async (label, kind, message) => {
    // Prepare
    const url = label === 'a self-signed certificate' ? tls.loginUrl : 'http://no-such-host.invalid/cgi-bin/xorg/crm.pl';
    // Act
    const { result } = await probeTarget(journeyAt(url, plain.origin), { location: 'local' });
    // Assess
    expect(result.failure).toMatchObject({ kind, step: 'login_page' });
    expect(result.failure?.message).toMatch(message);
    expect(chromiumChildren()).toEqual([]);
  });

  it('a port nobody listens on → connect', async () => {
    // Prepare
    const url = `http://127.0.0.1:${await closedPort()}/cgi-bin/xorg/crm.pl`;
    // Act
    const { result } = await probeTarget(journeyAt(url, plain.origin), { location: 'local' });
    // Assess
    expect(result.failure).toMatchObject({ kind: 'connect', step: 'login_page' });
    expect(result.failure?.message).toMatch(/ERR_CONNECTION_REFUSED/);
  });

  it.each([
    ['redirect-loop', 'http_status', /ERR_TOO_MANY_REDIRECTS/],
    ['stream-forever', 'timeout', /did not finish loading within 2000 ms/],
  ] as const)('fault %s → %s', async (fault, kind, message) => {
    // Prepare
    plain.setFaults([fault]);
    // Act
    const { result } = await probeTarget(journeyAt(plain.loginUrl, plain.origin), { location: 'local' });
    plain.setFaults([]);
    // Assess
    expect(result.failure).toMatchObject({ kind, step: 'login_page' });
    expect(result.failure?.message).toMatch(message);
    expect(chromiumChildren()).toEqual([]);
  });
});
