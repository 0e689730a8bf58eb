/**
 * The two implementations of every port, behind one harness: in memory, and over AWS SDK clients
 * on the local emulators (dynalite, fauxqs, aws-ses-v2-local) started on free ports. `fresh()`
 * gives adapters over empty storage (a new table, queue and bucket on the emulators).
 */

import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { ScanCommand, type ScanCommandInput, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { awsAdapters } from '#adapters/aws.ts';
import { linksKey } from '#adapters/dynamodb/keys.ts';
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { linkId } from '#adapters/memory/state.ts';
import { SecretsKeyRing } from '#adapters/secrets-key-ring.ts';
import type { ParticipantKey } from '#core/ticket.ts';
import { CATEGORIES, type Category } from '#core/types.ts';
import { type Emulators, startEmulators } from '#local/emulators.ts';
import { localClients, localEndpoints } from '#local/pipeline.ts';
import { DEFAULT_NAMES, provision } from '#local/provision.ts';
import type { Adapters, ReplyJob, WorkQueue } from '#ports';

export interface Storage {
  adapters: Adapters;
  /** Stores raw mail where SES's S3 action would. */
  putRaw(bucket: string, key: string, raw: Uint8Array): Promise<void>;
  bucket: string;
  /** The jobs waiting on the reply queue. */
  queued(): Promise<ReplyJob[]>;
  /** The bodies waiting on a work queue (taken off it). */
  workQueue(queue: WorkQueue): Promise<string[]>;
  /** Mail the mailer sent: recipient and subject. */
  sent(): Promise<{ to: string; subject: string }[]>;
  /** A participant link left by a create that claimed it and never wrote its ticket (a function that died). */
  orphanLink(
    key: ParticipantKey,
    category: Category,
    owner: { ref: string; openedBy: string },
    claimedAt: string,
  ): Promise<void>;
  /** How many stored items still name the ticket (its own, records and links naming it, list entries). */
  keptAbout(ref: string): Promise<number>;
  /** How many participant keys have a link item (a link in at least one category, or an empty item). */
  linkItems(): Promise<number>;
}

/** The clock both harnesses give the adapters. */
export const HARNESS_NOW = '2024-05-20T02:00:00.000Z';

export interface Harness {
  start(): Promise<void>;
  fresh(): Promise<Storage>;
  stop(): Promise<void>;
}

export function memoryHarness(): Harness {
  return {
    start: async () => undefined,
    stop: async () => undefined,
    fresh: async () => {
      const m = new MemoryAdapters(() => new Date(HARNESS_NOW));
      return {
        adapters: m,
        orphanLink: async (key, category, owner, claimedAt) => {
          m.state.links.set(linkId(key, category), { ...owner, claimedAt });
        },
        linkItems: async () => new Set([...m.state.links.keys()].map((id) => id.slice(0, id.lastIndexOf('#')))).size,
        bucket: 'mail',
        putRaw: async (bucket, key, raw) => m.mail.put(bucket, key, raw),
        queued: async () => [...m.queue.jobs],
        workQueue: async (queue) => {
          const q = queue === 'inbound' ? m.queues.inbound : m.queues.outbound;
          return q.receive(1000).map((r) => {
            q.delete(r.handle);
            return r.message.body;
          });
        },
        sent: async () => m.ses.sent.map((s) => ({ to: s.to, subject: s.subject })),
        keptAbout: async (ref) => {
          const db = m.state;
          const named = (id: string) => id === ref || id.startsWith(`${ref}#`) || id.endsWith(`#${ref}`);
          return (
            (db.tickets.has(ref) ? 1 : 0) +
            (db.notes.get(ref)?.length ?? 0) +
            (db.audit.get(ref)?.length ?? 0) +
            [...db.related.entries()].filter(([k, rows]) => k === ref || rows.some((r) => r.ref === ref)).length +
            [...db.replies.keys()].filter(named).length +
            (db.surveys.has(ref) ? 1 : 0) +
            [...db.participantRecords.values()].filter((refs) => refs.has(ref)).length +
            [...db.links.values()].filter((l) => l.ref === ref).length +
            [...db.retention.keys()].filter(named).length
          );
        },
      };
    },
  };
}

/**
 * Secrets Manager has no local emulator: a client answering GetSecretValue as it would for the
 * two secrets the storage stack generates (64 characters each).
 */
function secretsManager(): SecretsManagerClient {
  const client = new SecretsManagerClient({ region: 'ap-southeast-1' });
  mockClient(client)
    .on(GetSecretValueCommand, { SecretId: 'nik-hash-key' })
    .resolves({ SecretString: 'n'.repeat(64) })
    .on(GetSecretValueCommand, { SecretId: 'survey-link-key' })
    .resolves({ SecretString: 'c'.repeat(64) });
  return client;
}

export function awsHarness(): Harness {
  let emulators: Emulators;
  let n = 0;
  const cleanups: (() => void)[] = [];
  return {
    async start() {
      emulators = await startEmulators();
    },
    async stop() {
      for (const c of cleanups) c();
      await emulators.stop();
    },
    async fresh() {
      n++;
      const endpoints = localEndpoints(emulators.endpoints);
      const clients = localClients(endpoints, 'setup');
      cleanups.push(() => clients.destroy());
      const d = DEFAULT_NAMES;
      const names = {
        table: `${d.table}-${n}`,
        bucket: `${d.bucket}-${n}`,
        inboundQueue: `${d.inboundQueue}-${n}`,
        outboundQueue: `${d.outboundQueue}-${n}`,
      };
      const p = await provision(clients, names);
      const adapters = {
        ...awsAdapters(
          {
            TABLE_NAME: names.table,
            INBOUND_QUEUE_URL: p.inbound.url,
            INBOUND_DLQ_URL: p.inbound.dlqUrl,
            OUTBOUND_QUEUE_URL: p.outbound.url,
            OUTBOUND_DLQ_URL: p.outbound.dlqUrl,
          },
          clients,
          () => new Date(HARNESS_NOW),
        ),
        keyRing: () => new SecretsKeyRing(secretsManager(), { nik: 'nik-hash-key', survey: 'survey-link-key' }),
      };
      const sesStore = async () =>
        (
          (await (await fetch(`${emulators.endpoints.ses}/store`)).json()) as {
            emails: { destination: { to: string[] }; subject: string }[];
          }
        ).emails;
      const sentBefore = (await sesStore()).length;
      const drain = async (url: string) => {
        const bodies: string[] = [];
        for (;;) {
          const r = await clients.sqs.send(
            new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
          );
          if (!r.Messages?.length) return bodies;
          bodies.push(...r.Messages.map((m) => m.Body ?? ''));
        }
      };
      /** How many items of the whole table match the scan's filter. */
      const countMatching = async (
        filter: Pick<ScanCommandInput, 'FilterExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'>,
      ) => {
        let count = 0;
        let start: Record<string, unknown> | undefined;
        do {
          const page = await clients.dynamo.send(
            new ScanCommand({ TableName: names.table, ...filter, ExclusiveStartKey: start }),
          );
          count += page.Count ?? 0;
          start = page.LastEvaluatedKey;
        } while (start);
        return count;
      };
      return {
        adapters,
        orphanLink: async (key, category, owner, claimedAt) => {
          await clients.dynamo.send(
            new UpdateCommand({
              TableName: names.table,
              Key: linksKey(key),
              UpdateExpression: 'SET #c = :link, #type = :type',
              ExpressionAttributeNames: { '#c': category, '#type': 'type' },
              ExpressionAttributeValues: {
                ':link': { ref: owner.ref, openedBy: owner.openedBy, claimedAt },
                ':type': 'links',
              },
            }),
          );
        },
        bucket: names.bucket,
        putRaw: async (bucket, key, raw) => {
          await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: raw }));
        },
        queued: async () => (await drain(p.outbound.url)).map((body) => JSON.parse(body) as ReplyJob),
        workQueue: async (queue) => drain(queue === 'inbound' ? p.inbound.url : p.outbound.url),
        sent: async () =>
          (await sesStore()).slice(sentBefore).map((m) => ({ to: m.destination.to[0] ?? '', subject: m.subject })),
        linkItems: () =>
          countMatching({
            FilterExpression: '#type = :links',
            ExpressionAttributeNames: { '#type': 'type' },
            ExpressionAttributeValues: { ':links': 'links' },
          }),
        keptAbout: (ref) =>
          countMatching({
            // Keys, a record's `ref`, or a link item's link in any category.
            FilterExpression: [
              'contains(PK, :ref) OR contains(SK, :ref) OR #ref = :ref',
              ...CATEGORIES.map((_, i) => `#c${i}.#ref = :ref`),
            ].join(' OR '),
            ExpressionAttributeNames: {
              '#ref': 'ref',
              ...Object.fromEntries(CATEGORIES.map((c, i) => [`#c${i}`, c])),
            },
            ExpressionAttributeValues: { ':ref': ref },
          }),
      };
    },
  };
}
