import { X509Certificate } from 'node:crypto';
import { connect } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTarget, type RunningTarget } from '../../target/index';
import { rawRequest } from './helpers';

/** The TLS handshake outcome as a client that trusts `ca` sees it: ok, or the verification error code. */
function handshake(origin: string, ca?: string): Promise<string> {
  const url = new URL(origin);
  return new Promise((resolve) => {
    const socket = connect({ host: url.hostname, port: Number(url.port), ca }, () => {
      socket.destroy();
      resolve('ok');
    });
    socket.on('error', (error: Error & { code?: string }) => resolve(error.code ?? error.message));
  });
}

describe('reference target over TLS', () => {
  let selfSigned: RunningTarget;
  let expired: RunningTarget;
  beforeAll(async () => {
    [selfSigned, expired] = await Promise.all([startTarget({ tls: 'self-signed' }), startTarget({ tls: 'expired' })]);
  });
  afterAll(async () => {
    await Promise.all([selfSigned.close(), expired.close()]);
  });

  it('serves https and wss URLs', () => {
    expect(selfSigned.loginUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/cgi-bin\/xorg\/crm\.pl$/);
    expect(selfSigned.wsUrl).toMatch(/^wss:\/\/127\.0\.0\.1:\d+\/ws$/);
  });

  it('self-signed: a client that does not trust the certificate rejects it; one that does gets the login page', async () => {
    const untrusted = await handshake(selfSigned.origin);
    const page = await rawRequest(selfSigned.loginUrl, { ca: selfSigned.certificatePem });

    expect(untrusted).toBe('DEPTH_ZERO_SELF_SIGNED_CERT');
    expect(page.status).toBe(200);
    expect(page.body.toString()).toContain('id="login-form"');
  });

  it('self-signed: the session cookie is Secure', async () => {
    const res = await rawRequest(selfSigned.loginUrl, {
      method: 'POST',
      ca: selfSigned.certificatePem,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'username=demo&password=demo-password',
    });

    expect(String(res.headers['set-cookie']?.[0])).toMatch(/; Secure$/);
  });

  it('self-signed: the certificate is valid now and names 127.0.0.1', () => {
    const cert = new X509Certificate(selfSigned.certificatePem ?? '');

    expect(new Date(cert.validFrom).getTime()).toBeLessThan(Date.now());
    expect(new Date(cert.validTo).getTime()).toBeGreaterThan(Date.now());
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  it('expired: the certificate ended before now, and even a client that trusts it rejects it as expired', async () => {
    const cert = new X509Certificate(expired.certificatePem ?? '');

    const outcome = await handshake(expired.origin, expired.certificatePem);

    expect(new Date(cert.validTo).getTime()).toBeLessThan(Date.now());
    expect(outcome).toBe('CERT_HAS_EXPIRED');
  });

  it('wss echoes through the self-signed certificate', async () => {
    const ws = new WebSocket(selfSigned.wsUrl, { ca: selfSigned.certificatePem });
    try {
      const echo = await new Promise<string>((resolve, reject) => {
        ws.on('open', () => ws.send('secure'));
        ws.on('message', (data) => resolve(String(data)));
        ws.on('error', reject);
      });
      expect(echo).toBe('secure');
    } finally {
      ws.terminate();
    }
  });
});
