/**
 * Deploy-time runtime of the SmokeTrigger construct (not a construct itself; bundled on its own):
 * runs every scheduled (target, browser) round of the stack once, in smoke mode, against the probe
 * versions this deployment created, all at once (each is its own invocation, as on the schedule), and
 * throws when any did not pass, because the probe handler reports a failed check as data
 * (`ok: false`) and never throws, while a CDK Trigger fails the deployment only when its handler throws.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { PROBE_VERSIONS_ENV, SCHEDULE_GROUP_ENV } from './env';
import { scheduledRounds, type SmokeRound } from './scheduled-rounds';
import { type InvocationReading, readInvocation, SmokeGateError, smokeVerdict } from './verdict';

export { SmokeGateError, smokeVerdict, readInvocation } from './verdict';

/** The Lambda entry point the Trigger calls (with an empty event). */
export async function handler(): Promise<string> {
  const group = process.env[SCHEDULE_GROUP_ENV];
  const versions = (process.env[PROBE_VERSIONS_ENV] ?? '').split(',').filter((arn) => arn !== '');
  if (!group || versions.length === 0) {
    throw new SmokeGateError(`smoke gate: ${SCHEDULE_GROUP_ENV} or ${PROBE_VERSIONS_ENV} is not set; redeploy the probe stack`);
  }
  const rounds = await scheduledRounds(new SchedulerClient({}), group, versions);
  const lambda = new LambdaClient({});
  const readings = await Promise.all(rounds.map((round) => invoke(lambda, round)));
  const verdict = smokeVerdict(readings, process.env.AWS_REGION);
  console.log(verdict);
  return verdict;
}

/** One round, synchronously; a failed call is a failed reading, never a lost one. */
async function invoke(lambda: LambdaClient, round: SmokeRound): Promise<InvocationReading> {
  try {
    const reply = await lambda.send(
      new InvokeCommand({ FunctionName: round.functionName, InvocationType: 'RequestResponse', Payload: JSON.stringify(round.event) }),
    );
    return readInvocation(round.label, new TextDecoder().decode(reply.Payload ?? new Uint8Array()), reply.FunctionError);
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { ok: false, location: undefined, lines: [`${round.label}: the invocation failed (${message})`] };
  }
}
