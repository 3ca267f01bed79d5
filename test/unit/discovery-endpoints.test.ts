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
});
