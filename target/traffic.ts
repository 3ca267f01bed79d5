/**
 * Traffic counters of one running target: what a monitor round really costs the server, counted at
 * the socket (wire bytes, headers and TLS included), so a test can bound the monitor's load without
 * trusting the monitor's own figures.
 */
import type { Socket } from 'node:net';

/** What the target has served since it started (or since `reset`). */
export interface TrafficStats {
  /** HTTP requests, WebSocket upgrades included. */
  readonly requests: number;
  /** Requests per path (`/api/ping`, `/download`, `/ws`, …), query strings left out. */
  readonly requestsByPath: Readonly<Record<string, number>>;
  /** TCP connections accepted. */
  readonly connections: number;
  /** Bytes written to clients: every byte on the wire, headers and TLS records included. */
  readonly bytesSent: number;
  /** Bytes read from clients, the same way. */
  readonly bytesReceived: number;
  /** WebSocket messages received from clients. */
  readonly wsMessages: number;
}

/** Counts requests, connections, socket bytes and WebSocket messages of one server. */
export class TrafficCounter {
  private requests = 0;
  private byPath = new Map<string, number>();
  private connections = 0;
  private wsMessages = 0;
  /** Bytes of sockets already closed (live sockets are read when asked). */
  private closedSent = 0;
  private closedReceived = 0;
  /** Bytes a live socket had moved at the last reset, subtracted from its later totals. */
  private readonly live = new Map<Socket, { sent: number; received: number }>();

  /** A new TCP connection: its bytes count from now until it closes. */
  onConnection(socket: Socket): void {
    this.connections += 1;
    this.live.set(socket, { sent: 0, received: 0 });
    socket.once('close', () => {
      const base = this.live.get(socket);
      if (!base) return;
      this.live.delete(socket);
      this.closedSent += socket.bytesWritten - base.sent;
      this.closedReceived += socket.bytesRead - base.received;
    });
  }

  /** A request (or upgrade) for `rawUrl`. */
  onRequest(rawUrl: string | undefined): void {
    this.requests += 1;
    const path = new URL(rawUrl ?? '/', 'http://target.invalid').pathname;
    this.byPath.set(path, (this.byPath.get(path) ?? 0) + 1);
  }

  onWebSocketMessage(): void {
    this.wsMessages += 1;
  }

  /** The counts so far. */
  snapshot(): TrafficStats {
    let sent = this.closedSent;
    let received = this.closedReceived;
    for (const [socket, base] of this.live) {
      sent += socket.bytesWritten - base.sent;
      received += socket.bytesRead - base.received;
    }
    return {
      requests: this.requests,
      requestsByPath: Object.fromEntries(this.byPath),
      connections: this.connections,
      bytesSent: sent,
      bytesReceived: received,
      wsMessages: this.wsMessages,
    };
  }

  /** Starts counting from zero (e.g. before one monitor round); open connections count on from here. */
  reset(): void {
    this.requests = 0;
    this.byPath = new Map();
    this.connections = 0;
    this.wsMessages = 0;
    this.closedSent = 0;
    this.closedReceived = 0;
    for (const socket of this.live.keys()) this.live.set(socket, { sent: socket.bytesWritten, received: socket.bytesRead });
  }
}
