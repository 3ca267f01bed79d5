import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { handleDownload, handleUpload } from './bandwidth';
import type { TargetContext } from './context';
import type { ActiveFaults } from './faults';
import { send, sendHtml } from './http-util';
import type { PageDesign } from './designs/types';
import { handlePage, pagePathnames } from './login-routes';
import { Pacer } from './pacer';
import { PATHS } from './paths';
import { handlePing } from './ping';
import { SessionStore } from './sessions';
import { TrafficCounter, type TrafficStats } from './traffic';
import { createWebSocketEndpoint, type WebSocketEndpoint } from './websocket';

type Handler = (req: IncomingMessage, res: ServerResponse, url: URL, ctx: TargetContext) => void | Promise<void>;

/** The routes of one design: its pages and its System-Check's HTTP endpoint, plus the shared ones. */
function routesOf(design: PageDesign): Readonly<Record<string, Handler>> {
  const routes: Record<string, Handler> = {
    [design.paths.http]: (req, res, _url, ctx) => handlePing(req, res, ctx),
    // Bandwidth endpoints are the monitor's, not the page's: the same for every design.
    [PATHS.download]: handleDownload,
    [PATHS.upload]: (req, res, _url, ctx) => handleUpload(req, res, ctx),
    '/': (_req, res) => send(res, 302, '', { Location: design.paths.login }),
    // Browsers ask for it on every page; a 404 would put a resource error into the console.
    '/favicon.ico': (_req, res) => send(res, 204, ''),
  };
  for (const pathname of pagePathnames(design)) routes[pathname] = handlePage;
  return routes;
}

async function route(
  req: IncomingMessage,
  res: ServerResponse,
  ctx: TargetContext,
  routes: Readonly<Record<string, Handler>>,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://target.invalid');
  const handler = routes[url.pathname];
  if (!handler) return sendHtml(res, 404, ctx.design.pages.error(404, 'not-found'));
  await handler(req, res, url, ctx);
}

/** Options of one server: the TLS material is already generated when given. */
export interface ServerSetup {
  readonly faults: ActiveFaults;
  readonly sessions: SessionStore;
  readonly design: PageDesign;
  readonly tls?: { readonly key: string; readonly cert: string };
}

/** A listening-ready server whose every socket, WebSocket and delayed answer `shutdown()` ends. */
export interface TargetServer {
  readonly server: Server;
  setFaults(faults: ActiveFaults): void;
  activeFaults(): ActiveFaults;
  /** Requests, bytes and WebSocket messages since start or the last `resetStats`. */
  stats(): TrafficStats;
  resetStats(): void;
  shutdown(): Promise<void>;
}

/** The reference target's server, not yet listening: routes, WebSocket upgrades, traffic counters. */
export function createTargetServer(setup: ServerSetup): TargetServer {
  let faults = setup.faults;
  const lifetime = new AbortController();
  const ctx: TargetContext = {
    faults: () => faults,
    sessions: setup.sessions,
    design: setup.design,
    signal: lifetime.signal,
    downloadPacer: new Pacer(),
    uploadPacer: new Pacer(),
    traffic: new TrafficCounter(),
  };
  const routes = routesOf(setup.design);
  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    ctx.traffic.onRequest(req.url);
    route(req, res, ctx, routes).catch(() => {
      if (!res.headersSent) sendHtml(res, 500, setup.design.pages.error(500, 'server'));
      else res.destroy();
    });
  };
  const server: Server = setup.tls
    ? createHttpsServer({ key: setup.tls.key, cert: setup.tls.cert }, onRequest)
    : createHttpServer(onRequest);
  // Uploads paced by `throttle` may legitimately take minutes; Node's default would cut them at 300 s.
  server.requestTimeout = 0;
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    ctx.traffic.onConnection(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const ws: WebSocketEndpoint = createWebSocketEndpoint(ctx);
  server.on('upgrade', (req, socket, head) => {
    ctx.traffic.onRequest(req.url);
    ws.handleUpgrade(req, socket, head);
  });
  server.on('clientError', (_error, socket) => socket.destroy());
  let closing: Promise<void> | undefined;
  return {
    server,
    setFaults: (next) => {
      faults = next;
    },
    activeFaults: () => faults,
    stats: () => ctx.traffic.snapshot(),
    resetStats: () => ctx.traffic.reset(),
    shutdown() {
      closing ??= new Promise<void>((resolve) => {
        lifetime.abort();
        ws.close();
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}
