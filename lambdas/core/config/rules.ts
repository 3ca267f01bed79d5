import type { ConfigIssue } from './error';
import { FIREFOX_LAUNCH_MARGIN_MS, LAMBDA_MAX_TIMEOUT_MS, LAUNCH_MARGIN_MS } from './defaults';
import { describeValue, joinPath } from './validate';
import { checkDeployment } from './rules-deploy';

const MS_PER_MINUTE = 60_000;

/** A partially valid object after the structural pass: invalid keys are absent, so every rule guards. */
type Loose = Readonly<Record<string, unknown>>;

function object(value: unknown): Loose | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Loose) : undefined;
}

function num(value: Loose | undefined, key: string): number | undefined {
  const found = value?.[key];
  return typeof found === 'number' ? found : undefined;
}

/**
 * The Lambda timeout one round needs: every (target, browser) pair is its own invocation on the
 * schedule, so the timeout is that round's `roundMs` plus its browser's launch margin, however many
 * targets and browsers there are. The CDK stack sizes each function with it; `parseConfig` checks
 * that every pair fits the schedule.
 */
export function roundInvocationMs(roundMs: number, browser: unknown): number {
  return roundMs + launchMarginMs(browser);
}

/** The launch margin of a browser: Firefox's own (a slower launch in its container image), else Chromium's. */
export function launchMarginMs(browser: unknown): number {
  return browser === 'firefox' ? FIREFOX_LAUNCH_MARGIN_MS : LAUNCH_MARGIN_MS;
}

function checkTimeouts(target: Loose, path: string, issues: ConfigIssue[]): void {
  const timeouts = object(target.timeouts);
  const roundMs = num(timeouts, 'roundMs');
  if (roundMs === undefined) return;
  for (const key of ['navigationMs', 'systemCheckMs', 'stepMs']) {
    const value = num(timeouts, key);
    if (value !== undefined && value > roundMs) {
      issues.push({ path: joinPath(path, `timeouts.${key}`), message: `must be at most timeouts.roundMs (${roundMs} ms), got ${value}` });
    }
  }
  const bandwidth = object(target.bandwidth);
  const budgetMs = num(bandwidth, 'budgetMs');
  const directions = (bandwidth?.downloadUrl ? 1 : 0) + (bandwidth?.uploadUrl ? 1 : 0);
  if (budgetMs !== undefined && directions * budgetMs > roundMs) {
    const rule = `× ${directions} direction${directions === 1 ? '' : 's'} must be at most timeouts.roundMs (${roundMs} ms)`;
    issues.push({ path: joinPath(path, 'bandwidth.budgetMs'), message: `${rule}, got ${budgetMs}` });
  }
}

function checkWebSocket(target: Loose, path: string, issues: ConfigIssue[]): void {
  const websocket = object(target.websocket);
  const stepMs = num(object(target.timeouts), 'stepMs');
  if (websocket === undefined || stepMs === undefined) return;
  const timeoutMs = num(websocket, 'timeoutMs');
  if (timeoutMs !== undefined && timeoutMs > stepMs) {
    issues.push({
      path: joinPath(path, 'websocket.timeoutMs'),
      message: `must be at most timeouts.stepMs (${stepMs} ms), got ${timeoutMs}`,
    });
  }
  const messages = num(websocket, 'messages');
  const intervalMs = num(websocket, 'intervalMs');
  if (messages !== undefined && intervalMs !== undefined && messages * intervalMs >= stepMs) {
    const rule = `× websocket.intervalMs (${intervalMs} ms) must stay below timeouts.stepMs (${stepMs} ms)`;
    issues.push({ path: joinPath(path, 'websocket.messages'), message: `${rule}, got ${messages} (${messages * intervalMs} ms)` });
  }
}

function checkSections(target: Loose, path: string, issues: ConfigIssue[]): void {
  const bandwidth = object(target.bandwidth);
  if (bandwidth && bandwidth.downloadUrl === undefined && bandwidth.uploadUrl === undefined) {
    issues.push({ path: joinPath(path, 'bandwidth'), message: 'needs downloadUrl or uploadUrl (or leave bandwidth out), got neither' });
  }
  const credentials = object(target.credentials);
  if (!credentials || credentials.secretArn !== undefined) return;
  const hasUser = credentials.usernameEnv !== undefined;
  const hasPassword = credentials.passwordEnv !== undefined;
  if (hasUser && !hasPassword)
    issues.push({ path: joinPath(path, 'credentials.passwordEnv'), message: 'is required when usernameEnv is set' });
  if (hasPassword && !hasUser)
    issues.push({ path: joinPath(path, 'credentials.usernameEnv'), message: 'is required when passwordEnv is set' });
  if (!hasUser && !hasPassword) {
    issues.push({
      path: joinPath(path, 'credentials'),
      message: 'needs secretArn (Lambda) or usernameEnv and passwordEnv (CLI), got neither',
    });
  }
}

