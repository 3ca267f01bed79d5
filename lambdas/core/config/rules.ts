import type { ConfigIssue } from './error';
import { LAMBDA_MAX_TIMEOUT_MS, LAUNCH_MARGIN_MS } from './defaults';
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

/** What the probe timeout depends on: each target's round budget and how many browsers it runs in. */
export interface RoundsOfTarget {
  readonly timeouts: { readonly roundMs: number };
  /** @default one browser */
  readonly browsers?: readonly unknown[];
}

/**
 * The Lambda timeout the monitor needs: every round (one per target and browser) one after another
 * plus the launch margin. The CDK stack uses this number; `parseConfig` checks that it fits the schedule.
 */
export function probeTimeoutMs(targets: readonly RoundsOfTarget[]): number {
  return targets.reduce((sum, target) => sum + roundsOf(target) * target.timeouts.roundMs, LAUNCH_MARGIN_MS);
}

function roundsOf(target: RoundsOfTarget): number {
  return Math.max(1, target.browsers?.length ?? 1);
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

function checkSchedule(config: Loose, issues: ConfigIssue[]): void {
  const schedule = num(config, 'schedule');
  const targets = Array.isArray(config.targets) ? config.targets.map(object) : [];
  const rounds = targets.map((target) => ({ roundMs: num(object(target?.timeouts), 'roundMs'), browsers: browsersOf(target) }));
  if (schedule === undefined || rounds.length === 0 || rounds.some(({ roundMs }) => roundMs === undefined)) return;
  const timeoutMs = probeTimeoutMs(rounds.map(({ roundMs, browsers }) => ({ timeouts: { roundMs: roundMs ?? 0 }, browsers })));
  const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? '' : 's'}`;
  const count = rounds.reduce((sum, { browsers }) => sum + browsers.length, 0);
  const what =
    count === rounds.length ? plural(count, 'target round') : `${plural(count, 'round')} of ${plural(rounds.length, 'target')} × browsers`;
  const sum = `${what} (${timeoutMs - LAUNCH_MARGIN_MS} ms) + ${LAUNCH_MARGIN_MS} ms launch margin = ${timeoutMs} ms`;
  if (timeoutMs > LAMBDA_MAX_TIMEOUT_MS) {
    const rule = `must be at most the Lambda maximum of ${LAMBDA_MAX_TIMEOUT_MS} ms; shorten timeouts.roundMs`;
    issues.push({ path: 'targets', message: `the probe timeout (${sum}) ${rule}` });
  } else if (timeoutMs >= schedule * MS_PER_MINUTE) {
    const minutes = Math.ceil((timeoutMs + 1) / MS_PER_MINUTE);
    const fix = `raise schedule to ${minutes} or shorten targets[].timeouts.roundMs${count === rounds.length ? '' : ' or list fewer browsers'}`;
    issues.push({ path: 'schedule', message: `must be longer than the probe timeout (${sum}), got ${plural(schedule, 'minute')}; ${fix}` });
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
