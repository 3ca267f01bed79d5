/**
 * Pure helpers for the endpoints a System-Check page uses: how to name them (one entry per URL
 * without its cache-buster) and which one the engine measures when the config names none.
 */
import type { EndpointSeen } from '../types';

/** `ws(s)://…` for a WebSocket URL however the browser reports it (BiDi shows the handshake as http(s)). */
export function asWebSocketUrl(url: string): string {
  return url.replace(/^http(s?):/i, 'ws$1:');
}

/** A URL without its query and fragment: System-Checks add cache-busters (`?t=1712…`). */
export function withoutQuery(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url;
  }
}

/**
 * The endpoint to measure: the first the page used on its own site (same host, or a host under the
 * same parent domain) that answered as such a check should (101 for a socket, 2xx for HTTP, or no
 * answer recorded yet). Third-party requests (analytics, fonts) are never measured.
 */
export function endpointToMeasure(seen: readonly EndpointSeen[], pageUrl: string, kind: 'websocket' | 'http'): string | undefined {
  const site = siteOf(pageUrl);
  const answered = (status: number | undefined): boolean =>
    status === undefined || (kind === 'websocket' ? status === 101 : status >= 200 && status < 300);
  return seen.find((endpoint) => siteOf(endpoint.url) === site && answered(endpoint.status))?.url;
}

/** The last two labels of the host (`www.autocrm.de` → `autocrm.de`); an IP address stays whole. */
function siteOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    if (/^[\d.]+$/.test(host) || host.includes(':')) return host;
    return host.split('.').slice(-2).join('.');
  } catch {
    return undefined;
  }
}
