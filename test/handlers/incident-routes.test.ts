/**
 * The supervisors' incident routes through the agent API handler, as API Gateway calls it: the
 * use cases' answers in their documented shapes, errors as 4xx with a message, never bookkeeping.
 */
import { makeAgentApiHandler } from '#handlers/agent-api-handler.ts';
import { type apiClient, checkedApiClient, forbiddenKeys } from '../support/agent-api.ts';
import { surgeWorld } from '../support/surge-world.ts';

const sup = { agent: 'sari', queues: [], supervisor: true };
const agent = { agent: 'ani', queues: ['training' as const] };

describe('incident routes', () => {
  let call: ReturnType<typeof apiClient>;
  let id: string;
  let refs: string[];

  beforeAll(async () => {
    const w = surgeWorld();
    const { proposed, reports } = await w.proposeOutage();
    id = proposed[0]?.id as string;
    refs = reports.map((r) => r.ticket?.ref as string).sort();
    call = checkedApiClient(makeAgentApiHandler(w.api));
  });

  it('lists, shows and pages a proposed incident for supervisors, with no store bookkeeping', async () => {
    // Act
    const list = await call<{ items: { id: string }[] }>('GET', '/incidents?status=proposed', { as: sup });
    const detail = await call<{ incident: { id: string; tickets: number }; examples: { excerpt: string }[] }>(
      'GET',
      `/incidents/${id.toLowerCase()}`,
      { as: sup },
    );
    const first = await call<{ items: { ref: string }[]; next: string }>('GET', `/incidents/${id}/tickets?limit=20`, {
      as: sup,
    });
    const rest = await call<{ items: { ref: string }[]; next: null }>(
      'GET',
      `/incidents/${id}/tickets?limit=20&after=${first.body.next}`,
      { as: sup },
    );

    // Assess
    expect([list.status, detail.status, first.status, rest.status]).toEqual([200, 200, 200, 200]);
    expect(list.body.items.map((i) => i.id)).toEqual([id]);
    expect(detail.body.incident).toMatchObject({ id, tickets: 30 });
    expect(detail.body.examples.length).toBeGreaterThan(0);
    expect([...first.body.items, ...rest.body.items].map((t) => t.ref)).toEqual(refs);
    expect(rest.body.next).toBeNull();
    expect([list, detail, first, rest].flatMap((r) => forbiddenKeys(r.body))).toEqual([]);
  });

  it('answers bad input with 400, agents with 403, unknown incidents with 404 and decisions that do not fit with 409', async () => {
    // Act
    const statuses = [
      await call('GET', '/incidents', { as: agent }),
      await call('GET', '/incidents?status=open', { as: sup }),
      await call('GET', '/incidents/not-an-id', { as: sup }),
      await call('GET', `/incidents/${id}/tickets?limit=0`, { as: sup }),
      await call('GET', `/incidents/${id}/tickets?after=x`, { as: sup }),
      await call('POST', `/incidents/${id}/accept`, { as: sup, body: { reply: 'x' } }),
      await call('POST', `/incidents/${id}/accept`, { as: sup, body: 'not json' }),
      await call('POST', '/incidents/SRG-NONE/dismiss', { as: sup }),
      await call('POST', `/incidents/${id}/close`, { as: sup }),
      await call('GET', '/incidents'),
    ];

    // Assess
    expect(statuses.map((r) => r.status)).toEqual([403, 400, 400, 400, 400, 400, 400, 404, 409, 401]);
    for (const r of statuses) expect(r.body).toEqual({ error: expect.any(String), message: expect.any(String) });
  });

  it('accepts with the answer, answers a retried accept the same, and then closes', async () => {
    // Act
    const body = { reply: 'Gangguan sudah diperbaiki, silakan coba lagi.', afterwards: 'wait' };
    const accepted = await call<{ incident: { status: string; answer: unknown } }>('POST', `/incidents/${id}/accept`, {
      as: sup,
      body,
    });
    const again = await call('POST', `/incidents/${id}/accept`, { as: sup, body });
    const other = await call('POST', `/incidents/${id}/accept`, { as: sup, body: { ...body, afterwards: 'resolve' } });
    const closed = await call<{ incident: { status: string } }>('POST', `/incidents/${id}/close`, { as: sup });

    // Assess
    expect(accepted).toMatchObject({ status: 200, body: { incident: { status: 'accepted', answer: body } } });
    expect(again).toEqual(accepted);
    expect(other.status).toBe(409);
    expect(closed).toMatchObject({ status: 200, body: { incident: { status: 'closed' } } });
    expect(forbiddenKeys(accepted.body)).toEqual([]);
  });
});
