import { didYouMeanHint } from '../lambdas/core/did-you-mean';

/** What a fault's `=VALUE` means: none (a switch), milliseconds, or megabits per second. */
export type FaultValueKind = 'none' | 'ms' | 'mbps';

interface FaultSpec {
  readonly value: FaultValueKind;
  /** One line for `--help` and docs/target.md: the observable effect. */
  readonly effect: string;
}

/** Every fault the reference target knows, with its value kind and effect (docs/target.md mirrors this). */
export const FAULT_SPECS = {
  'http-500': { value: 'none', effect: 'login page answers 500' },
  hang: { value: 'none', effect: 'login page never answers' },
  'login-slow': { value: 'ms', effect: 'login page answers after MS milliseconds' },
  'no-system-check-link': { value: 'none', effect: 'login page has no System-Check link' },
  'unsupported-browser': { value: 'none', effect: 'System-Check says the browser is not supported' },
  'reject-headless': { value: 'none', effect: 'System-Check rejects a user agent containing "HeadlessChrome"' },
  'ws-refuse': { value: 'none', effect: 'WebSocket upgrade rejected with 403' },
  'ws-silent': { value: 'none', effect: 'WebSocket accepted, never echoes' },
  'ws-delay': { value: 'ms', effect: 'WebSocket echo delayed by MS milliseconds' },
  'http-check-fail': { value: 'none', effect: 'System-Check HTTP endpoint (/api/ping) answers 503' },
  'http-delay': { value: 'ms', effect: 'System-Check HTTP endpoint (/api/ping) answers after MS milliseconds' },
  throttle: { value: 'mbps', effect: '/download and /upload paced to MBPS megabits per second each' },
  'js-error': { value: 'none', effect: 'login page throws an uncaught error; System-Check script throws before its checks' },
  'redirect-loop': { value: 'none', effect: 'login page redirects to itself forever' },
  'stream-forever': { value: 'none', effect: 'login page sends headers, then trickles bytes forever' },
  'huge-page': { value: 'none', effect: 'login page is about 20 MB' },
  'download-oversize': { value: 'none', effect: '/download sends 10x the bytes asked for, without Content-Length' },
  'gzip-bomb': { value: 'none', effect: '/download answers a small gzip body that inflates to 1 GiB' },
  'ws-garbage': { value: 'none', effect: 'WebSocket answers random binary and invalid UTF-8 text instead of echoes' },
  'ws-huge-frame': { value: 'none', effect: 'WebSocket answers each message with one 50 MB frame' },
  'ws-close-immediately': { value: 'none', effect: 'WebSocket closed with code 1011 right after the upgrade' },
  'js-loop': { value: 'none', effect: 'System-Check page runs an endless JavaScript loop after load' },
  'verdict-delay': { value: 'ms', effect: 'System-Check shows no verdict before MS milliseconds (design c: 3000 unless given)' },
  'negated-wording': { value: 'none', effect: 'System-Check failure texts contain the pass word ("nicht erfolgreich")' },
  'reject-firefox': { value: 'none', effect: 'System-Check rejects Firefox only (Gecko/ or Firefox/ in the user agent)' },
  'reject-edge': { value: 'none', effect: 'System-Check rejects Edge only (Edg/ in the user agent or its Microsoft Edge brand)' },
  'reflect-password': {
    value: 'none',
    effect: 'a failed login shows the typed password in the text, a visible field, a drawn attribute and the title (worded per design)',
  },
  'reflect-password-canvas': { value: 'none', effect: 'a failed login draws the typed password on a canvas only' },
} as const satisfies Record<string, FaultSpec>;

export type FaultName = keyof typeof FAULT_SPECS;
export const FAULT_NAMES = Object.keys(FAULT_SPECS) as FaultName[];

/** Bounds of fault values: a delay longer than 10 minutes or a rate above 100 Gbit/s is a typo. */
const MAX_DELAY_MS = 600_000;
const MAX_MBPS = 100_000;

/** A fault name or value the target does not understand. The message names the rule and the fix. */
export class FaultError extends Error {
  override readonly name = 'FaultError';
}

/** The parsed, frozen set of active faults. Switches are `true`; valued faults carry their number. */
export interface ActiveFaults {
  readonly list: readonly string[];
  has(name: FaultName): boolean;
  /** The number given with a valued fault (`ws-delay=250` → 250), or undefined when inactive. */
  valueOf(name: FaultName): number | undefined;
}

function isFaultName(name: string): name is FaultName {
  return Object.prototype.hasOwnProperty.call(FAULT_SPECS, name);
}

function parseValue(name: FaultName, raw: string | undefined, item: string): number | true {
  const kind: FaultValueKind = FAULT_SPECS[name].value;
  if (kind === 'none') {
    if (raw !== undefined) throw new FaultError(`fault "${name}" takes no value, got "${item}". Use "${name}".`);
    return true;
  }
  const unit = kind === 'ms' ? 'MS' : 'MBPS';
  if (raw === undefined || raw === '') {
    throw new FaultError(`fault "${name}" needs a value: "${name}=${unit}", got "${item}".`);
  }
  const value = Number(raw);
  if (kind === 'ms' && (!Number.isInteger(value) || value < 0 || value > MAX_DELAY_MS)) {
    throw new FaultError(`fault "${name}" needs whole milliseconds from 0 to ${MAX_DELAY_MS}, got "${raw}".`);
  }
  if (kind === 'mbps' && (!Number.isFinite(value) || value <= 0 || value > MAX_MBPS)) {
    throw new FaultError(`fault "${name}" needs megabits per second above 0 and up to ${MAX_MBPS}, got "${raw}".`);
  }
  return value;
}

/**
 * Parses `["hang", "ws-delay=250"]` into ActiveFaults, or throws a FaultError for an unknown name
 * (with a did-you-mean and the known names), a missing, superfluous or bad value, or a repeated fault.
 */
export function parseFaults(items: readonly string[]): ActiveFaults {
  const active = new Map<FaultName, number | true>();
  for (const item of items) {
    const [rawName = '', ...rest] = item.trim().split('=');
    const name = rawName.trim().toLowerCase();
    if (!isFaultName(name)) {
      throw new FaultError(`unknown fault "${rawName}".${didYouMeanHint(name, FAULT_NAMES)} Known faults: ${FAULT_NAMES.join(', ')}.`);
    }
    if (active.has(name)) throw new FaultError(`fault "${name}" is given twice; give each fault once.`);
    active.set(name, parseValue(name, rest.length > 0 ? rest.join('=').trim() : undefined, item));
  }
  const list = Object.freeze([...active].map(([name, value]) => (value === true ? name : `${name}=${value}`)));
  return Object.freeze({
    list,
    has: (name: FaultName) => active.has(name),
    valueOf: (name: FaultName) => {
      const value = active.get(name);
      return typeof value === 'number' ? value : undefined;
    },
  });
}
