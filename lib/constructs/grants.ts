/**
 * Least-privilege grants written out: the CDK's grant helpers add wildcard actions
 * (s3:GetObject*, kms:GenerateDataKey*, kms:ReEncrypt*) that our functions do not need.
 */
import { Stack } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { type IGrantable, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';

type ItemAction = 'GetItem' | 'BatchGetItem' | 'PutItem' | 'BatchWriteItem' | 'UpdateItem' | 'DeleteItem' | 'Query';

function addToPolicy(grantee: IGrantable, statement: PolicyStatement): void {
  grantee.grantPrincipal.addToPrincipalPolicy(statement);
}

/** Item-level DynamoDB access on one table (and its indexes only when Query is granted with `indexes`). */
export function grantItems(
  grantee: IGrantable,
  table: ITable,
  key: IKey,
  actions: ItemAction[],
  indexes: string[] = [],
): void {
  addToPolicy(
    grantee,
    new PolicyStatement({
      actions: actions.map((a) => `dynamodb:${a}`),
      resources: [table.tableArn, ...indexes.map((ix) => `${table.tableArn}/index/${ix}`)],
    }),
  );
  const writes = actions.some((a) => a === 'PutItem' || a === 'UpdateItem' || a === 'DeleteItem');
  addToPolicy(
    grantee,
    new PolicyStatement({
      actions: ['kms:Decrypt', 'kms:DescribeKey', ...(writes ? ['kms:Encrypt', 'kms:GenerateDataKey'] : [])],
      resources: [key.keyArn],
    }),
  );
}

/** Read the raw mail objects matching `objectsArn` (a prefix of an SSE-KMS bucket). */
export function grantObjectRead(grantee: IGrantable, objectsArn: string, key: IKey): void {
  addToPolicy(grantee, new PolicyStatement({ actions: ['s3:GetObject'], resources: [objectsArn] }));
  addToPolicy(grantee, new PolicyStatement({ actions: ['kms:Decrypt'], resources: [key.keyArn] }));
}

/** Send to a KMS-encrypted queue. */
export function grantQueueSend(grantee: IGrantable, queue: IQueue, key: IKey): void {
  addToPolicy(
    grantee,
    new PolicyStatement({
      actions: ['sqs:SendMessage', 'sqs:GetQueueAttributes', 'sqs:GetQueueUrl'],
      resources: [queue.queueArn],
    }),
  );
  addToPolicy(
    grantee,
    new PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key.keyArn] }),
  );
}

/** Read, delete and re-show messages of a KMS-encrypted queue (ops reading and redriving dead letters). */
export function grantQueueConsume(grantee: IGrantable, queue: IQueue, key: IKey): void {
  addToPolicy(
    grantee,
    new PolicyStatement({
      actions: ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
      resources: [queue.queueArn],
    }),
  );
  addToPolicy(grantee, new PolicyStatement({ actions: ['kms:Decrypt'], resources: [key.keyArn] }));
}

/**
 * Read one Secrets Manager secret by name (its ARN ends in six random characters, hence
 * `-??????`), encrypted with the data key.
 */
export function grantSecretRead(grantee: IGrantable, secretName: string, key: IKey): void {
  const { partition, region, account } = Stack.of(key);
  const arn = `arn:${partition}:secretsmanager:${region}:${account}:secret:${secretName}-??????`;
  addToPolicy(grantee, new PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [arn] }));
  addToPolicy(grantee, new PolicyStatement({ actions: ['kms:Decrypt'], resources: [key.keyArn] }));
}
