import { afterAll, afterEach, beforeAll } from 'vitest';
import WebSocket, { type RawData } from 'ws';
import { DESIGNS, startTarget, type DesignName, type PageDesign, type RunningTarget } from '../../target/index';
import { rawRequest } from './helpers';

/** The design a running target serves. */
export function designOf(target: RunningTarget): PageDesign {
  return DESIGNS[target.design];
}

/** The page that carries the System-Check script: its own page, or (design b) the login page. */
export function checkPageUrl(target: RunningTarget): string {
  const { paths } = designOf(target);
  return `${target.origin}${paths.systemCheck ?? paths.login}`;
}

/** The setup a System-Check script was served with (`var CONFIG = …` / `var SETUP = …`). */
export async function servedCheckSetup(target: RunningTarget): Promise<Record<string, unknown>> {
  const html = (await rawRequest(checkPageUrl(target))).body.toString();
  const json = /var (?:CONFIG|SETUP) = (\{.*\});/.exec(html)?.[1];
  if (json === undefined) throw new Error(`no System-Check setup in ${checkPageUrl(target)}`);
  return JSON.parse(json) as Record<string, unknown>;
}

/** What one WebSocket conversation produced: the first answer, the close code, or the refusal status. */
export interface Exchange {
  readonly message?: { readonly data: Buffer; readonly isBinary: boolean };
  readonly closeCode?: number;
  readonly refusedStatus?: number;
}

/** Bounds a conversation with a broken endpoint; the outcomes asserted arrive long before. */
const EXCHANGE_TIMEOUT_MS = 10_000;

/** Opens `url`, sends `text` once open, and resolves with the first message, close or refusal. */
export function exchange(url: string, text: string): Promise<Exchange> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { maxPayload: 64 * 1024 * 1024 });
    const finish = (outcome: Exchange): void => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      resolve(outcome);
    };
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no answer from ${url} within ${EXCHANGE_TIMEOUT_MS} ms`));
    }, EXCHANGE_TIMEOUT_MS);
    ws.on('open', () => ws.send(text));
    ws.on('message', (data: RawData, isBinary: boolean) => finish({ message: { data: data as Buffer, isBinary } }));
    ws.on('unexpected-response', (_req, res) => finish({ refusedStatus: res.statusCode }));
    ws.on('close', (code) => finish({ closeCode: code }));
    ws.on('error', () => undefined);
  });
}

/** The session cookie pair (`autocrm_session=…`) of a Set-Cookie header. */
export function cookieOf(setCookie: string | string[] | undefined): string {
  const header = Array.isArray(setCookie) ? (setCookie[0] ?? '') : (setCookie ?? '');
  return header.split(';')[0] ?? '';
}

/** One target serving `design` for the calling `describe` block, faults cleared after each test. */
export function useDesignTarget(design: DesignName): () => RunningTarget {
  let target: RunningTarget | undefined;
  beforeAll(async () => {
    target = await startTarget({ design });
  });
  afterEach(() => target?.setFaults([]));
  afterAll(async () => {
    await target?.close();
  });
  return () => {
    if (!target) throw new Error('the design target is used before beforeAll started it');
    return target;
  };
}
