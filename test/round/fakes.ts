/** Fake ports and a fake engine for the round runner's tests: everything in memory, time injected. */
import { vi } from 'vitest';
import { referenceTargetConfig } from '../../lambdas/core/config';
import type { TargetConfig } from '../../lambdas/core/config/types';
import type { ProbeResult } from '../../lambdas/core/types';
import type { ArtifactBlob, ProbeOptions, ProbeRound } from '../../lambdas/probe/probe-target';
import type { ArtifactKey, LoginCredentials, RoundPorts, RoundResult } from '../../lambdas/round/ports';
import { failedResult } from '../publish/probe-results';

/** Nobody types this by accident: finding it anywhere means it leaked. */
export const PLANTED = 'S3cr3t-PLANTED-xyz';
export const CREDENTIALS: LoginCredentials = { username: 'monitor-user', password: PLANTED };

/** A target with a login step whose credentials come from the fake source. */
export const TARGET: TargetConfig = {
  ...referenceTargetConfig('http://127.0.0.1:9', 'crm'),
  credentials: {
    usernameEnv: 'CRM_USER',
    passwordEnv: 'CRM_PASSWORD',
    usernameSelector: '#user',
    passwordSelector: '#password',
    submitSelector: '#login',
    successSelector: '#logout',
    logoutSelector: '#logout',
  },
};

/**
 * A round as a careless engine might return it: the password in a step message, the failure, the
 * page HTML and an artifact's file name. The runner must scrub all of it.
 */
export function leakyRound(options: ProbeOptions): ProbeRound {
  const result: ProbeResult = {
    ...failedResult,
    target: TARGET.name,
    location: options.location,
    runId: options.runId ?? 'run',
    failure: { kind: 'content', step: 'login', message: `login rejected for password ${options.credentials?.password}` },
    steps: [{ name: 'login', ok: false, durationMs: 10, failureKind: 'content', message: `typed ${options.credentials?.password}` }],
  };
  const artifacts: ArtifactBlob[] = [
    {
      kind: 'html',
      fileName: `crm-login-${PLANTED}.html`,
      contentType: 'text/html; charset=utf-8',
      body: Buffer.from(`<input value="${PLANTED}">`),
    },
    { kind: 'screenshot', fileName: 'crm-login.png', contentType: 'image/png', body: Buffer.from([0x89, 0x50, 0x4e, 0x47]) },
  ];
  return { result, artifacts };
}

/** Ports that record what reached them; the clock only moves when a test moves it. */
export function fakePorts(overrides: Partial<RoundPorts> = {}) {
  let clock = Date.parse('2026-11-27T10:00:00.000Z');
  const published: RoundResult[] = [];
  const stored: { blobs: readonly ArtifactBlob[]; key: ArtifactKey }[] = [];
  const probe = vi.fn(async (_target: TargetConfig, options: ProbeOptions) => leakyRound(options));
  const ports: RoundPorts = {
    sink: {
      publish: async (result) => {
        published.push(result);
        return { ...result, publish: { sink: 'emf', ok: true, datums: 1 } };
      },
    },
    artifacts: {
      store: async (blobs, key) => {
        stored.push({ blobs, key });
        return {
          refs: blobs.map((blob) => ({ kind: blob.kind, key: `${key.target}/${blob.fileName}`, bytes: blob.body.length })),
          errors: [],
        };
      },
    },
    clock: { now: () => clock },
    credentials: { forTarget: async () => CREDENTIALS },
    probe,
    ...overrides,
  };
  return { ports, published, stored, probe, advance: (ms: number) => (clock += ms) };
}
