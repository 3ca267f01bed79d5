import { describe, expect, it } from 'vitest';
import { asWebSocketUrl, endpointToMeasure, withoutQuery } from '../../lambdas/core/discovery/endpoints';

describe('the System-Check page endpoints', () => {
  it('names an endpoint without its cache-buster, and a BiDi handshake as the WebSocket it is', () => {
    expect(withoutQuery('https://crm.example/api/ping?t=1712345678#x')).toBe('https://crm.example/api/ping');
    expect(withoutQuery('wss://crm.example/ws?token=1')).toBe('wss://crm.example/ws');
    expect(asWebSocketUrl('https://crm.example/ws')).toBe('wss://crm.example/ws');
    expect(asWebSocketUrl('http://127.0.0.1:8080/ws')).toBe('ws://127.0.0.1:8080/ws');
    expect(asWebSocketUrl('ws://127.0.0.1:8080/ws')).toBe('ws://127.0.0.1:8080/ws');
  });

  it('measures the first endpoint on the page own site that answered as a check should', () => {
    // Prepare
    const http = [
      { url: 'https://www.google-analytics.com/collect', status: 200 },
      { url: 'https://www.autocrm.de/api/broken', status: 503 },
      { url: 'https://api.autocrm.de/status', status: 200 },
    ];
    const websocket = [{ url: 'wss://tracker.example/ws', status: 101 }, { url: 'wss://www.autocrm.de/ws' }];
    // Act / Assess
    expect(endpointToMeasure(http, 'https://www.autocrm.de/cgi-bin/xorg/systemcheck.pl', 'http')).toBe('https://api.autocrm.de/status');
    expect(endpointToMeasure(websocket, 'https://www.autocrm.de/x', 'websocket')).toBe('wss://www.autocrm.de/ws');
    expect(endpointToMeasure([{ url: 'ws://127.0.0.1:5/ws', status: 403 }], 'http://127.0.0.1:5/', 'websocket')).toBeUndefined();
    expect(endpointToMeasure([], 'http://127.0.0.1:5/', 'http')).toBeUndefined();
  });

  it('leaves a URL it cannot parse as it is, and an http URL inside a socket URL alone', () => {
    // Act / Assess
    expect(withoutQuery('not a url?t=1')).toBe('not a url?t=1');
    expect(asWebSocketUrl('wss://crm.example/ws?back=https://crm.example/')).toBe('wss://crm.example/ws?back=https://crm.example/');
  });

  it('measures a socket that answered 101, never one that answered 200', () => {
    // Prepare
    const seen = [
      { url: 'wss://crm.example/ws-a', status: 200 },
      { url: 'wss://crm.example/ws-b', status: 101 },
    ];
    // Act / Assess
    expect(endpointToMeasure(seen, 'https://crm.example/check', 'websocket')).toBe('wss://crm.example/ws-b');
  });

  it('measures HTTP that answered 2xx: neither 199 nor 300', () => {
    // Prepare
    const seen = [
      { url: 'https://crm.example/early', status: 199 },
      { url: 'https://crm.example/moved', status: 300 },
      { url: 'https://crm.example/last-ok', status: 299 },
    ];
    // Act / Assess
    expect(endpointToMeasure(seen, 'https://crm.example/check', 'http')).toBe('https://crm.example/last-ok');
  });

  it('tells sites apart by the last two labels of a name, and by the whole of an IP address', () => {
    // Prepare
    const ok = (url: string) => ({ url, status: 200 });
    // Act / Assess
    // another site under the same top-level domain, of the same depth
    expect(
      endpointToMeasure([ok('https://www.tracker.example/c'), ok('https://api.crm.example/s')], 'https://www.crm.example/', 'http'),
    ).toBe('https://api.crm.example/s');
    // labels that only spell the same letters are another site
    expect(endpointToMeasure([ok('https://cdn.mys.hop/c'), ok('https://api.my.shop/s')], 'https://app.my.shop/', 'http')).toBe(
      'https://api.my.shop/s',
    );
    // names with digits at either end are names, not addresses
    expect(endpointToMeasure([ok('https://360.crm.example/s')], 'https://www.crm.example/', 'http')).toBe('https://360.crm.example/s');
    expect(endpointToMeasure([ok('https://api.crm.stage2/s')], 'https://www.crm.stage2/', 'http')).toBe('https://api.crm.stage2/s');
    // two addresses that end alike are two hosts
    expect(endpointToMeasure([ok('http://10.0.0.1/s'), ok('http://127.0.0.1:8080/s')], 'http://127.0.0.1:8080/', 'http')).toBe(
      'http://127.0.0.1:8080/s',
    );
  });
});
