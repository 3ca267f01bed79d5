/**
 * The outage quorum at synth time, checked by the construct itself (the config schema stops a bad
 * quorum earlier; a construct used from code gets no schema): at least 1, at most the number of
 * probe regions, and at most as many regions as one metric math alarm can combine.
 */
import { Duration, Stack } from 'aws-cdk-lib';
import type { CfnAlarm } from 'aws-cdk-lib/aws-cloudwatch';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_OUTAGE_LOCATIONS } from '../../lib/alarm-policy';
import { ProbeAlarms } from '../../lib/alarms';
import { ProbeMetrics } from '../../lib/probe-metrics';
import { newTestApp, removeSynthOutputs, testConfig } from './fixtures';

afterAll(() => removeSynthOutputs());

const THREE_REGIONS = ['eu-central-1', 'eu-west-1', 'eu-west-3'];

/** The alarms of the test config's targets over `locations` with `outageQuorum`. */
function alarmsWith(outageQuorum: number, locations: readonly string[] = THREE_REGIONS): ProbeAlarms {
  const stack = new Stack(newTestApp(), 'S');
  const config = testConfig();
  return new ProbeAlarms(stack, 'Alarms', {
    metrics: new ProbeMetrics({ namespace: 'N', period: Duration.minutes(1) }),
    targets: config.targets,
    locations,
    alarms: { ...config.alarms, outageQuorum },
    critical: new Topic(stack, 'C'),
    warning: new Topic(stack, 'W'),
  });
}

const outageThresholds = (alarms: ProbeAlarms): unknown[] => alarms.outage.map((alarm) => (alarm.node.defaultChild as CfnAlarm).threshold);

describe('outage quorum (synth time)', () => {
  it.each([1, 2, 3])('accepts a quorum of %i of 3 regions and pages at that many failing locations', (quorum) => {
    expect(outageThresholds(alarmsWith(quorum))).toEqual([quorum]);
  });

  it.each([0, -1, 4, 1.5, Number.NaN])('rejects a quorum of %s for 3 regions, naming the rule and the value', (quorum) => {
    expect(() => alarmsWith(quorum)).toThrow(
      new RegExp(`alarms\\.outageQuorum: must be a whole number between 1 and the number of probeRegions \\(3\\), got ${quorum}$`),
    );
  });

  it('accepts a quorum of 1 with a single region', () => {
    expect(outageThresholds(alarmsWith(1, ['eu-central-1']))).toEqual([1]);
  });

  it(`combines up to ${MAX_OUTAGE_LOCATIONS} regions in one alarm, and refuses one more`, () => {
    // Prepare
    const regions = Array.from({ length: MAX_OUTAGE_LOCATIONS + 1 }, (_, i) => `region-${i}`);
    // Act + Assess
    expect(outageThresholds(alarmsWith(2, regions.slice(0, MAX_OUTAGE_LOCATIONS)))).toEqual([2]);
    expect(() => alarmsWith(2, regions)).toThrow(
      `probeRegions: the outage alarm combines at most ${MAX_OUTAGE_LOCATIONS} locations (a CloudWatch metric math limit), got ${MAX_OUTAGE_LOCATIONS + 1}`,
    );
  });
});
