/**
 * The most one round's measurements can send to the target, from the config alone (pure). The
 * monitor must never hurt what it watches; docs/measurement.md turns this into daily traffic.
 */
import type { BandwidthConfig, HttpConfig, WebSocketConfig } from '../../core/config/types';
import { BANDWIDTH_LADDER } from './bandwidth';

/** Generous bound of one small request or answer with headers (ping, echo frame, upload answer). */
export const SMALL_MESSAGE_BYTES = 1_024;

/** Upper bounds of what the measurements of one round send and fetch. */
export interface MeasurementLoad {
  /** HTTP requests (ping, download, upload), warm-ups included. */
  readonly httpRequests: number;
  readonly webSocketConnections: number;
  readonly webSocketMessages: number;
  /** Bytes the target sends (download bodies plus small answers). */
  readonly bytesFromTarget: number;
  /** Bytes the target receives (upload bodies plus small requests). */
  readonly bytesToTarget: number;
}

export interface MeasurementConfigs {
  readonly websocket?: WebSocketConfig;
  readonly http?: HttpConfig;
  readonly bandwidth?: BandwidthConfig;
}

/**
 * Bounds per round: WebSocket 1 connection + `messages` echoes; HTTP `samples` + 1 warm-up pings;
 * bandwidth at most `maxTransfers` requests and `maxBytes` per direction (the ladder stops earlier on
 * any link where a ~1 s transfer is smaller than the cap).
 */
export function measurementLoadBound(configs: MeasurementConfigs): MeasurementLoad {
  const messages = configs.websocket?.messages ?? 0;
  const pings = configs.http ? configs.http.samples + 1 : 0;
  const downloads = configs.bandwidth?.downloadUrl ? BANDWIDTH_LADDER.maxTransfers : 0;
  // maxTransfers counts every request of a direction: upload's two 1-byte RTT probes and the warm-ups too.
  const uploads = configs.bandwidth?.uploadUrl ? BANDWIDTH_LADDER.maxTransfers : 0;
  const downloadBytes = downloads > 0 ? (configs.bandwidth?.maxBytes ?? 0) : 0;
  const uploadBytes = uploads > 0 ? (configs.bandwidth?.maxBytes ?? 0) : 0;
  const smallMessages = messages + pings + downloads + uploads;
  return {
    httpRequests: pings + downloads + uploads,
    webSocketConnections: configs.websocket ? 1 : 0,
    webSocketMessages: messages,
    bytesFromTarget: downloadBytes + smallMessages * SMALL_MESSAGE_BYTES,
    bytesToTarget: uploadBytes + smallMessages * SMALL_MESSAGE_BYTES,
  };
}
