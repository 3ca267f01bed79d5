/**
 * `throttle` without a wall clock: the real download and upload handlers behind a real HTTP server,
 * with pacers that record what they are asked instead of sleeping. Together with the Pacer's own
 * virtual-clock tests (pacer.test.ts) this pins the rate; bandwidth-faults.test.ts keeps only the
 * load-proof end-to-end floor (a paced transfer is never faster than its line).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { handleDownload, handleUpload } from '../../target/bandwidth';
import type { TargetContext } from '../../target/context';
import { DESIGNS } from '../../target/designs/index';
import { parseFaults } from '../../target/faults';
import { Pacer } from '../../target/pacer';
import { DEFAULT_CREDENTIALS, SessionStore } from '../../target/sessions';
import { TrafficCounter } from '../../target/traffic';
import { rawRequest } from './helpers';

/** A pacer that lets every chunk pass at once and remembers what it was asked. */
class RecordingPacer extends Pacer {
  readonly takes: { bytes: number; mbps: number | undefined }[] = [];

  override async take(bytes: number, mbps: number | undefined, signal: AbortSignal): Promise<boolean> {
    this.takes.push({ bytes, mbps });
    return !signal.aborted;
  }
}

const lifetime = new AbortController();
let faults: readonly string[] = [];
let downloadPacer: RecordingPacer;
let uploadPacer: RecordingPacer;
let server: Server;
let origin: string;

beforeAll(async () => {
  const ctx = (): TargetContext => ({
    faults: () => parseFaults(faults),
    sessions: new SessionStore(DEFAULT_CREDENTIALS, false),
    design: DESIGNS.a,
    signal: lifetime.signal,
    downloadPacer,
    uploadPacer,
    traffic: new TrafficCounter(),
  });
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://target.invalid');
    void (url.pathname === '/download' ? handleDownload(req, res, url, ctx()) : handleUpload(req, res, ctx()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

beforeEach(() => {
  downloadPacer = new RecordingPacer();
  uploadPacer = new RecordingPacer();
  faults = [];
});

afterAll(async () => {
  lifetime.abort();
  await new Promise((resolve) => server.close(resolve));
});

const sum = (takes: readonly { bytes: number }[]): number => takes.reduce((total, take) => total + take.bytes, 0);

describe('throttle, as the handlers ask their pacers', () => {
  it('throttle=8: every byte of a download passes the download pacer at 8 Mbit/s, in chunks of at most 16 KiB', async () => {
    // Prepare
    faults = ['throttle=8'];
    // Act
    const res = await rawRequest(`${origin}/download?bytes=1000000`);
    // Assess
    expect(res.body.length).toBe(1_000_000);
    expect(sum(downloadPacer.takes)).toBe(1_000_000);
    expect(new Set(downloadPacer.takes.map((take) => take.mbps))).toEqual(new Set([8]));
    expect(Math.max(...downloadPacer.takes.map((take) => take.bytes))).toBeLessThanOrEqual(16 * 1024);
    expect(uploadPacer.takes).toEqual([]);
  });

  it('throttle=8: every byte of an upload passes the upload pacer at 8 Mbit/s before the answer', async () => {
    // Prepare
    faults = ['throttle=8'];
    // Act
    const res = await rawRequest(`${origin}/upload`, { method: 'POST', body: Buffer.alloc(1_000_000, 1) });
    // Assess
    expect(JSON.parse(res.body.toString())).toEqual({ bytes: 1_000_000 });
    expect(sum(uploadPacer.takes)).toBe(1_000_000);
    expect(new Set(uploadPacer.takes.map((take) => take.mbps))).toEqual(new Set([8]));
    expect(downloadPacer.takes).toEqual([]);
  });

  it('without throttle, both directions pass their pacers with no rate, so nothing waits', async () => {
    // Act
    const download = await rawRequest(`${origin}/download?bytes=1000000`);
    const upload = await rawRequest(`${origin}/upload`, { method: 'POST', body: Buffer.alloc(300_000, 1) });
    // Assess
    expect(download.body.length).toBe(1_000_000);
    expect(JSON.parse(upload.body.toString())).toEqual({ bytes: 300_000 });
    expect(sum(downloadPacer.takes)).toBe(1_000_000);
    expect(sum(uploadPacer.takes)).toBe(300_000);
    expect([...downloadPacer.takes, ...uploadPacer.takes].every((take) => take.mbps === undefined)).toBe(true);
  });
});
