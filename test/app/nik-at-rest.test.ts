/**
 * Finding 4 (issue 11): no NIK in clear at rest or in any answer. The ticket keeps a keyed hash
 * (for matching) and a masked form (for display); every number the text labels as NIK/KTP is
 * masked in what is stored and in the agent API's answers.
 */
import { createHmac } from 'node:crypto';
import { CATEGORIES } from '#core/types.ts';
import { makeAgentApiHandler } from '#handlers/agent-api-handler.ts';
import { buildAgentApiDeps } from '#lambdas/wiring.ts';
import { checkedApiClient } from '../support/agent-api.ts';
import { AGENT_API_CONFIG } from '../support/configs.ts';
import { memoryTriage } from '../support/memory.ts';
import { mime } from '../support/mime.ts';

const NIK = '3273055408910007';
const SPOUSE_NIK = '3578120311880412';
const ANOTHER_NIK = '3374106507900003';
const clear = [NIK, SPOUSE_NIK, ANOTHER_NIK].flatMap((n) => [n, n.replace(/(\d{4})(?=\d)/g, '$1 ')]);
const supervisor = { agent: 'rina', queues: [...CATEGORIES], supervisor: true };

async function complaintWithNiks() {
  const pipeline = memoryTriage();
  const raw = await mime({
    from: 'Sekar <sekar.ayu@surel.example>',
    subject: `insentif belum masuk NIK ${ANOTHER_NIK}`,
    text: [
      'insentif bulan ini belum masuk',
      `NIK saya ${NIK.replace(/(\d{4})(?=\d)/g, '$1 ')}`,
      `NIK istri ${SPOUSE_NIK}`,
      'No kartu: 6203 1185 4471 2096',
      'No HP: 0857-4410-3386',
    ].join('\n'),
  });
  const r = await pipeline.receive(raw);
  return { pipeline, ref: r.ticket?.ref ?? '' };
}

describe('the NIK at rest', () => {
  it('keeps on the ticket a keyed hash and a masked form, never the NIK', async () => {
    const { pipeline, ref } = await complaintWithNiks();
    const row = pipeline.memory.state.tickets.get(ref);
    // The subject's NIK is the first one read (the subject is read first).
    expect(row?.ticket.fields.nik).toBe('3374********0003');
    const key = await pipeline.memory.keyRing().key('nik');
    expect(row?.ticket.nikHash).toBe(createHmac('sha256', key).update(ANOTHER_NIK).digest('hex'));
  });

  it('masks every number the text labels as NIK or KTP in the stored text, subject and fields', async () => {
    const { pipeline } = await complaintWithNiks();
    const stored = JSON.stringify([...pipeline.memory.state.tickets.values()]);
    for (const n of clear) expect(stored).not.toContain(n);
    expect(stored).toContain('3578************');
  });

  it('answers GET /tickets/{ref} with the masked NIK and no hash', async () => {
    const { pipeline, ref } = await complaintWithNiks();
    const call = checkedApiClient(makeAgentApiHandler(buildAgentApiDeps(AGENT_API_CONFIG, pipeline.memory)));
    const r = await call('GET', `/tickets/${ref}`, { as: supervisor });
    expect(r.status).toBe(200);
    const body = JSON.stringify(r.body);
    for (const n of clear) expect(body).not.toContain(n);
    expect(body).not.toContain('nikHash');
  });
});
