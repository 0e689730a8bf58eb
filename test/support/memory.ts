/**
 * The triage use case on adapters in memory, wired by the same builder as the Lambda: `receive`
 * plays SES receiving (stores the raw mail, announces it with a notification) and triages it.
 */
import { MemoryAdapters } from '#adapters/memory/index.ts';
import { finishBatch, type TriageResult, triageInbound } from '#app/triage.ts';
import { SesReceivedNotification } from '#lambdas/schemas.ts';
import { buildTriageDeps } from '#lambdas/wiring.ts';
import { SLA_HOURS } from '#lib/settings.ts';
import { inboundObjectKey, receivedNotification, type Verdicts } from '#local/ses-receiving.ts';
import { COMPLAINT_ADDRESS } from '#local/site.ts';

export const BUCKET = 'mail';

export interface Receipt {
  /** SES's message id (the inbound id); a fresh one per mail unless given. */
  id?: string;
  at?: string;
  source?: string;
  verdicts?: Verdicts;
  /** Leave the raw mail out of the store (a mail that must never be read). */
  notStored?: boolean;
}

let seq = 0;

/** The notification SES would send for a mail stored under the id. */
export function notificationFor(id: string, r: Receipt = {}) {
  return SesReceivedNotification.parse(
    receivedNotification(
      {
        messageId: id,
        source: r.source ?? 'peserta@surel.example',
        recipients: [COMPLAINT_ADDRESS],
        verdicts: r.verdicts,
        at: new Date(r.at ?? '2024-05-20T02:30:00.000Z'),
      },
      { bucket: BUCKET, region: 'ap-southeast-1' },
    ),
  );
}

export function memoryTriage() {
  const memory = new MemoryAdapters();
  const deps = buildTriageDeps({ COMPLAINT_ADDRESSES: [COMPLAINT_ADDRESS], SLA_HOURS }, memory);
  return {
    memory,
    deps,
    async receive(raw: Buffer, r: Receipt = {}): Promise<TriageResult> {
      const id = r.id ?? `ses-${++seq}`;
      if (!r.notStored) memory.mail.put(BUCKET, inboundObjectKey(id), raw);
      const result = await triageInbound(notificationFor(id, r), deps);
      await finishBatch([result], deps);
      return result;
    },
  };
}
