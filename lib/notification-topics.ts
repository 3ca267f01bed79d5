import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription, UrlSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { SubscriptionProtocol } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { AlarmsConfig, NotificationConfig } from '../lambdas/core/config/types';
import { createMonitorKey } from './monitor-key';

/** Props of {@link NotificationTopics}. */
export interface NotificationTopicsProps {
  /** Who is notified: `critical` pages on-call, `warning` goes to a channel or mailbox. */
  readonly alarms: Pick<AlarmsConfig, 'critical' | 'warning'>;
}

/**
 * The two SNS topics alarms notify, encrypted with one customer-managed KMS key (rotated yearly,
 * grants limited to AWS services) that CloudWatch may use, and reachable over TLS only.
 */
export class NotificationTopics extends Construct {
  /** Real outages: pages on-call. */
  readonly critical: Topic;
  /** Everything that needs a look during working hours. */
  readonly warning: Topic;
  readonly key: Key;

  constructor(scope: Construct, id: string, props: NotificationTopicsProps) {
    super(scope, id);
    this.key = this.createKey();
    this.critical = this.createTopic('Critical', 'autocrm synthetics: critical (pages on-call)', props.alarms.critical);
    this.warning = this.createTopic('Warning', 'autocrm synthetics: warning', props.alarms.warning);
  }

  private createKey(): Key {
    const key = createMonitorKey(this, 'Key', { description: 'Encrypts the autocrm synthetics alarm topics' });
    // Without this, CloudWatch cannot publish to an encrypted topic and alarms notify nobody.
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'AllowCloudWatchAlarmsToPublish',
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    return key;
  }

  private createTopic(id: string, displayName: string, endpoints: NotificationConfig): Topic {
    const topic = new Topic(this, id, { displayName, masterKey: this.key, enforceSSL: true });
    for (const email of endpoints.emails) topic.addSubscription(new EmailSubscription(email));
    for (const url of endpoints.httpsUrls) {
      topic.addSubscription(new UrlSubscription(url, { protocol: SubscriptionProtocol.HTTPS }));
    }
    return topic;
  }
}
