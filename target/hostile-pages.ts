import type { ServerResponse } from 'node:http';
import { COMMON_HEADERS, sleep } from './http-util';
import { loginPageOpening } from './pages';

/** `huge-page`: about 20 MB of hidden filler, far beyond any real login page. */
export const HUGE_PAGE_BYTES = 20 * 1024 * 1024;
/** `stream-forever`: one small chunk this often keeps the response alive without finishing it. */
const TRICKLE_INTERVAL_MS = 200;

let filler: string | undefined;

/** Hidden filler markup of HUGE_PAGE_BYTES, built once per process (it is just text). */
export function hugeFiller(): string {
  if (filler === undefined) {
    const line = 'autocrm Füllinhalt für den Fehlerfall huge-page: diese Zeile wiederholt sich sehr oft.\n';
    filler = `<div id="huge-filler" hidden>\n${line.repeat(Math.ceil(HUGE_PAGE_BYTES / Buffer.byteLength(line)))}</div>\n`;
  }
  return filler;
}

/**
 * `stream-forever`: 200 with headers and the login form, then a comment every 200 ms until the
 * client goes away or the target closes. The document never ends, so `load` never fires.
 */
export async function streamForever(res: ServerResponse, signal: AbortSignal): Promise<void> {
  res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
  res.write(loginPageOpening());
  let chunk = 0;
  while (!res.destroyed && !res.writableEnded) {
    if (!(await sleep(TRICKLE_INTERVAL_MS, signal))) break;
    res.write(`<!-- ${++chunk} -->\n`);
  }
}
