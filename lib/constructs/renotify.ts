/**
 * CloudWatch notifies once, when an alarm enters ALARM. For dead letters (work waiting for a
 * person, deleted after 14 days) once is not enough: every morning an EventBridge Scheduler
 * schedule calls SetAlarmState(OK) on each such alarm (a universal target: no function to run).
 * An alarm whose queue is still not empty goes back to ALARM at its next evaluation, a minute
 * later, and notifies again; one that is OK stays OK (OK has no action, so nothing is sent).
 *
 * Chosen over an alarm on a metric that keeps changing (a dead letter sitting still changes
 * nothing) and over a function that re-publishes (code to keep for what one API call does).
 */
import { Stack, TimeZone } from 'aws-cdk-lib';
import type { Alarm } from 'aws-cdk-lib/aws-cloudwatch';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { Universal } from 'aws-cdk-lib/aws-scheduler-targets';
import { Construct } from 'constructs';

/** 08:00 in Jakarta: the start of the complaint centre's service hours. */
export const RENOTIFY_AT = { hour: '8', minute: '0', timeZone: TimeZone.ASIA_JAKARTA };

export interface RenotifyWhileInAlarmProps {
  alarms: Alarm[];
}

export class RenotifyWhileInAlarm extends Construct {
  constructor(scope: Construct, id: string, props: RenotifyWhileInAlarmProps) {
    super(scope, id);
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(this).account } },
      }),
      description: 'Resets dead-letter alarms to OK each morning so they notify again while in alarm',
    });
    props.alarms.forEach((alarm, i) => {
      new Schedule(this, `Renotify${i}`, {
        description: `Re-notify ${alarm.alarmName} while it stays in ALARM`,
        schedule: ScheduleExpression.cron(RENOTIFY_AT),
        target: new Universal({
          service: 'cloudwatch',
          action: 'setAlarmState',
          role,
          policyStatements: [
            new PolicyStatement({ actions: ['cloudwatch:SetAlarmState'], resources: [alarm.alarmArn] }),
          ],
          input: ScheduleTargetInput.fromObject({
            AlarmName: alarm.alarmName,
            StateValue: 'OK',
            StateReason: 'Daily reset: if still breaching, the alarm fires and notifies again.',
          }),
          retryAttempts: 3,
        }),
      });
    });
  }
}
