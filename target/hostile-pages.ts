import type { ServerResponse } from 'node:http';
import { COMMON_HEADERS, sleep } from './http-util';

/** `huge-page`: about 20 MB of hidden filler, far beyond any real login page. */
export const HUGE_PAGE_BYTES = 20 * 1024 * 1024;
/** `stream-forever`: one small chunk this often keeps the response alive without finishing it. */
const TRICKLE_INTERVAL_MS = 200;

const fillers = new Map<string, string>();

/**
 * Hidden filler markup of at least HUGE_PAGE_BYTES: `line` repeated between `open` and `close`,
 * built once per process and wrapper (it is just text).
 */
export function repeatedFiller(open: string, line: string, close: string): string {
  const key = `${open}\u0000${line}`;
  let filler = fillers.get(key);
  if (filler === undefined) {
    filler = `${open}\n${line.repeat(Math.ceil(HUGE_PAGE_BYTES / Buffer.byteLength(line)))}${close}\n`;
    fillers.set(key, filler);
  }
  return filler;
}

/** Design a's filler: a hidden div of German lines. */
export function hugeFiller(): string {
  return repeatedFiller(
    '<div id="huge-filler" hidden>',
    'autocrm Füllinhalt für den Fehlerfall huge-page: diese Zeile wiederholt sich sehr oft.\n',
    '</div>',
  );
}

/**
 * `stream-forever`: 200 with headers and the opening of the login page (`opening`, form included), then a comment every 200 ms until the
 * client goes away or the target closes. The document never ends, so `load` never fires.
 */
export async function streamForever(res: ServerResponse, opening: string, signal: AbortSignal): Promise<void> {
  res.writeHead(200, { ...COMMON_HEADERS, 'Content-Type': 'text/html; charset=utf-8' });
  res.write(opening);
  let chunk = 0;
  while (!res.destroyed && !res.writableEnded) {
    if (!(await sleep(TRICKLE_INTERVAL_MS, signal))) break;
    res.write(`<!-- ${++chunk} -->\n`);
  }
}
