/**
 * The tickets table (one table, three sparse indexes): a fixed
 * name (a redeploy adopts it; a change that would replace it fails instead), on demand,
 * KMS-encrypted with the data key, point-in-time recovery, deletion protection, retained.
 *
 * The work-list indexes project every attribute: the sweeper's and the ops list's reads return
 * whole tickets and inbound records from them (see docs/architecture.md, "Index projections");
 * the outbox index only keys (the sweeper reads each ticket it names).
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { TABLE } from '../settings.ts';

export interface TicketTablesProps {
  ticketsTableName: string;
  key: IKey;
}

export class TicketTables extends Construct {
  readonly tickets: Table;

  constructor(scope: Construct, id: string, props: TicketTablesProps) {
    super(scope, id);
    const common = {
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: props.key,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    };
    this.tickets = new Table(this, 'Tickets', {
      ...common,
      tableName: props.ticketsTableName,
      partitionKey: { name: TABLE.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: TABLE.ttlAttribute,
    });
    for (const [ix, projectionType] of [
      [TABLE.queueIndex, ProjectionType.ALL],
      [TABLE.listIndex, ProjectionType.ALL],
      [TABLE.outboxIndex, ProjectionType.KEYS_ONLY],
    ] as const) {
      this.tickets.addGlobalSecondaryIndex({
        indexName: ix.name,
        partitionKey: { name: ix.partitionKey, type: AttributeType.STRING },
        sortKey: { name: ix.sortKey, type: AttributeType.STRING },
        projectionType,
      });
    }
  }
}
