/**
 * One direction of the bandwidth measurement as it runs inside the page (self-contained:
 * Playwright serializes this function, so it imports nothing and every helper lives inside it).
 */

export interface BwPageArgs {
  readonly direction: 'download' | 'upload';
  /** Download: URL with `{bytes}`; upload: the POST URL. */
  readonly url: string;
  readonly maxBytes: number;
  readonly budgetMs: number;
  readonly warmupBytes: number;
  readonly startBytes: number;
  readonly growthFactor: number;
  readonly targetSampleMs: number;
  readonly minSampleMs: number;
  readonly longSamples: number;
  readonly maxTransfers: number;
  readonly maxTransferBytes: number;
}

export interface BwSample {
  bytes: number;
  durationMs: number;
  /** Cut short by the time budget (download only: the bytes that did arrive still count). */
  partial: boolean;
  warmup: boolean;
}

export interface BwPageResult {
  samples: BwSample[];
  /** Bytes moved in this direction, warm-up and discarded transfers included (load on the target). */
  bytesMoved: number;
  transfers: number;
  /** A transfer failed outright (network error, non-2xx): the message. */
  error?: string;
  /** The answer was not what was asked (too many bytes, wrong length): the message. */
  anomaly?: string;
}

/**
 * Transfers random (incompressible) payloads of growing size, `cache: 'no-store'` plus a unique query
 * parameter: a warm-up first (TCP slow start, connection set-up), then `startBytes`, growing by
 * `growthFactor` but never beyond what the last rate predicts for `targetSampleMs`, until
 * `longSamples` transfers lasted at least half of `targetSampleMs`, or the byte cap, the time budget
 * or `maxTransfers` ends it. Timing comes from Resource Timing (download: `responseEnd -
 * responseStart`, the body only; upload: `responseStart - requestStart` minus the round trip of a
 * 1-byte POST), with a JS clock as fallback. Bytes are counted from the body stream as read and
 * reading stops past the size asked for, so neither a compressing proxy nor a gzip bomb can fake a
 * fast link or flood the browser.
 */
