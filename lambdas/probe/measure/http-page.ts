/**
 * The HTTP RTT measurement as it runs inside the page (self-contained: Playwright serializes it).
 */

export interface HttpPageArgs {
  readonly url: string;
  /** Measured requests; one more, the warm-up, is sent first and discarded. */
  readonly samples: number;
  readonly budgetMs: number;
  /** Stop reading a response body beyond this many bytes (the ping is tiny; a hostile one is not). */
  readonly maxBodyBytes: number;
}

export interface HttpPageResult {
  samples: number[];
  /** The URL each sample was taken from (same order), so the caller can match the browser's own timing. */
  urls: string[];
  /** The page clock of each sample (same order). */
  clocks: ('resource-timing' | 'performance-now')[];
  failed: number;
  firstError?: string;
}

/**
 * Sends 1 + `samples` sequential GETs to `url` with `cache: 'no-store'` and a unique cache-busting
 * query parameter; the first (connection set-up) is discarded. Each sample is Resource Timing's
 * `responseStart - requestStart` (request sent → first response byte: one round trip plus server
 * time, without queueing, DNS or connect). A non-2xx status or a network error is a failed request.
 */
export async function runHttpInPage(args: HttpPageArgs): Promise<HttpPageResult> {
  const deadline = performance.now() + args.budgetMs;
  const left = (): number => Math.max(0, deadline - performance.now());
  const result: HttpPageResult = { samples: [], urls: [], clocks: [], failed: 0 };
  const nonce = Math.random().toString(36).slice(2, 10);
  // The default buffer holds 250 entries; a long-lived page could have filled it already.
  performance.setResourceTimingBufferSize(2_000);
  /**
   * The browser files a request's Resource Timing entry when the load completes, which may come a
   * moment after the body stream has ended: the entry now, else the moment an observer sees it filed,
   * else none after ENTRY_WAIT_MS (then the JS clock's sample counts).
   */
  const ENTRY_WAIT_MS = 50;
  const resourceEntry = (href: string): Promise<PerformanceResourceTiming | undefined> => {
    const filed = (): PerformanceResourceTiming | undefined => {
      const entries = performance.getEntriesByName(href, 'resource') as PerformanceResourceTiming[];
      return entries[entries.length - 1];
    };
    const now = filed();
    if (now) return Promise.resolve(now);
    return new Promise((resolve) => {
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
    });
  };
  for (let index = 0; index <= args.samples && left() > 0; index += 1) {
    const target = new URL(args.url, location.href);
    target.searchParams.set('_acs', `${nonce}-${index}`);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), left());
    const startedAt = performance.now();
    try {
      const response = await fetch(target.href, { cache: 'no-store', signal: controller.signal, credentials: 'same-origin' });
      const headersAt = performance.now();
      const reader = response.body?.getReader();
      let bytes = 0;
      while (reader) {
        const chunk = await reader.read();
        if (chunk.done) break;
        bytes += chunk.value.byteLength;
        if (bytes > args.maxBodyBytes) {
          await reader.cancel();
          break;
        }
      }
      if (!response.ok) throw new Error(`HTTP status ${response.status}`);
      if (index === 0) continue;
      const entry = await resourceEntry(target.href);
      if (entry && entry.requestStart > 0 && entry.responseStart >= entry.requestStart) {
        result.samples.push(entry.responseStart - entry.requestStart);
        result.clocks.push('resource-timing');
      } else {
        // No Resource Timing entry (cross-origin without Timing-Allow-Origin): the JS clock.
        result.samples.push(headersAt - startedAt);
        result.clocks.push('performance-now');
      }
      result.urls.push(target.href);
    } catch (error) {
      result.failed += 1;
      result.firstError ??= controller.signal.aborted ? 'no answer within the time budget' : String(error);
    } finally {
      clearTimeout(timer);
    }
  }
  return result;
}
