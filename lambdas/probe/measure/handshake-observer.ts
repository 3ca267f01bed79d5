/** What a WebSocket handshake observer gives, whichever protocol it listens to (handshakes.ts, handshakes-bidi.ts). */
import type { ClockSource } from '../../core/types';

/** Watches the WebSocket handshakes of one page from now on. */
export interface HandshakeObserver {
  /** Where the upgrade time and the echoes come from; undefined when the page could not be observed. */
  readonly clock?: ClockSource;
  /** Stops watching; the upgrade time in ms of the first WebSocket seen (matching `url`), if it completed. */
  stop(): Promise<number | undefined>;
  /**
   * WebSocket frames the browser reported to this observer's session. Without `echoPrefix`, watching
   * ends once the first upgrade completed, so this stays at the few frames sent before that.
   */
  framesSeen(): number;
  /** Echo round trips in ms by payload (with `echoPrefix`): sent frame → received frame of the same text. */
  echoes(): ReadonlyMap<string, number>;
}

export interface ObserveOptions {
  /** Only count sockets opened to exactly this URL (default: any). */
  readonly url?: string;
  /** How long attaching to the page may take (default and maximum: 2 s). */
  readonly attachTimeoutMs?: number;
  /**
   * Time the text frames whose payload starts with this prefix (an echo measurement's messages):
   * watching then goes on after the upgrade. The frames' timestamps are taken by the renderer when
   * the page sends and before it dispatches a message; the cost of reporting them to this session
   * comes after the stamp, so it does not enter the round trip (it would, by ≈ 0.05-0.1 ms, in a
   * round trip the page timed itself while watched).
   */
  readonly echoPrefix?: string;
}
