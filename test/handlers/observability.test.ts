/**
 * The middy chain every handler shares: an invocation's metrics are published when it added some,
 * whether it succeeded or failed, and an invocation that added none publishes nothing and warns
 * about nothing; the AWS calls it made through `timed` clients are logged as one line when it ends.
 */

import { Readable } from 'node:stream';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { jest } from '@jest/globals';
import { instrument, logger, metrics, timed } from '#handlers/observability.ts';
import { lambdaContext } from '../support/lambda.ts';

let published: number[];
let warnings: string[];
beforeEach(() => {
  published = [];
  warnings = [];
  const publish = metrics.publishStoredMetrics.bind(metrics);
  jest.spyOn(metrics, 'publishStoredMetrics').mockImplementation(() => {
    published.push(metrics.hasStoredMetrics() ? 1 : 0);
    return publish();
  });
  jest.spyOn(logger, 'warn').mockImplementation((...args: unknown[]) => {
    warnings.push(String(args[0]));
  });
});
afterEach(() => jest.restoreAllMocks());

test('an invocation that adds no metric publishes nothing and logs no warning', async () => {
  // Prepare
  const handler = instrument(async (_event: unknown) => 'read only');

  // Act
  await handler({}, lambdaContext('observability-test'));

  // Assess
  expect(published).toEqual([]);
  expect(warnings).toEqual([]);
});

test('an invocation that adds a metric publishes it once, and the next starts empty', async () => {
  // Prepare
  const handler = instrument(async (_event: unknown) => {
    metrics.addMetric('ThingsDone', MetricUnit.Count, 1);
    return 'done';
  });

  // Act
  await handler({}, lambdaContext('observability-test'));

  // Assess
  expect(published).toEqual([1]);
  expect(metrics.hasStoredMetrics()).toBe(false);
  expect(warnings).toEqual([]);
});

test('an invocation that fails after adding a metric still publishes it', async () => {
  // Prepare
  const handler = instrument(async (_event: unknown) => {
    metrics.addMetric('ThingsFailed', MetricUnit.Count, 1);
    throw new Error('downstream refused');
  });

  // Act
  const outcome = handler({}, lambdaContext('observability-test'));

  // Assess
  await expect(outcome).rejects.toThrow('downstream refused');
  expect(published).toEqual([1]);
  expect(metrics.hasStoredMetrics()).toBe(false);
});

/**
 * The time `timed` reads in a test that asserts durations: it moves only when a fake request is
 * answered, by that request's delay, so a test's figures do not depend on how busy the machine is.
 */
const virtual = { ms: 0 };
function onVirtualClock() {
  virtual.ms = 0;
  jest.spyOn(performance, 'now').mockImplementation(() => virtual.ms);
}

/**
 * A DynamoDB client whose requests never leave the process: each answers after `delayMs[op]`
 * (advancing the virtual clock by as much), with `{}` or, for an operation in `failing`, a service
 * error (after the SDK's retries).
 */
