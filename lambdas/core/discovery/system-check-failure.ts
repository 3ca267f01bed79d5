/**
 * What the three verdicts of a System-Check mean for the round: the first failed verdict in reading
 * order (an unsupported browser explains everything after it), then a verdict whose text says
 * neither pass nor fail, then a verdict the page does not show. Pending verdicts are the engine's
 * call (it knows how long it waited).
 */
import type { FailureKind, SystemCheckResult, VerdictReading } from '../types';
import { CHECK_NAMES, type CheckName } from './vocabulary';

const KIND_OF_FAILED: Readonly<Record<CheckName, FailureKind>> = { browser: 'browser_unsupported', websocket: 'websocket', http: 'http' };
/** How a person would call each check when telling what was looked for. */
export const CHECK_LABELS: Readonly<Record<CheckName, string>> = { browser: 'the browser', websocket: 'the WebSocket', http: 'HTTP' };

type Readings = Pick<SystemCheckResult, CheckName>;

function quoted(reading: VerdictReading): string {
  return `"${reading.text ?? ''}"${reading.reason ? ` (${reading.reason})` : ''}`;
}

function lookedFor(name: CheckName, reading: VerdictReading): string {
  if (reading.source === 'configured' && reading.selector) return `no element matches the configured selector ${reading.selector}`;
  return `looked for an element whose text names ${CHECK_LABELS[name]} and says how its check went`;
}

type Failure = { kind: FailureKind; message: string };

/** The first verdict the page itself says failed, in reading order. */
export function failedVerdict(readings: Readings): Failure | undefined {
  for (const name of CHECK_NAMES) {
    const reading = readings[name];
    if (reading.outcome === 'fail' || (reading.outcome === undefined && reading.ok === false)) {
      return { kind: KIND_OF_FAILED[name], message: `System-Check ${name} verdict: ${quoted(reading)}` };
    }
  }
  return undefined;
}

/** The first verdict whose text says neither pass nor fail: a content failure quoting it, never a pass. */
export function unclearVerdict(readings: Readings): Failure | undefined {
  const name = CHECK_NAMES.find((candidate) => readings[candidate].outcome === 'unclear');
  return name
    ? { kind: 'content', message: `System-Check ${name} verdict says neither pass nor fail: ${quoted(readings[name])}` }
    : undefined;
}

/** Verdicts the page does not show: one content failure saying what was looked for. */
export function missingVerdicts(readings: Readings): Failure | undefined {
  const missing = CHECK_NAMES.filter((name) => readings[name].outcome === 'missing');
  const [first] = missing;
  if (first === undefined) return undefined;
  if (missing.length === CHECK_NAMES.length && readings[first].source !== 'configured') {
    const names = CHECK_NAMES.map((name) => CHECK_LABELS[name]).join(', ');
    return {
      kind: 'content',
      message: `no System-Check verdicts found: looked for elements whose text names ${names} and says how the check went`,
    };
  }
  return { kind: 'content', message: `System-Check shows no ${first} verdict: ${lookedFor(first, readings[first])}` };
}

/** The failure the verdicts stand for: a failed verdict, then an unclear one, then a missing one. */
export function systemCheckFailure(readings: Readings): Failure | undefined {
  return failedVerdict(readings) ?? unclearVerdict(readings) ?? missingVerdicts(readings);
}
