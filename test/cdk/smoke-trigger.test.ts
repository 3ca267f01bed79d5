import { Template, Match } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { SmokeGateError, smokeVerdict } from '../../lambdas/smoke-trigger/handler';
import { synthMonitor, testConfig, removeSynthOutputs } from './fixtures';

afterAll(removeSynthOutputs);

describe('smoke trigger (smokeTrigger: true)', () => {
  it('runs the freshly deployed probe version once after deploy and waits for it', () => {
    // Prepare / Act
    const { probeStacks } = synthMonitor(testConfig({ smokeTrigger: true }));
    const template = Template.fromStack(probeStacks[0]!);
    // Assess: a gate function that knows the probe's qualified ARN, may invoke only that version ...
    template.hasResourceProperties('AWS::Lambda::Function', {
      Runtime: 'nodejs22.x',
      Timeout: 80,
      Environment: { Variables: { PROBE_FUNCTION_NAME: { Ref: Match.stringLikeRegexp('^ProbeFunctionCurrentVersion') } } },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: 'lambda:InvokeFunction', Resource: { Ref: Match.stringLikeRegexp('^ProbeFunctionCurrentVersion') } }),
        ]),
      },
    });
    // ... and a synchronous trigger that depends on the probe function being deployed first.
    const triggers = template.findResources('Custom::Trigger');
    expect(Object.keys(triggers)).toHaveLength(1);
    const trigger = Object.values(triggers)[0]!;
    expect(trigger.Properties).toMatchObject({ InvocationType: 'RequestResponse', Timeout: '110000' });
    expect(trigger.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^ProbeFunction[0-9A-F]{8}$/)]));
  });
});

describe('smoke verdict', () => {
  const passed = { ok: true, location: 'eu-west-1', results: [{ target: 'autocrm', status: 'pass', failure: null }] };

  it('passes when every target passed', () => {
    expect(smokeVerdict(JSON.stringify(passed), undefined)).toBe('smoke gate passed in eu-west-1: autocrm pass');
  });

  it('fails with the target, status and failure when the probe returned ok: false', () => {
    const failed = {
      ok: false,
      location: 'eu-west-1',
      results: [{ target: 'autocrm', status: 'fail', failure: { kind: 'websocket', step: 'websocket', message: 'closed 1006' } }],
    };
    expect(() => smokeVerdict(JSON.stringify(failed), undefined)).toThrow(
      new SmokeGateError('smoke gate failed in eu-west-1: autocrm fail (websocket at websocket: closed 1006)'),
    );
  });

  it('fails when the probe function itself failed or answered garbage', () => {
    expect(() => smokeVerdict('{"errorType":"Error","errorMessage":"boom"}', 'Unhandled')).toThrow(
      /probe function failed \(Unhandled\): boom/,
    );
    expect(() => smokeVerdict('<html>', undefined)).toThrow(/not JSON \(6 bytes\)/);
    expect(() => smokeVerdict(JSON.stringify({ ok: true, location: 'x', results: [] }), undefined)).toThrow(/no target was probed/);
  });
});
