/**
 * Issue #23 in AWS: a browser failing in a quorum of locations while another passes is a warning of
 * its own, not the outage page; the outage page fires when every browser fails; the dashboard shows
 * availability and RTT per browser.
 */
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeSynthOutputs, synthMonitor, targetsIn, testConfig } from './fixtures';

type Resource = { Properties: Record<string, unknown> };
interface MetricQuery {
  readonly Id: string;
  readonly Expression?: string;
  readonly MetricStat?: { Metric: { Dimensions: { Name: string; Value: string }[] }; Period: number; Stat: string };
}

afterAll(removeSynthOutputs);

function alarmsOf(template: Template, namePattern: RegExp): Record<string, unknown>[] {
  return (Object.values(template.findResources('AWS::CloudWatch::Alarm')) as Resource[])
    .map((alarm) => alarm.Properties)
    .filter((alarm) => namePattern.test(String(alarm.AlarmName)));
}

describe('a target in three browsers', () => {
  let template: Template;

  beforeAll(() => {
    template = Template.fromStack(synthMonitor(testConfig({ targets: targetsIn() })).monitoringStack);
  });

  it('warns per browser when that browser fails in at least outageQuorum locations, in 2 consecutive rounds', () => {
    const alarms = alarmsOf(template, /-browser-/);
    expect(alarms.map((alarm) => alarm.AlarmName).sort()).toEqual([
      'autocrm-synthetics-browser-autocrm-chromium',
      'autocrm-synthetics-browser-autocrm-edge',
      'autocrm-synthetics-browser-autocrm-firefox',
    ]);
    const firefox = alarms.find((alarm) => alarm.AlarmName === 'autocrm-synthetics-browser-autocrm-firefox')!;
    expect(firefox).toMatchObject({
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 2,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: expect.stringMatching(/^TopicsWarning/) }],
    });
    expect(firefox.OKActions).toBeUndefined();
    const metrics = firefox.Metrics as MetricQuery[];
    expect(metrics.find((m) => m.Expression)?.Expression).toBe('(1 - FILL(b0, 1)) + (1 - FILL(b1, 1)) + (1 - FILL(b2, 1))');
    expect(metrics.filter((m) => m.MetricStat).map((m) => m.MetricStat)).toEqual(
      ['eu-central-1', 'eu-west-1', 'eu-west-3'].map((location) => ({
        Metric: expect.objectContaining({
          MetricName: 'Availability',
          Dimensions: [
            { Name: 'Browser', Value: 'firefox' },
            { Name: 'Location', Value: location },
            { Name: 'Target', Value: 'autocrm' },
          ],
        }),
        Period: 60,
        Stat: 'Minimum',
      })),
    );
    expect(String(firefox.AlarmDescription)).toMatch(/^BROWSER: autocrm fails in Firefox from at least 2 of 3 locations .*does not page/);
  });

  it("pages only when every browser fails: the outage alarm reads each location's Maximum over the browsers", () => {
    const [outage] = alarmsOf(template, /-outage-/);
    expect(outage?.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^TopicsCritical/) }]);
    const stats = (outage?.Metrics as MetricQuery[]).filter((m) => m.MetricStat).map((m) => m.MetricStat!);
    expect(stats).toHaveLength(3);
    for (const stat of stats) {
      expect(stat).toMatchObject({ Period: 30, Stat: 'Maximum' });
      expect(stat.Metric.Dimensions.map((d) => d.Name)).toEqual(['Location', 'Target']);
    }
    expect(String(outage?.AlarmDescription)).toContain('a location fails when every browser (chromium, firefox, edge) failed there');
  });

  it('draws availability and RTT per browser', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as Resource[];
    const body = JSON.stringify(dashboard!.Properties.DashboardBody);
    for (const title of ['Availability per browser', 'WebSocket RTT p95 per browser (ms)', 'HTTP RTT p95 per browser (ms)']) {
      expect(body, title).toContain(title);
    }
    for (const browser of ['chromium', 'firefox', 'edge']) expect(body).toContain(`\\"Browser\\",\\"${browser}\\"`);
    expect(body).toContain("Edge (Edge's identity on Chromium)");
  });
});

describe('a target in one browser', () => {
  it('gets no browser alarm and no per-browser row: its outage alarm is the same signal', () => {
    const template = Template.fromStack(synthMonitor(testConfig({ targets: targetsIn(['firefox']) })).monitoringStack);
    expect(alarmsOf(template, /-browser-/)).toEqual([]);
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard')) as Resource[];
    expect(JSON.stringify(dashboard!.Properties.DashboardBody)).not.toContain('per browser');
  });
});
