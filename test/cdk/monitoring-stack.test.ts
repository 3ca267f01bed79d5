import { Template, Match } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synthMonitor, testConfig, removeSynthOutputs } from './fixtures';

type Resource = { Properties: Record<string, unknown> };

function alarmNamed(template: Template, name: string): Record<string, unknown> {
  const found = Object.values(template.findResources('AWS::CloudWatch::Alarm', { Properties: { AlarmName: name } })) as Resource[];
  expect(found, `alarm ${name}`).toHaveLength(1);
  return found[0]!.Properties;
}

afterAll(removeSynthOutputs);

describe('monitoring stack', () => {
  let template: Template;

  beforeAll(() => {
    const { monitoringStack } = synthMonitor(testConfig());
    expect(monitoringStack.region).toBe('eu-central-1');
    template = Template.fromStack(monitoringStack);
  });

  it('pages on an outage: at least 2 locations failing in 2 consecutive 30-s periods, blind locations not counted', () => {
    const alarm = alarmNamed(template, 'autocrm-synthetics-outage-autocrm');
    // A metric math alarm has no Period of its own; each input metric carries it.
    expect(alarm.Period).toBeUndefined();
    expect(alarm).toMatchObject({
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 2,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
    });
    const metrics = alarm.Metrics as { Id: string; Expression?: string; MetricStat?: Record<string, unknown>; ReturnData?: boolean }[];
    const expression = metrics.find((m) => m.Expression !== undefined)!;
    expect(expression.Expression).toBe('(1 - FILL(a0, 1)) + (1 - FILL(a1, 1)) + (1 - FILL(a2, 1))');
    const locations = metrics.filter((m) => m.MetricStat).map((m) => m.MetricStat);
    expect(locations).toEqual(
      ['eu-central-1', 'eu-west-1', 'eu-west-3'].map((location) => ({
        Metric: {
          Namespace: 'AutoCRM/Synthetics',
          MetricName: 'Availability',
          Dimensions: [
            { Name: 'Location', Value: location },
            { Name: 'Target', Value: 'autocrm' },
          ],
        },
        // High resolution: a failed round and its confirmation 30 s later fill two consecutive periods;
        // Maximum over the target's browsers (one here): a location fails when no browser passed.
        Period: 30,
        Stat: 'Maximum',
      })),
    );
    expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^TopicsCritical/) }]);
    expect(alarm.OKActions).toEqual([{ Ref: expect.stringMatching(/^TopicsCritical/) }]);
    expect(String(alarm.AlarmDescription)).toMatch(
      /OUTAGE: autocrm .* at least 2 of 3 locations.* 2 consecutive 30-s periods.*Check first/,
    );
  });

  it('warns on regional degradation: one location failing in 3 of 5 periods', () => {
    const alarm = alarmNamed(template, 'autocrm-synthetics-regional-degradation-autocrm-eu-west-3');
    expect(alarm).toMatchObject({
      MetricName: 'Availability',
      Namespace: 'AutoCRM/Synthetics',
      Dimensions: [
        { Name: 'Location', Value: 'eu-west-3' },
        { Name: 'Target', Value: 'autocrm' },
      ],
      Statistic: 'Minimum',
      Period: 60,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: expect.stringMatching(/^TopicsWarning/) }],
    });
  });

  it.each([
    ['websocketrtt', 'WebSocketRTT', 'p95', 'GreaterThanThreshold', 250],
    ['httprtt', 'HttpRTT', 'p95', 'GreaterThanThreshold', 500],
    ['loginttfb', 'LoginPageTTFB', 'Average', 'GreaterThanThreshold', 1500],
    ['download', 'DownloadMbps', 'Average', 'LessThanThreshold', 16],
  ])('warns on performance per location: %s', (kind, metricName, statistic, comparison, threshold) => {
    const alarm = alarmNamed(template, `autocrm-synthetics-${kind}-autocrm-eu-west-1`);
    const statKey = statistic.startsWith('p') ? 'ExtendedStatistic' : 'Statistic';
    expect(alarm).toMatchObject({
      MetricName: metricName,
      Dimensions: [
        { Name: 'Location', Value: 'eu-west-1' },
        { Name: 'Target', Value: 'autocrm' },
      ],
      [statKey]: statistic,
      ComparisonOperator: comparison,
      Threshold: threshold,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
      TreatMissingData: 'notBreaching',
    });
  });

  it('warns when the monitor is blind in a location: no rounds, missing data breaching', () => {
    const alarm = alarmNamed(template, 'autocrm-synthetics-monitor-blind-eu-west-1');
    expect(alarm).toMatchObject({
      MetricName: 'ProbeError',
      Dimensions: [{ Name: 'Location', Value: 'eu-west-1' }],
      Statistic: 'SampleCount',
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 3,
      TreatMissingData: 'breaching',
    });
  });

  it('warns on rising probe errors per location', () => {
    const alarm = alarmNamed(template, 'autocrm-synthetics-probe-errors-eu-central-1');
    expect(alarm).toMatchObject({
      MetricName: 'ProbeError',
      Dimensions: [{ Name: 'Location', Value: 'eu-central-1' }],
      Statistic: 'Sum',
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 1,
      EvaluationPeriods: 5,
      DatapointsToAlarm: 3,
    });
  });

  it('has 1 outage alarm and 5 warnings per location plus 2 monitor-health alarms per location', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 1 + 3 * 5 + 3 * 2);
  });

  it('encrypts both topics with a rotated KMS key CloudWatch may use, TLS only, with the configured subscriptions', () => {
    template.resourceCountIs('AWS::SNS::Topic', 2);
    template.allResourcesProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^TopicsKey'), 'Arn'] } });
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: {
        Statement: Match.arrayWith([
          Match.objectLike({ Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] }),
        ]),
      },
    });
    template.resourcePropertiesCountIs(
      'AWS::SNS::TopicPolicy',
      {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      },
      2,
    );
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'oncall@example.com',
      TopicArn: { Ref: Match.stringLikeRegexp('^TopicsCritical') },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'https',
      Endpoint: 'https://events.pagerduty.com/integration/abc/enqueue',
      TopicArn: { Ref: Match.stringLikeRegexp('^TopicsCritical') },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'team@example.com',
      TopicArn: { Ref: Match.stringLikeRegexp('^TopicsWarning') },
    });
    template.resourceCountIs('AWS::SNS::Subscription', 3);
  });

  it('draws the dashboard: availability 24 h / 7 d, RTT p50/p95, bandwidth with the 16 Mbit/s line, probe health, alarms', () => {
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as Resource[];
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
    for (const title of [
      'Availability, last 24 h',
      'Availability, last 7 d',
      'Availability per location',
      'WebSocket RTT p50 / p95 (ms)',
      'HTTP RTT p50 / p95 (ms)',
      'Download (Mbit/s)',
      'Upload (Mbit/s)',
      'Probe errors',
      'Probe duration p95 (ms)',
      'Cold starts',
      'Alarm status',
    ]) {
      expect(body, title).toContain(title);
    }
    expect(body).toContain('\\"value\\":16,\\"label\\":\\"DSL-16000 requirement: 16 Mbit/s\\"');
    expect(body).toContain('\\"start\\":\\"-P7D\\"');
    expect(body).toContain('100 * AVG([a0, a1, a2])');
    expect(body).toContain('\\"stat\\":\\"p95\\"');
    expect(body).toContain('\\"stat\\":\\"p50\\"');
  });
});
