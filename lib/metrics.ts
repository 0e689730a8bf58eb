/**
 * The application metrics the alarms and the dashboard watch, as the handlers emit them with
 * Powertools: namespace from POWERTOOLS_METRICS_NAMESPACE, one dimension `service` whose value
 * is POWERTOOLS_SERVICE_NAME (both set by HandlerFunction). The names are the handlers' own;
 * test/infra fails when one of them no longer appears in lambdas/, so a rename there shows up here.
 */
import { Duration } from 'aws-cdk-lib';
import { Metric, type MetricOptions } from 'aws-cdk-lib/aws-cloudwatch';

export const METRICS_NAMESPACE = 'PrakerjaTriage';

/** POWERTOOLS_SERVICE_NAME of each function: the value of the `service` dimension. */
export const SERVICES = {
  triage: 'triage',
  mailer: 'mailer',
  agentApi: 'agent-api',
  sweeper: 'sweeper',
  surge: 'surge',
  sendingEvents: 'sending-events',
  survey: 'survey',
} as const;
export type Service = keyof typeof SERVICES;

export const APP_METRICS = {
  triage: {
    ticketsCreated: 'TicketsCreated',
    ticketsMerged: 'TicketsMerged',
    followUpsThreaded: 'FollowUpsThreaded',
    ticketsReopened: 'TicketsReopened',
    automatedMail: 'AutomatedMail',
    mailQuarantined: 'MailQuarantined',
    parseFailures: 'ParseFailures',
    replyJobsQueued: 'ReplyJobsQueued',
    /** Records reported as partial batch failures (SQS retries them, then dead-letters them). */
    recordFailures: 'InboundRecordFailures',
    /** Records that can never be triaged, dead-lettered at once with the reason. */
    inboundDeadLettered: 'InboundDeadLettered',
    /** New tickets that joined a surge incident as they were filed, and those answered with its answer. */
    surgeTicketsJoined: 'SurgeTicketsJoined',
    surgeTicketsAnswered: 'SurgeTicketsAnswered',
    /** The surge detector failed on a filed ticket (the mail went on). */
    surgeObserveFailures: 'SurgeObserveFailures',
  },
  mailer: {
    repliesSent: 'RepliesSent',
    repliesRateLimited: 'RepliesRateLimited',
    repliesSuppressed: 'RepliesSuppressed',
    /** Jobs SES throttled past the invocation's time, put back on the queue with a delay. */
    repliesDeferred: 'RepliesDeferred',
    /** Jobs that can never be sent, dead-lettered at once with the reason. */
    replyJobsDeadLettered: 'ReplyJobsDeadLettered',
    /** Reply jobs reported as partial batch failures. */
    replyFailures: 'ReplyFailures',
  },
  agentApi: {
    ticketsClaimed: 'TicketsClaimed',
    claimsEmpty: 'ClaimsEmpty',
    ticketsResolved: 'TicketsResolved',
    incidentsAccepted: 'SurgeIncidentsAccepted',
  },
  sweeper: {
    leasesExpired: 'LeasesExpired',
    ticketsOverdue: 'TicketsOverdue',
    /** Replies a failed request left in a ticket's outbox, queued again. */
    repliesRequeued: 'RepliesRequeued',
    surveysQueued: 'SurveysQueued',
    /** Tickets waiting for the participant, reminded once (core/waiting.ts). */
    waitingReminded: 'WaitingReminded',
    /** Tickets closed because the participant never answered. */
    closedUnanswered: 'TicketsClosedUnanswered',
  },
  sendingEvents: {
    /** SES's Send events that marked a reply's record sent. */
    repliesAccepted: 'RepliesAccepted',
    addressesSuppressed: 'AddressesSuppressed',
    /** Sending events reported as partial batch failures. */
    sendingEventFailures: 'SendingEventFailures',
  },
  survey: {
    /** One per rating recorded or changed through the survey form. */
    ratingsReceived: 'SurveyRatingsReceived',
    /** The rating itself (1-5): its average is the mean rating of the period. */
    rating: 'SurveyRating',
  },
  surge: {
    /** Incidents the evaluation proposed to supervisors (alarmed). */
    incidentsProposed: 'SurgeIncidentsProposed',
    incidentsExpired: 'SurgeIncidentsExpired',
    /** Tickets the evaluation joined to open incidents (filed before the incident was known). */
    ticketsJoined: 'SurgeTicketsJoined',
    /** Member tickets given an accepted incident's answer by the broadcast. */
    ticketsAnswered: 'SurgeTicketsAnswered',
  },
} as const satisfies Record<Service, Record<string, string>>;

/** A count the handlers emit, summed per period. */
export function appMetric<S extends Service>(
  service: S,
  name: keyof (typeof APP_METRICS)[S],
  options: MetricOptions = {},
): Metric {
  return new Metric({
    namespace: METRICS_NAMESPACE,
    metricName: APP_METRICS[service][name] as string,
    dimensionsMap: { service: SERVICES[service] },
    statistic: 'Sum',
    period: Duration.minutes(5),
    ...options,
  });
}
