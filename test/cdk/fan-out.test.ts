/**
 * Issue #22/#23: every (target, browser) pair in every region is its own invocation on the schedule,
 * Chromium and Edge in the zip function, Firefox in its container-image function; timeouts per pair.
 */
import { Match, Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MonitorConfig } from '../../lambdas/core/config/types';
import { FIREFOX_PROBE_FUNCTION_NAME, PROBE_FUNCTION_NAME } from '../../lambdas/core/names';
import { addMonitorStacks } from '../../lib/monitor-app';
import { checkFanOutLimits } from '../../lib/probe-limits';
import { newTestApp, removeSynthOutputs, SECRET_ARN, synthMonitor, testConfig } from './fixtures';

afterAll(removeSynthOutputs);

const ALL_BROWSERS = ['chromium', 'firefox', 'edge'] as const;

/** `count` targets with every measurement (so every alarm), each in `browsers`; the first carries a login secret. */
function targets(count: number, browsers: readonly string[] = ALL_BROWSERS): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => {
    const origin = `https://tenant-${i}.crm.example.com`;
    return {
      name: `tenant-${String(i).padStart(2, '0')}`,
      loginUrl: `${origin}/cgi-bin/xorg/crm.pl`,
      browsers,
      websocket: { url: `wss://tenant-${i}.crm.example.com/ws` },
      http: { url: `${origin}/api/ping` },
      bandwidth: { downloadUrl: `${origin}/download?bytes={bytes}`, uploadUrl: `${origin}/upload` },
      ...(i === 0 ? { credentials: { secretArn: SECRET_ARN } } : {}),
    };
  });
}

interface ScheduleResource {
  readonly Properties: {
    readonly ScheduleExpression: string;
    readonly Target: { readonly Arn: { 'Fn::GetAtt': [string, string] }; readonly Input: string; readonly RetryPolicy: unknown };
  };
}

function schedulesOf(template: Template): ScheduleResource[] {
  return Object.values(template.findResources('AWS::Scheduler::Schedule')) as ScheduleResource[];
}

/** The logical id of the function with this name. */
function functionId(template: Template, name: string): string {
  const [id] = Object.keys(template.findResources('AWS::Lambda::Function', { Properties: { FunctionName: name } }));
  expect(id, name).toBeDefined();
  return id!;
}

/** Which (target, browser) each schedule sends to which function. */
function pairsByFunction(template: Template): Map<string, string[]> {
  const byFunction = new Map<string, string[]>();
  for (const schedule of schedulesOf(template)) {
    const input = JSON.parse(schedule.Properties.Target.Input) as { targets: { name: string; browsers?: string[] }[] };
    expect(input.targets).toHaveLength(1);
    const [target] = input.targets;
    const pair = `${target!.name}/${target!.browsers?.[0] ?? 'chromium'}`;
    const fn = schedule.Properties.Target.Arn['Fn::GetAtt'][0];
    byFunction.set(fn, [...(byFunction.get(fn) ?? []), pair]);
  }
  return byFunction;
}

