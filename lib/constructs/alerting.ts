/**
 * Every alarm of the system goes through here: named `<prefix>-<what>` (the name in the
 * notification is the heading to look up in docs/runbook.md), notifying the ops topic, and kept in
 * one list for the dashboard. Alarms about work waiting in a dead-letter queue are marked to
 * re-notify while they stay in alarm (see RenotifyWhileInAlarm).
 */
import { Alarm, ComparisonOperator, type IMetric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

export interface AlarmSpec {
  /** Appended to the prefix: the alarm's name, and its heading in docs/runbook.md. */
  name: string;
  description: string;
  metric: IMetric;
  threshold: number;
  /** Default: greater than the threshold. */
  comparison?: ComparisonOperator;
  /** Consecutive periods that must breach. Default 1. */
  periods?: number;
  /** Default: missing data is not breaching (no traffic is not a fault). */
  treatMissingData?: TreatMissingData;
  /** Notify again every day while the alarm stays in ALARM (work waiting for a person). */
  renotify?: boolean;
}

export class Alerting {
  readonly alarms: Alarm[] = [];
  readonly renotifying: Alarm[] = [];

  constructor(
    readonly topic: ITopic,
    private readonly prefix: string,
  ) {}

  alarm(scope: Construct, id: string, spec: AlarmSpec): Alarm {
    const periods = spec.periods ?? 1;
    const alarm = new Alarm(scope, id, {
      alarmName: `${this.prefix}-${spec.name}`,
      alarmDescription: `${spec.description} Runbook: docs/runbook.md#${spec.name}`,
      metric: spec.metric,
      threshold: spec.threshold,
      comparisonOperator: spec.comparison ?? ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      treatMissingData: spec.treatMissingData ?? TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new SnsAction(this.topic));
    this.alarms.push(alarm);
    if (spec.renotify) this.renotifying.push(alarm);
    return alarm;
  }
}