export async function runBandwidthInPage(args: BwPageArgs): Promise<BwPageResult> {
  const deadline = performance.now() + args.budgetMs;
  const left = (): number => Math.max(0, deadline - performance.now());
  const result: BwPageResult = { samples: [], bytesMoved: 0, transfers: 0 };
  const nonce = Math.random().toString(36).slice(2, 10);
  performance.setResourceTimingBufferSize(2_000);
  let randomPool: Uint8Array<ArrayBuffer> = new Uint8Array(0);

  const makeUrl = (bytes: number): string => {
    const target = new URL(args.url.split('{bytes}').join(String(bytes)), location.href);
    target.searchParams.set('_acs', `${nonce}-${result.transfers}`);
    return target.href;
  };
  /**
   * The transfer's Resource Timing entry (with its details, else undefined): filed when the load
   * completes, which may come a moment after the body has been read, so the entry now, else the
   * moment an observer sees it filed, at most ENTRY_WAIT_MS later.
   */
  const ENTRY_WAIT_MS = 50;
  const timingOf = async (href: string): Promise<PerformanceResourceTiming | undefined> => {
    const filed = (): PerformanceResourceTiming | undefined => {
      const entries = performance.getEntriesByName(href, 'resource') as PerformanceResourceTiming[];
      return entries[entries.length - 1];
    };
    const entry =
      filed() ??
      (await new Promise<PerformanceResourceTiming | undefined>((resolve) => {
        const finish = (): void => {
          observer.disconnect();
          clearTimeout(timer);
          resolve(filed());
        };
        const observer = new PerformanceObserver((list) => {
          if (list.getEntriesByName(href).length > 0) finish();
        });
        const timer = setTimeout(finish, ENTRY_WAIT_MS);
        observer.observe({ type: 'resource' });
      }));
    return entry && entry.requestStart > 0 && entry.responseStart > 0 ? entry : undefined;
  };
  const randomBytes = (size: number): Uint8Array<ArrayBuffer> => {
    if (randomPool.length < size) {
      randomPool = new Uint8Array(size);
      // getRandomValues fills at most 65,536 bytes per call.
      for (let offset = 0; offset < size; offset += 65_536) {
        crypto.getRandomValues(randomPool.subarray(offset, Math.min(size, offset + 65_536)));
      }
    }
    return randomPool.subarray(0, size);
  };

  const download = async (size: number, signal: AbortSignal): Promise<BwSample | undefined> => {
    const href = makeUrl(size);
    const response = await fetch(href, { cache: 'no-store', signal, credentials: 'same-origin' });
    if (!response.ok) throw new Error(`download answered HTTP status ${response.status}`);
    const declared = response.headers.get('content-length');
    const reader = response.body?.getReader();
    if (!reader) throw new Error('download answered without a body');
    let bytes = 0;
    let firstAt = 0;
    let lastAt = 0;
    let aborted = false;
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (error) {
        if (!signal.aborted) throw error;
        aborted = true;
        break;
      }
      if (chunk.done) break;
      if (bytes === 0) firstAt = performance.now();
      bytes += chunk.value.byteLength;
      lastAt = performance.now();
      result.bytesMoved += chunk.value.byteLength;
      if (bytes > size) {
        await reader.cancel().catch(() => undefined);
        result.anomaly = `download sent more than the ${size} bytes asked for (oversized answer or compression bomb); stopped reading`;
        return undefined;
      }
    }
    if (aborted) return bytes > 0 ? { bytes, durationMs: lastAt - firstAt, partial: true, warmup: false } : undefined;
    if (declared !== null && Number(declared) !== bytes && response.headers.get('content-encoding') === null) {
      result.anomaly = `download declared Content-Length ${declared} but delivered ${bytes} bytes`;
      return undefined;
    }
    const entry = await timingOf(href);
    // A compressing proxy shrinks what crossed the network; count the wire bytes, not the inflated ones.
    const wireBytes = entry && entry.encodedBodySize > 0 ? Math.min(entry.encodedBodySize, bytes) : bytes;
    const durationMs = entry && entry.responseEnd > entry.responseStart ? entry.responseEnd - entry.responseStart : lastAt - firstAt;
    return { bytes: wireBytes, durationMs, partial: false, warmup: false };
  };

  let roundTripMs = 0;
  const upload = async (size: number, signal: AbortSignal): Promise<BwSample | undefined> => {
    const href = makeUrl(size);
    // A Blob body: Chromium streams it from the blob registry; an ArrayBuffer body is copied through
    // the renderer first, which cost ~2 s for 8 MB here, before the request even starts.
    const body = new Blob([randomBytes(size)]);
    // Counted when offered, not when answered: an upload cut by the budget still loaded the target.
    result.bytesMoved += size;
    const startedAt = performance.now();
    const response = await fetch(href, {
      method: 'POST',
      body,
      cache: 'no-store',
      signal,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/octet-stream' },
    });
    const headersAt = performance.now();
    const text = (await response.text()).slice(0, 1_000);
    if (!response.ok) throw new Error(`upload answered HTTP status ${response.status}`);
    let received: unknown;
    try {
      received = (JSON.parse(text) as { bytes?: unknown }).bytes;
    } catch {
      received = undefined;
    }
    if (typeof received === 'number' && received !== size) {
      result.anomaly = `upload server received ${received} of ${size} bytes sent`;
      return undefined;
    }
    const entry = await timingOf(href);
    const grossMs = entry ? entry.responseStart - entry.requestStart : headersAt - startedAt;
    // An upload no longer than the 1-byte round trip cannot be told apart from it (a link faster than
    // the round trip can show, e.g. loopback): its whole gross time then stands, a lower bound of the rate.
    const netMs = grossMs - roundTripMs;
    return { bytes: size, durationMs: netMs > 0 ? netMs : Math.max(0, grossMs), partial: false, warmup: false };
  };

  const transfer = async (size: number, warmup: boolean): Promise<BwSample | undefined> => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), left());
    result.transfers += 1;
    try {
      const sample = await (args.direction === 'download' ? download(size, controller.signal) : upload(size, controller.signal));
      return sample ? { ...sample, warmup } : undefined;
    } catch (error) {
      if (!controller.signal.aborted) result.error = String(error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };

  if (args.direction === 'upload') {
    // The round trip (plus server time) of a 1-byte POST: what an upload's gross time holds besides sending.
    const tiny = [await transfer(1, true), await transfer(1, true)].filter((s): s is BwSample => s !== undefined);
    if (tiny.length > 0) roundTripMs = Math.min(...tiny.map((s) => s.durationMs));
    if (result.error || result.anomaly) return result;
  }
  const warm = await transfer(Math.min(args.warmupBytes, args.maxBytes), true);
  if (warm) result.samples.push(warm);
  let size = args.startBytes;
  let longCount = 0;
  while (!result.error && !result.anomaly && left() > 0 && result.transfers < args.maxTransfers && longCount < args.longSamples) {
    size = Math.floor(Math.min(size, args.maxBytes - result.bytesMoved, args.maxTransferBytes));
    if (size < 1_024) break;
    const sample = await transfer(size, false);
    if (!sample) break;
    result.samples.push(sample);
    if (sample.partial) break;
    if (sample.durationMs >= args.targetSampleMs / 2) longCount += 1;
    if (sample.durationMs < args.minSampleMs) {
      // Too short to predict a rate from (timer resolution, or the round trip was all of it): just grow.
      size *= args.growthFactor;
      continue;
    }
    const bytesPerMs = sample.bytes / sample.durationMs;
    const predicted = Math.floor(bytesPerMs * args.targetSampleMs);
    size = longCount > 0 ? predicted : Math.max(size, Math.min(size * args.growthFactor, predicted));
    // A transfer that cannot finish in the time left would only be cut short: stop instead.
    if (size / bytesPerMs > left()) break;
  }
  return result;
}