function dynamoAnswering(delayMs: Record<string, number>, failing: string[] = [], unreachable: string[] = []) {
  return new DynamoDBClient({
    region: 'ap-southeast-1',
    credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    maxAttempts: 2,
    retryStrategy: undefined,
    requestHandler: {
      handle: async (request: { headers: Record<string, string> }) => {
        const op = (request.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
        await new Promise((r) => setTimeout(r, delayMs[op] ?? 0));
        virtual.ms += delayMs[op] ?? 0;
        if (unreachable.includes(op)) throw new Error('connection reset by the test');
        const fail = failing.includes(op);
        const body = fail ? { __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError', message: 'down' } : {};
        return {
          response: {
            statusCode: fail ? 500 : 200,
            headers: { 'content-type': 'application/x-amz-json-1.0' },
            body: Readable.from([Buffer.from(JSON.stringify(body))]),
          },
        };
      },
    },
  } as never);
}

function infoLines(): Record<string, unknown>[] {
  const lines: Record<string, unknown>[] = [];
  jest.spyOn(logger, 'info').mockImplementation((...args: unknown[]) => {
    lines.push({ message: args[0], ...(args[1] as object) });
  });
  return lines;
}

const item = { TableName: 't', Key: { pk: { S: 'a' } } };

test('an invocation logs how many AWS calls it made, their time together and the slowest', async () => {
  // Prepare
  const lines = infoLines();
  onVirtualClock();
  const client = timed(dynamoAnswering({ GetItem: 0, PutItem: 40 }));
  // A client's first call also resolves its credentials and endpoint; this one, made before the
  // invocation (as at init), is not the invocation's.
  await client.send(new GetItemCommand(item));
  const handler = instrument(async (_event: unknown) => {
    await client.send(new GetItemCommand(item));
    await client.send(new PutItemCommand({ TableName: 't', Item: { pk: { S: 'a' } } }));
    await client.send(new GetItemCommand(item));
    return 'done';
  });

  // Act
  await handler({}, lambdaContext('observability-test'));

  // Assess
  const summary = lines.find((l) => l.message === 'aws calls');
  expect(summary).toMatchObject({
    invocationMs: 40,
    awsCalls: 3,
    awsMs: 40,
    awsRetries: 0,
    slowestAwsCall: { call: 'DynamoDB.PutItem', ms: 40 },
  });
});

test('a failed call is counted with its retries, and the failed invocation still logs its calls', async () => {
  // Prepare
  const lines = infoLines();
  const client = timed(dynamoAnswering({}, ['PutItem']));
  const handler = instrument(async (_event: unknown) => {
    await client.send(new GetItemCommand(item));
    await client.send(new PutItemCommand({ TableName: 't', Item: { pk: { S: 'a' } } }));
  });

  // Act
  const outcome = handler({}, lambdaContext('observability-test'));

  // Assess
  await expect(outcome).rejects.toThrow('down');
  expect(lines.find((l) => l.message === 'aws calls')).toMatchObject({ awsCalls: 2, awsRetries: 1 });
});

test('each invocation logs its own calls only, and one that made none logs no call line', async () => {
  // Prepare
  const lines = infoLines();
  const client = timed(dynamoAnswering({}));
  let calls = 2;
  const handler = instrument(async (_event: unknown) => {
    for (let i = 0; i < calls; i++) await client.send(new GetItemCommand(item));
  });

  // Act
  await handler({}, lambdaContext('observability-test'));
  calls = 1;
  await handler({}, lambdaContext('observability-test'));
  calls = 0;
  await handler({}, lambdaContext('observability-test'));

  // Assess
  expect(lines.filter((l) => l.message === 'aws calls').map((l) => l.awsCalls)).toEqual([2, 1]);
});

test('a call still unanswered when its invocation ends is reported there, and not counted in the next', async () => {
  // Prepare
  const lines = infoLines();
  // The hanging call is answered during the next invocation's (slower) call.
  const client = timed(dynamoAnswering({ GetItem: 250, PutItem: 100 }));
  await client.send(new GetItemCommand(item)); // the client's first call (credentials, endpoint)
  let hanging: Promise<unknown> = Promise.resolve();
  let calls = 'hang';
  const handler = instrument(async (_event: unknown) => {
    if (calls === 'hang') {
      hanging = client.send(new PutItemCommand({ TableName: 't', Item: { pk: { S: 'a' } } }));
      throw new Error('out of time'); // as middy does when the deadline nears
    }
    await client.send(new GetItemCommand(item));
  });

  // Act
  await expect(handler({}, lambdaContext('observability-test'))).rejects.toThrow('out of time');
  calls = 'one';
  const next = handler({}, lambdaContext('observability-test'));
  await hanging; // answered while the next invocation runs
  await next;

  // Assess
  const [timedOut, following] = lines.filter((l) => l.message === 'aws calls');
  expect(timedOut).toMatchObject({
    awsCalls: 0,
    awsCallsPending: 1,
    oldestPendingAwsCall: { call: 'DynamoDB.PutItem' },
  });
  expect(following).toMatchObject({ awsCalls: 1, slowestAwsCall: { call: 'DynamoDB.GetItem' } });
  expect(following).not.toHaveProperty('awsCallsPending');
});

test('a call that fails without an answer (the connection lost) keeps its error and is counted', async () => {
  // Prepare
  const lines = infoLines();
  const client = timed(dynamoAnswering({}, [], ['GetItem']));
  const handler = instrument(async (_event: unknown) => client.send(new GetItemCommand(item)));

  // Act
  const outcome = handler({}, lambdaContext('observability-test'));

  // Assess
  await expect(outcome).rejects.toThrow('connection reset by the test');
  expect(lines.find((l) => l.message === 'aws calls')).toMatchObject({ awsCalls: 1 });
});
