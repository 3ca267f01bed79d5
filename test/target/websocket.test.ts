import { describe, expect, it } from 'vitest';
import WebSocket, { type RawData } from 'ws';
import { HUGE_FRAME_BYTES } from '../../target/websocket';
import { waitFor } from '../setup/wait-until';
import { useSharedTarget } from './helpers';

interface Outcome {
  readonly messages: { data: Buffer; isBinary: boolean; atMs: number }[];
  readonly openedAtMs?: number;
  readonly closeCode?: number;
  readonly refusedStatus?: number;
  /** `code` of the client's error, e.g. WS_ERR_INVALID_UTF8. */
  readonly errorCode?: string;
}

/**
 * Opens `url`, sends `text` once open, and records what happens for `watchMs` (or until the
 * socket closes): messages with their arrival time, the close code, or the HTTP status of a refusal.
 */
function converse(url: string, text: string, watchMs: number, stopAfterMessages = Infinity): Promise<Outcome> {
  const startedMs = performance.now();
  const messages: Outcome['messages'] = [];
  let openedAtMs: number | undefined;
  let errorCode: string | undefined;
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { maxPayload: 2 * HUGE_FRAME_BYTES });
    const finish = (extra: Partial<Outcome> = {}): void => {
      clearTimeout(timer);
      ws.removeAllListeners();
      ws.on('error', () => undefined);
      ws.terminate();
      resolve({ messages, openedAtMs, errorCode, ...extra });
    };
    const timer = setTimeout(() => finish(), watchMs);
    ws.on('open', () => {
      openedAtMs = performance.now() - startedMs;
      ws.send(text);
    });
    ws.on('message', (data: RawData, isBinary: boolean) => {
      messages.push({ data: data as Buffer, isBinary, atMs: performance.now() - startedMs });
      if (messages.length >= stopAfterMessages) finish();
    });
    ws.on('unexpected-response', (_req, res) => finish({ refusedStatus: res.statusCode }));
    ws.on('close', (code) => finish({ closeCode: code }));
    ws.on('error', (error: Error & { code?: string }) => {
      errorCode = error.code;
    });
  });
}

describe('reference target /ws', () => {
  const target = useSharedTarget();

  it('echoes a text message', async () => {
    const outcome = await converse(target().wsUrl, 'systemcheck-1', 2000, 1);

    expect(outcome.messages.map((m) => [m.data.toString(), m.isBinary])).toEqual([['systemcheck-1', false]]);
  });

  it('refuses an upgrade on another path with 404', async () => {
    const outcome = await converse(target().wsUrl.replace('/ws', '/other'), 'x', 2000);

    expect(outcome.refusedStatus).toBe(404);
  });

  it('ws-refuse: rejects the upgrade with 403', async () => {
    target().setFaults(['ws-refuse']);

    const outcome = await converse(target().wsUrl, 'x', 2000);

    expect(outcome.refusedStatus).toBe(403);
    expect(outcome.openedAtMs).toBeUndefined();
  });

  it('ws-silent: accepts the upgrade and never echoes', async () => {
    // Prepare
    target().setFaults(['ws-silent']);
    const ws = new WebSocket(target().wsUrl);
    const received: string[] = [];
    ws.on('message', (data: RawData) => received.push(String(data)));
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const before = target().stats().wsMessages;
    try {
      // Act: a message the silent target must swallow, then (healthy again) one it echoes: the order
      // of what comes back says whether the first was echoed, without watching a fixed time
      ws.send('swallowed');
      await waitFor(() => target().stats().wsMessages > before, 'the target to receive the first message');
      target().setFaults([]);
      ws.send('echoed');
      await waitFor(() => received.length > 0, 'the echo of the second message');
      // Assess
      expect(received).toEqual(['echoed']);
      expect(ws.readyState).toBe(WebSocket.OPEN);
    } finally {
      ws.terminate();
    }
  });

  it('ws-delay: echoes only after the delay', async () => {
    target().setFaults(['ws-delay=400']);

    const outcome = await converse(target().wsUrl, 'late', 3000, 1);

    expect(outcome.messages).toHaveLength(1);
    const [echo] = outcome.messages;
    expect(echo?.data.toString()).toBe('late');
    expect((echo?.atMs ?? 0) - (outcome.openedAtMs ?? 0)).toBeGreaterThanOrEqual(390);
  });

  it('ws-garbage: answers random binary, then a text frame that is not UTF-8, which fails the connection', async () => {
    target().setFaults(['ws-garbage']);

    const outcome = await converse(target().wsUrl, 'hello', 2000);

    expect(outcome.messages[0]?.isBinary).toBe(true);
    expect(outcome.messages[0]?.data.toString()).not.toBe('hello');
    expect(outcome.errorCode).toBe('WS_ERR_INVALID_UTF8');
    expect(outcome.closeCode).toBe(1006);
  });

  it('ws-huge-frame: answers with one 50 MB frame', async () => {
    target().setFaults(['ws-huge-frame']);

    const outcome = await converse(target().wsUrl, 'hello', 10_000, 1);

    expect(outcome.messages).toHaveLength(1);
    expect(outcome.messages[0]?.data.length).toBe(HUGE_FRAME_BYTES);
  });

  it('ws-close-immediately: closes with 1011 right after the upgrade, before any echo', async () => {
    target().setFaults(['ws-close-immediately']);

    const outcome = await converse(target().wsUrl, 'hello', 2000);

    expect(outcome.openedAtMs).toBeDefined();
    expect(outcome.closeCode).toBe(1011);
    expect(outcome.messages).toEqual([]);
  });
});
