/**
 * Verdict layouts beyond the reference target's designs, on pages of our own making: a table whose
 * header row names the checks and whose row below holds the verdicts, worded in German, with a check
 * that says "Warte auf Antwort" (no ellipsis) for longer than the missing-verdict idle period.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeTarget } from '../../lambdas/probe/probe-target';
import { urlOnly } from './discovery-matrix';
import { chromiumChildren } from './journey-helpers';

/** Longer than the 2 s after which a verdict that never showed up counts as missing. */
const LATE_HTTP_MS = 2_600;

const LOGIN_PAGE = (
  variant: string,
): string => `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Anmeldung</title></head><body>
<form method="post" action="/anmelden"><input name="k" placeholder="Kennung"><input name="p" type="password" placeholder="Kennwort">
<input type="submit" value="Weiter"></form>
<p style="position:fixed;left:0;bottom:0"><a href="/werkzeuge/systemcheck?v=${variant}">Systemcheck</a></p></body></html>`;

const COLUMNS_PAGE = (
  browserWord: string,
): string => `<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Prüfung</title></head><body>
<table><thead><tr><th>Browser</th><th>WebSocket</th><th>HTTP</th></tr></thead>
<tbody><tr><td>${browserWord}</td><td>OK</td><td class="spalte">Warte auf Antwort</td></tr></tbody></table>
<script>setTimeout(function () { document.querySelector('td.spalte').textContent = 'erreichbar'; }, ${LATE_HTTP_MS});</script>
</body></html>`;

describe('verdicts under their column header, a late one saying "Warte auf Antwort"', () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const variant = url.searchParams.get('v') ?? 'ok';
      response.setHeader('content-type', 'text/html; charset=utf-8');
      response.end(
        url.pathname === '/werkzeuge/systemcheck' ? COLUMNS_PAGE(variant === 'ok' ? 'geeignet' : 'inkompatibel') : LOGIN_PAGE(variant),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('reads each verdict from its column and waits for the late one', async () => {
    // Act
    const { result } = await probeTarget(urlOnly(`${origin}/anmelden?v=ok`), { location: 'local' });
    // Assess
    expect(chromiumChildren()).toEqual([]);
    expect(result.failure).toBeNull();
    expect(result.systemCheck?.browser).toMatchObject({ outcome: 'pass', text: 'Browser geeignet', source: 'discovered' });
    expect(result.systemCheck?.websocket).toMatchObject({ outcome: 'pass', text: 'WebSocket OK' });
    expect(result.systemCheck?.http).toMatchObject({ outcome: 'pass', text: 'HTTP erreichbar' });
  });

  it('fails the browser verdict its column says is incompatible', async () => {
    // Act
    const { result } = await probeTarget(urlOnly(`${origin}/anmelden?v=alt`), { location: 'local' });
    // Assess
    expect(result.status).toBe('fail');
    expect(result.failure).toMatchObject({ kind: 'browser_unsupported', step: 'system_check' });
    expect(result.systemCheck?.browser).toMatchObject({ outcome: 'fail', text: 'Browser inkompatibel' });
  });
});
