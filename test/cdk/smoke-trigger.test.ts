import { Template, Match } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { readInvocation, SmokeGateError, smokeVerdict } from '../../lambdas/smoke-trigger/handler';
import { synthMonitor, testConfig, removeSynthOutputs } from './fixtures';

afterAll(removeSynthOutputs);

describe('smoke trigger (smokeTrigger: true)', () => {
  it('runs every scheduled round once against the freshly deployed probe versions and waits for them', () => {
    // Prepare / Act: one target in Chromium and Firefox, so both functions are there.
    const raw = testConfig().targets[0]!;
    const { probeStacks } = synthMonitor(testConfig({ smokeTrigger: true, targets: [{ ...raw, browsers: ['chromium', 'firefox'] }] }));
    const template = Template.fromStack(probeStacks[0]!);
    // Assess: a gate function that knows the schedule group and both versions' qualified ARNs ...
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Timeout: 80,
      Environment: {
        Variables: {
          SCHEDULE_GROUP: Match.anyValue(),
          PROBE_VERSION_ARNS: {
            'Fn::Join': [
              '',
              [
                { Ref: Match.stringLikeRegexp('^ProbeFunctionCurrentVersion') },
                ',',
                { Ref: Match.stringLikeRegexp('^FirefoxFunctionCurrentVersion') },
              ],
            ],
          },
        },
      },
    });
    // ... may invoke only those versions and read the group's schedules ...
    const statements = Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as { Sid?: string; Action: unknown; Resource: unknown }[],
    );
    const gateInvokes = statements.filter(
      (s) => s.Action === 'lambda:InvokeFunction' && JSON.stringify(s.Resource).includes('CurrentVersion'),
    );
    expect(gateInvokes.map((s) => JSON.stringify(s.Resource)).join(' ')).toMatch(
      /ProbeFunctionCurrentVersion.*FirefoxFunctionCurrentVersion|FirefoxFunctionCurrentVersion.*ProbeFunctionCurrentVersion/,
    );
    expect(statements).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ Sid: 'ReadProbeSchedules', Action: 'scheduler:GetSchedule' }),
        expect.objectContaining({ Sid: 'ListProbeSchedules', Action: 'scheduler:ListSchedules', Resource: '*' }),
      ]),
    );
    // ... and a synchronous trigger that runs after both functions and the schedules are deployed.
    const triggers = template.findResources('Custom::Trigger');
    expect(Object.keys(triggers)).toHaveLength(1);
    const trigger = Object.values(triggers)[0]!;
    expect(trigger.Properties).toMatchObject({ InvocationType: 'RequestResponse', Timeout: '110000' });
    expect(trigger.DependsOn).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ProbeFunction[0-9A-F]{8}$/),
        expect.stringMatching(/^FirefoxFunction[0-9A-F]{8}$/),
        expect.stringMatching(/^SchedulesPair0/),
        expect.stringMatching(/^SchedulesPair1/),
      ]),
    );
  });
});

describe('smoke verdict', () => {
  const passed = (browser: string): string =>
    JSON.stringify({
      ok: true,
      location: 'eu-west-1',
      results: [{ target: 'autocrm', status: 'pass', browser: { name: browser }, failure: null }],
    });

  it('passes when every round passed, naming each target and browser', () => {
    const readings = [
      readInvocation('autocrm chromium', passed('chromium'), undefined),
      readInvocation('autocrm firefox', passed('firefox'), undefined),
    ];
    expect(smokeVerdict(readings, 'eu-west-1')).toBe('smoke gate passed in eu-west-1: autocrm chromium pass; autocrm firefox pass');
  });

  it('fails when any browser failed, with the target, browser, status and failure', () => {
    const failed = JSON.stringify({
      ok: false,
      location: 'eu-west-1',
      results: [
        {
          target: 'autocrm',
          status: 'fail',
          browser: { name: 'firefox' },
          failure: { kind: 'browser_unsupported', step: 'system_check', message: 'Firefox is not supported' },
        },
      ],
    });
    const readings = [
      readInvocation('autocrm chromium', passed('chromium'), undefined),
      readInvocation('autocrm firefox', failed, undefined),
    ];
    expect(() => smokeVerdict(readings, 'eu-west-1')).toThrow(
      new SmokeGateError(
        'smoke gate failed in eu-west-1: autocrm firefox fail (browser_unsupported at system_check: Firefox is not supported) (1 of 2 rounds passed)',
      ),
    );
  });

  it('fails when a probe function itself failed, answered garbage or probed nothing', () => {
    const cases = [
      readInvocation('autocrm firefox', '{"errorType":"Error","errorMessage":"boom"}', 'Unhandled'),
      readInvocation('autocrm edge', '<html>', undefined),
      readInvocation('autocrm chromium', JSON.stringify({ ok: true, location: 'x', results: [] }), undefined),
    ];
    expect(cases.map((reading) => reading.ok)).toEqual([false, false, false]);
    expect(() => smokeVerdict(cases, 'eu-west-1')).toThrow(
      /autocrm firefox: the probe function failed \(Unhandled\): boom; autocrm edge: .*not JSON \(6 bytes\); autocrm chromium: no target was probed/,
    );
    expect(() => smokeVerdict([], 'eu-west-1')).toThrow(/no round was run/);
  });
});