/** Rules across the keys of each target, and unique names; `path` is the targets array's path. */
export function checkTargets(targets: unknown, path: string, issues: ConfigIssue[]): void {
  if (!Array.isArray(targets)) return;
  const firstIndexByName = new Map<string, number>();
  targets.forEach((raw, index) => {
    const target = object(raw);
    if (!target) return;
    const targetPath = joinPath(path, index);
    checkTimeouts(target, targetPath, issues);
    checkWebSocket(target, targetPath, issues);
    checkSections(target, targetPath, issues);
    if (typeof target.name !== 'string') return;
    const first = firstIndexByName.get(target.name);
    if (first === undefined) firstIndexByName.set(target.name, index);
    else
      issues.push({
        path: joinPath(targetPath, 'name'),
        message: `must be unique, got ${describeValue(target.name)} (also ${joinPath(path, first)}.name)`,
      });
  });
}

/** One round's invocation: where its target is in the config, which browser, and the timeout it needs. */
interface PairTimeout {
  readonly index: number;
  readonly name: unknown;
  readonly browser: unknown;
  readonly roundMs: number;
  readonly timeoutMs: number;
}

/** Every (target, browser) pair's invocation timeout; undefined while a roundMs is not valid yet. */
function pairTimeouts(config: Loose): PairTimeout[] | undefined {
  const targets = Array.isArray(config.targets) ? config.targets.map(object) : [];
  const pairs: PairTimeout[] = [];
  for (const [index, target] of targets.entries()) {
    const roundMs = num(object(target?.timeouts), 'roundMs');
    if (roundMs === undefined) return undefined;
    for (const browser of browsersOf(target)) {
      pairs.push({ index, name: target?.name, browser, roundMs, timeoutMs: roundInvocationMs(roundMs, browser) });
    }
  }
  return pairs;
}

/**
 * The schedule against the slowest pair: each (target, browser) is its own invocation, so the
 * schedule must outlast one round's invocation, not the sum of all; the message names that pair.
 * That invocation must also fit the Lambda maximum, whatever the schedule.
 */
function checkSchedule(config: Loose, issues: ConfigIssue[]): void {
  const schedule = num(config, 'schedule');
  const pairs = pairTimeouts(config);
  // The Lambda maximum does not depend on the schedule: it is judged even while the schedule is invalid.
  if (pairs === undefined || pairs.length === 0) return;
  const slowest = pairs.reduce((worst, pair) => (pair.timeoutMs > worst.timeoutMs ? pair : worst));
  const path = joinPath(joinPath('targets', slowest.index), 'timeouts.roundMs');
  const browser = typeof slowest.browser === 'string' ? slowest.browser : 'chromium';
  const which = `targets[${slowest.index}]${typeof slowest.name === 'string' ? ` "${slowest.name}"` : ''} in ${browser}`;
  const sum = `${which}: ${slowest.roundMs} ms round + ${slowest.timeoutMs - slowest.roundMs} ms launch margin = ${slowest.timeoutMs} ms`;
  if (slowest.timeoutMs > LAMBDA_MAX_TIMEOUT_MS) {
    issues.push({ path, message: `the round's invocation (${sum}) must be at most the Lambda maximum of ${LAMBDA_MAX_TIMEOUT_MS} ms` });
  } else if (schedule !== undefined && slowest.timeoutMs >= schedule * MS_PER_MINUTE) {
    const minutes = Math.ceil((slowest.timeoutMs + 1) / MS_PER_MINUTE);
    const message = `must be longer than the slowest round's invocation (${sum}), got ${schedule} minute${schedule === 1 ? '' : 's'}; raise schedule to ${minutes} or shorten ${path}`;
    issues.push({ path: 'schedule', message });
  }
}

/** The browsers a target lists (its default, one, when absent or invalid: the structural pass reports that). */
function browsersOf(target: Loose | undefined): readonly unknown[] {
  const browsers = target?.browsers;
  return Array.isArray(browsers) && browsers.length > 0 ? browsers : [undefined];
}

/** Rules across the keys of the whole config: quorum vs regions, schedule vs probe timeout, targets. */
export function checkMonitor(config: Loose, issues: ConfigIssue[]): void {
  const quorum = num(object(config.alarms), 'outageQuorum');
  const regions = Array.isArray(config.probeRegions) ? config.probeRegions.length : undefined;
  if (quorum !== undefined && regions !== undefined && regions > 0 && quorum > regions) {
    issues.push({ path: 'alarms.outageQuorum', message: `must be at most the number of probeRegions (${regions}), got ${quorum}` });
  }
  checkSchedule(config, issues);
  checkTargets(config.targets, 'targets', issues);
  checkDeployment(config, issues);
}
