/**
 * The endpoints a System-Check page uses for its own checks, recorded while it runs: every WebSocket
 * it opens and every fetch/XHR it sends, from request and response events of the whole context (a
 * new tab included). Chromium also reports sockets as `websocket` events; Firefox over WebDriver BiDi
 * does not, and shows the handshake as a request answered 101 — both land here, one entry per URL.
 */
import type { BrowserContext, Page, Request, Response, WebSocket } from 'playwright-core';
import { asWebSocketUrl, withoutQuery } from '../core/discovery/endpoints';
import type { EndpointSeen } from '../core/types';

/** A System-Check makes a handful of requests; a page that makes thousands is not recorded beyond this. */
const MAX_ENDPOINTS = 20;
const HTTP_RESOURCE_TYPES: ReadonlySet<string> = new Set(['fetch', 'xhr', 'eventsource']);

export interface EndpointRecorder {
  /** Stops recording; what was seen, in the order first seen. */
  stop(): { websocket: EndpointSeen[]; http: EndpointSeen[] };
}

/** Starts recording on every page of `context`, present and future. */
export function recordEndpoints(context: BrowserContext): EndpointRecorder {
  const websocket = new Map<string, { url: string; status?: number }>();
  const http = new Map<string, { url: string; status?: number }>();
  const note = (into: Map<string, { url: string; status?: number }>, url: string, status?: number): void => {
    const key = withoutQuery(url);
    const seen = into.get(key);
    if (seen) {
      if (status !== undefined) seen.status ??= status;
    } else if (into.size < MAX_ENDPOINTS) into.set(key, { url: key, ...(status !== undefined ? { status } : {}) });
  };
  const isSocket = (request: Request): boolean => request.resourceType() === 'websocket' || /^wss?:/i.test(request.url());
  const onRequest = (request: Request): void => {
    if (isSocket(request)) note(websocket, asWebSocketUrl(request.url()));
    else if (HTTP_RESOURCE_TYPES.has(request.resourceType())) note(http, request.url());
  };
  const onResponse = (response: Response): void => {
    const request = response.request();
    if (response.status() === 101 || isSocket(request)) note(websocket, asWebSocketUrl(request.url()), response.status());
    else if (HTTP_RESOURCE_TYPES.has(request.resourceType())) note(http, request.url(), response.status());
  };
  const onSocket = (socket: WebSocket): void => note(websocket, socket.url());
  const watchPage = (page: Page): void => void page.on('websocket', onSocket);
  context.pages().forEach(watchPage);
  context.on('page', watchPage);
  context.on('request', onRequest);
  context.on('response', onResponse);
  return {
    stop() {
      context.off('page', watchPage);
      context.off('request', onRequest);
      context.off('response', onResponse);
      for (const page of context.pages()) page.off('websocket', onSocket);
      return { websocket: [...websocket.values()], http: [...http.values()] };
    },
  };
}
