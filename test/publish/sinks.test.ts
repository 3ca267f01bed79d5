/** The sinks that need no network: EMF on stdout, none, and metrics.json for local runs. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { countEmfSamples, toEmfLines } from '../../lambdas/core/emf';
import { countSamples, toMetricDatums } from '../../lambdas/core/metrics';
import { LOCAL_METRICS_FILE, createPublisher, writeLocalMetrics } from '../../lambdas/publish';
import { failedResult, passingResult } from './probe-results';

const NAMESPACE = 'Test/Synthetics';

describe('EMF and none sinks', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('writes the EMF lines of the datums through the injected writer', async () => {
    const lines: string[] = [];
    const datums = toMetricDatums(passingResult);
    const sink = createPublisher({ kind: 'emf', namespace: NAMESPACE, write: (line) => lines.push(line) });

    const outcome = await sink.publish(datums);

    expect(outcome).toEqual({
      sink: 'emf',
      ok: true,
      datums: datums.length,
      requests: 0,
      failedRequests: 0,
      sentDatums: datums.length,
      fallbackDatums: 0,
    });
    expect(lines).toEqual(toEmfLines(datums, { namespace: NAMESPACE }));
    expect(countEmfSamples(lines)).toBe(countSamples(datums));
  });

  it('writes raw lines to stdout by default, one JSON document per line (no console prefix)', async () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const sink = createPublisher({ kind: 'emf', namespace: NAMESPACE });

    await sink.publish(toMetricDatums(failedResult));

    vi.restoreAllMocks();
    expect(written.length).toBeGreaterThan(0);
    for (const chunk of written) {
      expect(chunk.endsWith('\n')).toBe(true);
      expect(JSON.parse(chunk)).toHaveProperty('_aws.CloudWatchMetrics');
    }
  });

  it('publishes nothing with kind none, but counts what it was given', async () => {
    const lines: string[] = [];
    const sink = createPublisher({ kind: 'none', namespace: NAMESPACE, write: (line) => lines.push(line) });

    const outcome = await sink.publish(toMetricDatums(passingResult));

    expect(outcome).toMatchObject({ sink: 'none', ok: true, datums: 19, sentDatums: 0 });
    expect(lines).toEqual([]);
  });
});

describe('writeLocalMetrics', () => {
  it('writes metrics.json in PutMetricData input shape into a folder it creates', async () => {
    const root = await mkdtemp(join(tmpdir(), 'metrics-'));
    try {
      const datums = toMetricDatums(passingResult);
      const path = await writeLocalMetrics(join(root, 'reports', 'run-1'), datums, { namespace: NAMESPACE });

      expect(path).toBe(join(root, 'reports', 'run-1', LOCAL_METRICS_FILE));
      const written = JSON.parse(await readFile(path, 'utf8')) as { Namespace: string; MetricData: unknown[] };
      expect(written.Namespace).toBe(NAMESPACE);
      expect(written.MetricData).toEqual(datums);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
