import { type App, Validations } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { AwsSolutionsChecks } from 'cdk-nag';
import { afterAll, describe, expect, it } from 'vitest';
import { addMonitorStacks } from '../../lib/monitor-app';
import { newTestApp, removeSynthOutputs, synthMonitor, targetsIn, testConfig } from './fixtures';

interface Acknowledgment {
  readonly id: string;
  readonly reason: string;
}

/** Every `Validations.acknowledge` in the app; CDK stores them as `{ "Annotation::<id>": reason }`. */
function acknowledgmentsOf(app: App): Acknowledgment[] {
  return app.node.findAll().flatMap((node) =>
    node.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, string>))
      .map(([key, reason]) => ({ id: key.replace(/^Annotation::/, ''), reason })),
  );
}

afterAll(removeSynthOutputs);

describe('cdk-nag AwsSolutions on the whole app', () => {
  it('synthesizes every stack (smoke gate on) with no unacknowledged finding and CloudFormation validation on', () => {
    // Act: synth throws "Validation failed" on any unacknowledged error-level finding.
    const { app } = synthMonitor(testConfig({ smokeTrigger: true, targets: targetsIn() }), true);
    // Assess: every acknowledgment says why.
    const acknowledgments = acknowledgmentsOf(app);
    expect(acknowledgments.map((a) => a.id)).toEqual(
      expect.arrayContaining(['AwsSolutions-S1', 'AwsSolutions-IAM5[Resource::*]', 'AwsSolutions-L1']),
    );
    for (const acknowledgment of acknowledgments) expect(acknowledgment.reason.length, acknowledgment.id).toBeGreaterThan(40);
  });

  it('fails the synth for a finding nobody acknowledged (the check is live)', () => {
    // Prepare: the real stacks plus one bucket that breaks AwsSolutions-S1/S10.
    const app = newTestApp();
    const { monitoringStack } = addMonitorStacks(app, testConfig(), { bundle: false });
    new Bucket(monitoringStack, 'CarelessBucket');
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    // Act / Assess
    expect(() => app.synth()).toThrow(/server access logs/);
  });
});
