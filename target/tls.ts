import { isIP } from 'node:net';

/** How the target serves: plain HTTP, or HTTPS (and wss) with a certificate generated at start. */
export const TLS_MODES = ['off', 'self-signed', 'expired'] as const;
export type TlsMode = (typeof TLS_MODES)[number];

const DAY_MS = 24 * 60 * 60 * 1000;

/** Key and certificate (PEM) for the HTTPS server, and the validity window put into the certificate. */
export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
}

type AltName = { type: 2; value: string } | { type: 7; ip: string };

function altNames(host: string): AltName[] {
  const names: AltName[] = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  if (isIP(host) !== 0 && host !== '127.0.0.1' && host !== '::1') names.push({ type: 7, ip: host });
  if (isIP(host) === 0 && host !== 'localhost') names.push({ type: 2, value: host });
  return names;
}

/**
 * A fresh self-signed certificate for `host` (EC P-256: generated in milliseconds). `expired`
 * puts the whole validity window in the past (30 days ago until yesterday), so a client that
 * trusts the certificate still rejects it for its dates.
 */
export async function createCertificate(mode: Exclude<TlsMode, 'off'>, host: string, now = new Date()): Promise<TlsMaterial> {
  const notBefore = mode === 'expired' ? new Date(now.getTime() - 30 * DAY_MS) : new Date(now.getTime() - DAY_MS);
  const notAfter = mode === 'expired' ? new Date(now.getTime() - DAY_MS) : new Date(now.getTime() + 30 * DAY_MS);
  // selfsigned and its X.509 stack load only when a certificate is made, not with every CLI command
  const { generate } = await import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'autocrm reference target' }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: notBefore,
    notAfterDate: notAfter,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: altNames(host) },
    ],
  });
  return { key: pems.private, cert: pems.cert, notBefore, notAfter };
}
