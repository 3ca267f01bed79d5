/**
 * The rounds a probe stack schedules, read back from EventBridge Scheduler: one schedule per (target,
 * browser) pair, whose input is that pair's event. The smoke gate runs each of them once against the
 * probe version the deployment created, so it tests exactly what the schedules will run, without a
 * copy of the config of its own.
 */
import { GetScheduleCommand, ListSchedulesCommand, type SchedulerClient } from '@aws-sdk/client-scheduler';
import { SmokeGateError } from './verdict';

/** ListSchedules returns at most 100 per page; 100 pages cover far more pairs than one stack can hold. */
const PAGE_SIZE = 100;
const MAX_PAGES = 100;
/** GetSchedule calls in flight at once: well below the API's rate quota, fast enough for hundreds of pairs. */
const READ_CONCURRENCY = 10;

/** One smoke invocation: the probe version to call and the event to send it. */
export interface SmokeRound {
  /** The qualified ARN of the probe version that runs this pair. */
  readonly functionName: string;
  /** The schedule's input with `mode: "smoke"`. */
  readonly event: Readonly<Record<string, unknown>>;
  /** `autocrm firefox`, for the verdict when the invocation itself fails. */
  readonly label: string;
}

type Scheduler = Pick<SchedulerClient, 'send'>;

/** Every schedule of `group` as a smoke round; throws SmokeGateError when one cannot be run. */
export async function scheduledRounds(scheduler: Scheduler, group: string, versions: readonly string[]): Promise<SmokeRound[]> {
  const names = await scheduleNames(scheduler, group);
  if (names.length === 0) throw new SmokeGateError(`smoke gate: the schedule group ${group} holds no schedule; redeploy the probe stack`);
  const rounds: SmokeRound[] = [];
  for (let start = 0; start < names.length; start += READ_CONCURRENCY) {
    const batch = names.slice(start, start + READ_CONCURRENCY);
    rounds.push(...(await Promise.all(batch.map((name) => roundOf(scheduler, group, name, versions)))));
  }
  return rounds;
}

async function scheduleNames(scheduler: Scheduler, group: string): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const reply = await scheduler.send(new ListSchedulesCommand({ GroupName: group, MaxResults: PAGE_SIZE, NextToken: nextToken }));
    names.push(...(reply.Schedules ?? []).flatMap((schedule) => (schedule.Name ? [schedule.Name] : [])));
    nextToken = reply.NextToken;
    if (!nextToken) return names.sort();
  }
  throw new SmokeGateError(`smoke gate: the schedule group ${group} holds more than ${PAGE_SIZE * MAX_PAGES} schedules`);
}

async function roundOf(scheduler: Scheduler, group: string, name: string, versions: readonly string[]): Promise<SmokeRound> {
  const schedule = await scheduler.send(new GetScheduleCommand({ GroupName: group, Name: name }));
  const target = schedule.Target;
  const version = target?.Arn ? versions.find((arn) => arn.startsWith(`${target.Arn}:`)) : undefined;
  if (!target?.Arn || !version) {
    throw new SmokeGateError(
      `smoke gate: schedule ${name} invokes ${target?.Arn ?? 'nothing'}, which is none of this deployment's probe versions (${versions.join(', ')})`,
    );
  }
  let input: unknown;
  try {
    input = JSON.parse(target.Input ?? '{}');
  } catch {
    throw new SmokeGateError(`smoke gate: the input of schedule ${name} is not JSON`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new SmokeGateError(`smoke gate: the input of schedule ${name} is not a JSON object`);
  }
  return { functionName: version, event: { ...input, mode: 'smoke' }, label: labelOf(input, name) };
}

/** `target browser` from a pair's event (`{ targets: [{ name, browsers: [b] }] }`), else the schedule's name. */
function labelOf(input: object, fallback: string): string {
  const target = (input as { targets?: { name?: unknown; browsers?: unknown[] }[] }).targets?.[0];
  if (typeof target?.name !== 'string') return fallback;
  const browser = target.browsers?.[0];
  return `${target.name} ${typeof browser === 'string' ? browser : 'chromium'}`;
}