describe.each([1, 20])('%i target(s) × 3 browsers × 3 regions', (count) => {
  let config: MonitorConfig;
  let templates: Template[];

  beforeAll(() => {
    config = testConfig({ targets: targets(count), schedule: 1 });
    templates = synthMonitor(config).probeStacks.map((stack) => Template.fromStack(stack));
  });

  it('schedules every (target, browser) pair as its own invocation, every minute at second 0, never retried', () => {
    for (const template of templates) {
      const schedules = schedulesOf(template);
      expect(schedules).toHaveLength(count * 3);
      for (const schedule of schedules) {
        expect(schedule.Properties.ScheduleExpression).toBe('cron(* * * * ? *)');
        expect(schedule.Properties.Target.RetryPolicy).toEqual({ MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: 60 });
      }
    }
  });

  it('sends Chromium and Edge pairs to the zip function and Firefox pairs to the container function, each pair once', () => {
    const template = templates[1]!;
    const byFunction = pairsByFunction(template);
    const zip = functionId(template, PROBE_FUNCTION_NAME);
    const firefox = functionId(template, FIREFOX_PROBE_FUNCTION_NAME);
    const names = config.targets.map((target) => target.name);
    expect(byFunction.get(zip)?.sort()).toEqual(names.flatMap((name) => [`${name}/chromium`, `${name}/edge`]).sort());
    expect(byFunction.get(firefox)?.sort()).toEqual(names.map((name) => `${name}/firefox`).sort());
    expect([...byFunction.keys()].sort()).toEqual([firefox, zip].sort());
  });

  it("gives each function one round's timeout whatever the count: 50 s at a 1-minute schedule", () => {
    for (const template of templates) {
      template.hasResourceProperties('AWS::Lambda::Function', { FunctionName: PROBE_FUNCTION_NAME, Timeout: 50, MemorySize: 2048 });
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: FIREFOX_PROBE_FUNCTION_NAME,
        PackageType: 'Image',
        Timeout: 50,
        MemorySize: 2048,
        EphemeralStorage: { Size: 512 },
        Architectures: ['x86_64'],
        Code: { ImageUri: Match.anyValue() },
        Environment: { Variables: Match.objectLike({ LOCATION: Match.anyValue(), HOME_REGION: 'eu-central-1' }) },
      });
      template.resourceCountIs('AWS::Lambda::EventInvokeConfig', 2);
    }
  });

  it('lets the scheduler role invoke exactly the two probe functions, and each probe role read only its targets', () => {
    const template = templates[0]!;
    const zip = functionId(template, PROBE_FUNCTION_NAME);
    const firefox = functionId(template, FIREFOX_PROBE_FUNCTION_NAME);
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [
          Match.objectLike({
            Principal: { Service: 'scheduler.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
          }),
        ],
      },
    });
    const invokes = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Action: unknown; Resource: unknown }[])
      .filter((statement) => statement.Action === 'lambda:InvokeFunction');
    const invoked = JSON.stringify(invokes);
    expect(invoked).toContain(zip);
    expect(invoked).toContain(firefox);
    // Both probe roles read the one secret (the first target runs in every browser), and nothing else.
    const secretStatements = Object.values(template.findResources('AWS::IAM::Policy'))
      .flatMap((policy) => policy.Properties.PolicyDocument.Statement as { Sid?: string; Resource: unknown }[])
      .filter((statement) => statement.Sid === 'ReadLoginSecrets');
    expect(secretStatements).toEqual([
      expect.objectContaining({ Resource: SECRET_ARN }),
      expect.objectContaining({ Resource: SECRET_ARN }),
    ]);
  });
});

describe('without Firefox', () => {
  it('creates no Firefox function and no image asset', () => {
    // Act
    const { probeStacks } = synthMonitor(testConfig({ targets: targets(2, ['chromium', 'edge']) }));
    // Assess
    for (const stack of probeStacks) {
      const template = Template.fromStack(stack);
      template.resourcePropertiesCountIs('AWS::Lambda::Function', { FunctionName: FIREFOX_PROBE_FUNCTION_NAME }, 0);
      template.resourcePropertiesCountIs('AWS::Lambda::Function', { PackageType: 'Image' }, 0);
      expect(schedulesOf(template)).toHaveLength(4);
      expect(stack.firefox).toBeUndefined();
    }
  });
});

describe('limits, checked at synth', () => {
  function synth(config: MonitorConfig): () => void {
    return () => addMonitorStacks(newTestApp(), config, { bundle: false, account: '111111111111' });
  }

  it("names Lambda's concurrency when the pairs of one region would start too many invocations at once", () => {
    // (The config's 50 targets × 3 browsers stay below it: 300 of 500.)
    expect(() => checkFanOutLimits({ pairs: 251, regions: 1 })).toThrow(
      /251 \(target, browser\) pairs would run up to 502 probe invocations at once in each region .*half of Lambda's default 1000 concurrent executions/,
    );
    expect(() => checkFanOutLimits({ pairs: 150, regions: 3 })).not.toThrow();
  });

  it("names PutMetricData's rate in the home region when every pair of every region publishes in the same second", () => {
    expect(() => checkFanOutLimits({ pairs: 150, regions: 4 })).toThrow(
      /150 pairs from 4 regions would send 600 PutMetricData requests to the home region within the same second each minute, more than CloudWatch's default 500 per second/,
    );
  });

  it("names CloudFormation's 500 resources per stack when the alarms of too many targets would not fit", () => {
    const config = testConfig({ targets: targets(40) });
    expect(synth(config)).toThrow(
      /the stack AutocrmSynthetics-Monitoring would hold \d+ resources, more than CloudFormation's 500 per stack/,
    );
  });
});
