/**
 * One contract for every port, run against the adapters in memory and the adapters over AWS on
 * the local emulators: what the use-case tests (test/app, on memory) rely on holds on DynamoDB,
 * S3, SQS and SES too, and the two cannot drift apart.
 */
import type { TicketUpdate } from '#core/intake.ts';
import type { Survey } from '#core/survey.ts';
import type { CsatCounter } from '#core/survey-report.ts';
import type { ParticipantKey, Ticket, TicketMessage } from '#core/ticket.ts';
import { seededTicket } from '#local/seed-tickets.ts';
import {
  type CannedResponse,
  LeaseConflict,
  MailMissing,
  type Page,
  ParticipantBusy,
  type ReplyJob,
  type RetentionEntry,
  type SetAsideRecord,
  type StoredTicket,
} from '#ports';
import { fileTicket } from '../support/file-ticket.ts';
import { awsHarness, HARNESS_NOW, type Harness, memoryHarness, type Storage } from './contract/harness.ts';
import { surgeStoreCases } from './contract/surge-cases.ts';

const HARNESSES: [string, () => Harness][] = [
  ['in memory', memoryHarness],
  ['over AWS on the emulators', awsHarness],
];

const card = (value: string): ParticipantKey => ({ kind: 'card', value });
const email = (value: string): ParticipantKey => ({ kind: 'email', value });

let n = 0;
/** A fresh waiting or ready ticket with its first message, not yet stored. */
function draft(over: Partial<Ticket> = {}): { ticket: Ticket; first: TicketMessage } {
  n++;
  const { ticket, first } = seededTicket(n, { category: 'incentive' });
  const t = { ...ticket, ...over };
  return { ticket: t, first: { ...first, inboundId: t.openedBy, category: t.category } };
}

function followUp(inboundId: string, receivedAt: string, messageId = `<${inboundId}@surel.example>`): TicketMessage {
  return {
    inboundId,
    messageId,
    receivedAt,
    from: 'peserta@surel.example',
    subject: 'tambahan',
    text: 'data tambahan',
    rawKey: null,
    fields: { cardNumber: null, phone: null, email: null, name: null, nik: null },
    evidence: [],
    category: 'incentive',
    flags: [],
    outcome: 'merged',
  };
}

/** An update that keeps the ticket as it is but for what is given. */
const change =
  (over: Partial<TicketUpdate> = {}) =>
  (current: Ticket): TicketUpdate => ({
    fields: current.fields,
    missing: current.missing,
    status: current.status,
    priority: current.priority,
    keys: [],
    participants: current.participants,
    senderVerified: current.senderVerified,
    nikHash: current.nikHash,
    updatedAt: '2024-05-20T03:00:00.000Z',
    readyAt: current.readyAt,
    dueAt: current.dueAt,
    waitingSince: current.waitingSince,
    remindedAt: current.remindedAt,
    ...over,
  });

const stored = (t: Ticket, version: number, overdue = false): StoredTicket => ({
  ...t,
  version,
  overdue,
  outbox: [],
  lastAgentReply: null,
});

function job(over: Partial<ReplyJob> = {}): ReplyJob {
  return {
    jobId: `job-${++n}`,
    kind: 'acknowledge',
    ticketRef: 'PRK-00000001',
    to: 'peserta@surel.example',
    category: 'incentive',
    missing: [],
    inReplyTo: null,
    references: [],
    ...over,
  };
}

describe.each(HARNESSES)('adapters %s', (_name, harness) => {
  const h = harness();
  let s: Storage;
  beforeAll(() => h.start());
  afterAll(() => h.stop());
  beforeEach(async () => {
    s = await h.fresh();
  });
  const tickets = () => s.adapters.ticketStore();
  const file = (d: { ticket: Ticket; first: TicketMessage }, keys: ParticipantKey[]) => fileTicket(tickets(), d, keys);
  const work = () => s.adapters.workList();

  describe('ticket store', () => {
    it('creates a ticket holding its first message, at version 1, and reads back exactly the ticket', async () => {
      const { ticket, first } = draft();
      expect(await file({ ticket, first }, [card('1111222233334444')])).toEqual({ kind: 'created' });
      expect(await tickets().get(ticket.ref)).toEqual(stored(ticket, 1));
      expect((await work().detail(ticket.ref))?.messages).toEqual([first]);
      expect(await tickets().get('PRK-ZZZZZZZZ')).toBeNull();
    });

    it('answers a second create by the same inbound mail with the ticket it made, and writes nothing new', async () => {
      const { ticket, first } = draft();
      await file({ ticket, first }, [card('1111222233334444')]);
      expect(await file({ ticket, first }, [card('1111222233334444')])).toEqual({
        kind: 'exists',
        ticket: stored(ticket, 1),
      });
      expect((await work().detail(ticket.ref))?.messages).toHaveLength(1);
    });

    it('joins the open ticket of the same participant and category instead of creating one', async () => {
      const a = draft();
      await file(a, [card('1111222233334444')]);
      const b = draft();
      const r = await file(b, [email('baru@surel.example'), card('1111222233334444')]);
      expect(r).toEqual({ kind: 'held', ticket: stored(a.ticket, 1), key: card('1111222233334444') });
      expect(await tickets().get(b.ticket.ref)).toBeNull();
      // The key claimed before the conflict was given back: a third mail with it alone opens its own ticket.
      const c = draft();
      expect(await file(c, [email('baru@surel.example')])).toEqual({ kind: 'created' });
    });

    it('keeps participants apart per category', async () => {
      const a = draft();
      await file(a, [card('1111222233334444')]);
      const b = draft({ category: 'certificate' });
      expect(await file(b, [card('1111222233334444')])).toEqual({ kind: 'created' });
    });

    it('reports a reference taken by another mail as a collision and leaves that ticket’s links alone', async () => {
      const a = draft();
      await file(a, [card('1111222233334444')]);
      const b = draft({ ref: a.ticket.ref });
      expect(await file(b, [email('lain@surel.example')])).toEqual({ kind: 'collision' });
      const c = draft();
      expect(await file(c, [card('1111222233334444')])).toMatchObject({ kind: 'held' });
      const d = draft();
      expect(await file(d, [email('lain@surel.example')])).toEqual({ kind: 'created' });
    });

    it('never takes the link of a ticket still being created: the mail is retried, its other keys given back', async () => {
      const a = draft();
      await s.orphanLink(card('1111222233334444'), 'incentive', a.ticket, '2024-05-20T01:59:30.000Z');
      const b = draft();
      await expect(file(b, [email('b@surel.example'), card('1111222233334444')])).rejects.toBeInstanceOf(
        ParticipantBusy,
      );
      expect(await tickets().get(b.ticket.ref)).toBeNull();
      const c = draft();
      expect(await file(c, [email('b@surel.example')])).toEqual({ kind: 'created' });
      // The creator, delivered again, takes its own link and writes its ticket.
      expect(await file(a, [card('1111222233334444')])).toEqual({ kind: 'created' });
    });

    it('takes over the link of a create abandoned longer ago than any create can take', async () => {
      const a = draft();
      await s.orphanLink(card('1111222233334444'), 'incentive', a.ticket, '2024-05-20T01:58:00.000Z');
      const b = draft();
      expect(await file(b, [card('1111222233334444')])).toEqual({ kind: 'created' });
    });

    it('takes over a link whose ticket is no longer open', async () => {
      const a = draft();
      await file(a, [card('1111222233334444')]);
      await work().transition(stored(a.ticket, 1), { status: 'resolved', resolvedAt: 'x', updatedAt: 'x' });
      const b = draft();
      expect(await file(b, [card('1111222233334444')])).toEqual({ kind: 'created' });
      const c = draft();
      expect(await file(c, [card('1111222233334444')])).toMatchObject({
        kind: 'held',
        ticket: { ref: b.ticket.ref },
      });
    });

    it('finds the participant’s open tickets, each once, in the order of the categories asked', async () => {
      const inc = draft();
      await file(inc, [card('1111222233334444'), email('b@surel.example')]);
      const cert = draft({ category: 'certificate' });
      await file(cert, [email('a@surel.example')]);
      const keys = [card('1111222233334444'), email('a@surel.example'), email('b@surel.example')];
      const refs = async (categories: Parameters<ReturnType<typeof tickets>['openTickets']>[1]) =>
        (await tickets().openTickets(keys, categories)).map((t) => t.ref);
      expect(await refs(['fraud', 'certificate', 'incentive'])).toEqual([cert.ticket.ref, inc.ticket.ref]);
      expect(await refs(['incentive', 'certificate'])).toEqual([inc.ticket.ref, cert.ticket.ref]);
      expect(await refs(['fraud'])).toEqual([]);
      expect(await tickets().openTickets([], ['incentive'])).toEqual([]);
    });

    it('answers each claim with the participant’s open tickets in every other category, each once', async () => {
      const inc = draft();
      await file(inc, [card('1111222233334444'), email('b@surel.example')]);
      const cert = draft({ category: 'certificate' });
      await file(cert, [email('a@surel.example')]);
      const fraud = draft({ category: 'fraud' });
      const claims = await tickets().claimLinks(fraud.ticket, [
        card('1111222233334444'),
        email('a@surel.example'),
        email('b@surel.example'),
      ]);
      expect(claims).toEqual({
        claimed: [card('1111222233334444'), email('a@surel.example'), email('b@surel.example')],
        held: null,
        open: [stored(inc.ticket, 1), stored(cert.ticket, 1)],
      });
      // The claims hold until the ticket is created: a second mail in the category waits for it.
      expect(await tickets().create(fraud.ticket, fraud.first, claims.claimed)).toEqual({ kind: 'created' });
      const again = draft({ category: 'fraud' });
      expect(await file(again, [email('a@surel.example')])).toMatchObject({
        kind: 'held',
        ticket: { ref: fraud.ticket.ref },
      });
    });

    it('stops claiming at the first key another open ticket holds, and claims the keys after it when asked again', async () => {
      const a = draft();
      await file(a, [email('a@surel.example')]);
      const b = draft();
      const keys = [card('1111222233334444'), email('a@surel.example'), email('b@surel.example')];
      const first = await tickets().claimLinks(b.ticket, keys);
      expect(first).toEqual({
        claimed: [card('1111222233334444')],
        held: { key: email('a@surel.example'), ticket: stored(a.ticket, 1) },
        open: [stored(a.ticket, 1)],
      });
      expect(await tickets().claimLinks(b.ticket, [email('b@surel.example')])).toEqual({
        claimed: [email('b@surel.example')],
        held: null,
        open: [],
      });
      // Given back, the keys are free again; the one the other ticket holds stays its own.
      await tickets().releaseLinks(b.ticket, [card('1111222233334444'), email('b@surel.example')]);
      expect(await tickets().openTickets(keys, ['incentive'])).toEqual([stored(a.ticket, 1)]);
      const c = draft();
      expect(await file(c, [card('1111222233334444'), email('b@surel.example')])).toEqual({ kind: 'created' });
    });

    it('makes one ticket of two mails claiming the same key for the same category at once', async () => {
      const a = draft();
      const b = draft();
      const results = await Promise.allSettled([
        file(a, [email('a@surel.example'), card('1111222233334444')]),
        file(b, [card('1111222233334444')]),
      ]);
      const created = results.filter((r) => r.status === 'fulfilled' && r.value.kind === 'created');
      expect(created).toHaveLength(1);
      // The other joins the winner, or (when the winner was still writing its ticket) is retried later.
      const winner = results[0].status === 'fulfilled' && results[0].value.kind === 'created' ? a : b;
      for (const r of results) {
        if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ParticipantBusy);
        else if (r.value.kind !== 'created')
          expect(r.value).toMatchObject({ kind: 'held', ticket: { ref: winner.ticket.ref } });
      }
      expect((await tickets().openTickets([card('1111222233334444')], ['incentive'])).map((t) => t.ref)).toEqual([
        winner.ticket.ref,
      ]);
    });

    it('claims again under the next reference after a collision, taking over its own earlier claim', async () => {
      const a = draft();
      await file(a, []);
      const b = draft({ ref: a.ticket.ref });
      expect(await file(b, [email('lain@surel.example')])).toEqual({ kind: 'collision' });
      // A claim left under the colliding reference (as by a crash before it was given back) is this mail's own.
      await s.orphanLink(email('lain@surel.example'), 'incentive', b.ticket, HARNESS_NOW);
      const next = { ...b, ticket: { ...b.ticket, ref: 'PRK-NEXTREF1' } };
      expect(await file(next, [email('lain@surel.example')])).toEqual({ kind: 'created' });
      const c = draft();
      expect(await file(c, [email('lain@surel.example')])).toMatchObject({
        kind: 'held',
        ticket: { ref: 'PRK-NEXTREF1' },
      });
    });

    it('takes over a link naming a ticket now in another category', async () => {
      const a = draft();
      await s.orphanLink(card('1111222233334444'), 'certificate', a.ticket, HARNESS_NOW);
      await file(a, [card('1111222233334444')]); // the ticket itself is in incentive
      const b = draft({ category: 'certificate' });
      expect(await file(b, [card('1111222233334444')])).toEqual({ kind: 'created' });
    });

    it('says which key another open ticket holds when a create joins it', async () => {
      const a = draft();
      await file(a, [card('1111222233334444')]);
      const b = draft();
      expect(await file(b, [email('c@surel.example'), card('1111222233334444')])).toEqual({
        kind: 'held',
        ticket: stored(a.ticket, 1),
        key: card('1111222233334444'),
      });
    });

    it('links two tickets both ways with the reason, shown with each other’s status and category', async () => {
      const a = draft();
      await file(a, []);
      const b = draft({ category: 'certificate', status: 'waiting_participant' });
      await file(b, []);
      await tickets().relate(b.ticket.ref, a.ticket.ref, 'same card number', '2024-05-20T03:00:00.000Z');
      await tickets().relate(b.ticket.ref, a.ticket.ref, 'same card number', '2024-05-20T03:00:00.000Z'); // again
      expect((await work().detail(a.ticket.ref))?.related).toEqual([
        { ref: b.ticket.ref, status: 'waiting_participant', category: 'certificate', reason: 'same card number' },
      ]);
      expect((await work().detail(b.ticket.ref))?.related).toEqual([
        { ref: a.ticket.ref, status: 'ready', category: 'incentive', reason: 'same card number' },
      ]);
    });

    it('records who may join a ticket as an append changes it', async () => {
      const { ticket, first } = draft({ senderVerified: false, participants: [] });
      await file({ ticket, first }, []);
      const { ticket: after } = await tickets().append(
        ticket.ref,
        followUp('f1', '2024-05-20T03:00:00.000Z'),
        change({ participants: ['peserta@surel.example'], senderVerified: true }),
      );
      expect(after).toMatchObject({ participants: ['peserta@surel.example'], senderVerified: true });
      expect(await tickets().get(ticket.ref)).toMatchObject({ participants: ['peserta@surel.example'] });
    });

    it('appends a message once: the update applies, version and count go up, a repeat changes nothing', async () => {
      const { ticket, first } = draft({ status: 'waiting_participant', missing: ['phone'] });
      await file({ ticket, first }, []);
      const msg = followUp('follow-1', '2024-05-20T03:00:00.000Z');
      const update = change({ status: 'ready', missing: [], readyAt: 'r', dueAt: 'd' });
      const { ticket: after, outcome } = await tickets().append(ticket.ref, msg, update);
      expect(outcome).toBe('merged');
      expect(after).toEqual({
        ...ticket,
        status: 'ready',
        missing: [],
        readyAt: 'r',
        dueAt: 'd',
        messageCount: 2,
        updatedAt: '2024-05-20T03:00:00.000Z',
      });
      expect(await tickets().append(ticket.ref, msg, update)).toEqual({ ticket: after, outcome: 'merged' });
      // Delivered again, now routed another way: it reports how it joined the first time.
      expect(
        await tickets().append(
          ticket.ref,
          { ...msg, receivedAt: '2024-05-20T03:05:00.000Z', outcome: 'reopened' },
          update,
        ),
      ).toEqual({ ticket: after, outcome: 'merged' });
      expect(await tickets().get(ticket.ref)).toEqual(stored(after, 2));
      expect((await work().detail(ticket.ref))?.messages).toEqual([first, msg]);
      expect(await work().latestMessageId(ticket.ref)).toBe(msg.messageId);
    });

    it('applies an append to the ticket as it is, when the caller’s copy is out of date', async () => {
      const { ticket, first } = draft();
      await file({ ticket, first }, []);
      const seen = await tickets().get(ticket.ref);
      await work().transition(stored(ticket, 1), { status: 'claimed', claimedBy: 'agen', updatedAt: 'u' });
      const { ticket: after } = await tickets().append(
        ticket.ref,
        followUp('late', '2024-05-20T04:00:00.000Z'),
        change(),
        seen as StoredTicket,
      );
      expect(after).toMatchObject({ status: 'claimed', claimedBy: 'agen', messageCount: 2 });
    });

    it('does not append a message again when the caller’s copy predates it', async () => {
      const { ticket, first } = draft();
      await file({ ticket, first }, []);
      const msg = followUp('again', '2024-05-20T04:00:00.000Z');
      await tickets().append(ticket.ref, msg, change());
      const seen = await tickets().get(ticket.ref);
      expect((await tickets().append(ticket.ref, msg, change(), seen as StoredTicket)).ticket).toMatchObject({
        messageCount: 2,
      });
    });

    it('leaves no link item behind for keys that no longer link any ticket', async () => {
      // Prepare: a ticket holding two keys, and another ticket (other category) sharing one of them
      const fields = {
        ...draft().ticket.fields,
        cardNumber: '4321876509871234',
        email: 'b@surel.example',
        phone: null,
      };
      const { ticket, first } = draft({ fields });
      await file({ ticket, first }, [card('4321876509871234'), email('b@surel.example')]);
      const other = draft({ category: 'training' });
      await file(other, [email('b@surel.example')]);
      expect(await s.linkItems()).toBe(2);
      // Act: the first ticket ends and frees its links
      const current = (await tickets().get(ticket.ref)) as StoredTicket;
      const resolved = await work().transition(current, { status: 'resolved', resolvedAt: 'x', updatedAt: 'x' });
      await work().releaseParticipant(resolved);
      // Assess: the card's item is gone; the address's stays for the other ticket's link
      expect(await s.linkItems()).toBe(1);
      expect(await file(draft(), [card('4321876509871234')])).toMatchObject({ kind: 'created' });
    });

    it('links the keys a ticket gains, and all of them again when it reopens', async () => {
      const { ticket, first } = draft();
      await file({ ticket, first }, [email('a@surel.example')]);
      await tickets().append(
        ticket.ref,
        followUp('f1', '2024-05-20T04:00:00.000Z'),
        change({ keys: [card('5555666677778888')] }),
      );
      const other = draft();
      expect(await file(other, [card('5555666677778888')])).toMatchObject({
        kind: 'held',
        ticket: { ref: ticket.ref },
      });
      const current = (await tickets().get(ticket.ref)) as StoredTicket;
      const resolved = await work().transition(current, { status: 'resolved', resolvedAt: 'x', updatedAt: 'x' });
      await work().releaseParticipant({ ...resolved, fields: { ...resolved.fields, email: 'a@surel.example' } });
      await tickets().append(
        ticket.ref,
        followUp('f2', '2024-05-20T05:00:00.000Z'),
        change({ status: 'ready', keys: [email('a@surel.example')] }),
      );
      const third = draft();
      expect(await file(third, [email('a@surel.example')])).toMatchObject({
        kind: 'held',
        ticket: { ref: ticket.ref },
      });
    });

    it('refuses to append to a ticket that does not exist', async () => {
      await expect(tickets().append('PRK-ZZZZZZZZ', followUp('x', 'y'), change())).rejects.toThrow();
    });
  });

  describe('work list', () => {
    const seed = async (over: Partial<Ticket>) => {
      const d = draft(over);
      await file(d, []);
      return d.ticket;
    };

    it('hands out overdue tickets first, then by priority, then the oldest, and null when empty', async () => {
      const old = await seed({ priority: 'normal', createdAt: '2024-05-01T00:00:00.000Z' });
      const high = await seed({ priority: 'high', createdAt: '2024-05-03T00:00:00.000Z' });
      const late = await seed({ priority: 'low', createdAt: '2024-05-04T00:00:00.000Z' });
      await work().transition(stored(late, 1), { status: 'ready', overdue: true, updatedAt: 'u' });
      const order = [];
      for (
        let t = await work().claimNext('incentive', 'agen', 'L', 'N');
        t;
        t = await work().claimNext('incentive', 'agen', 'L', 'N')
      )
        order.push(t.ref);
      expect(order).toEqual([late.ref, high.ref, old.ref]);
      expect(await work().get(old.ref)).toMatchObject({
        status: 'claimed',
        claimedBy: 'agen',
        leaseExpiresAt: 'L',
        firstActionAt: 'N',
        version: 2,
      });
    });

    it('orders a list by when each ticket became ready, not when it was opened', async () => {
      const waitedLong = await seed({ createdAt: '2024-05-01T00:00:00.000Z', readyAt: '2024-05-05T00:00:00.000Z' });
      const readySooner = await seed({ createdAt: '2024-05-03T00:00:00.000Z', readyAt: '2024-05-03T00:00:00.000Z' });
      expect((await work().claimNext('incentive', 'a', 'L', 'N'))?.ref).toBe(readySooner.ref);
      expect((await work().claimNext('incentive', 'a', 'L', 'N'))?.ref).toBe(waitedLong.ref);
    });

    it('puts a released ticket at the front of its priority, keeping when it was first claimed', async () => {
      const t = await seed({ createdAt: '2024-05-02T00:00:00.000Z' });
      expect((await work().claimNext('incentive', 'a', 'L', 'first-claim'))?.ref).toBe(t.ref);
      const older = await seed({ createdAt: '2024-05-01T00:00:00.000Z' });
      await work().transition(stored({ ...t, status: 'claimed' }, 2), {
        status: 'ready',
        claimedBy: null,
        updatedAt: '2024-05-20T00:00:00.000Z',
        front: true,
      });
      expect(await work().claimNext('incentive', 'b', 'L', 'second-claim')).toMatchObject({
        ref: t.ref,
        firstActionAt: 'first-claim',
      });
      expect((await work().claimNext('incentive', 'b', 'L', 'N'))?.ref).toBe(older.ref);
    });

    it('refuses a change to a ticket that moved on (LeaseConflict)', async () => {
      const t = await seed({});
      await work().transition(stored(t, 1), { status: 'claimed', claimedBy: 'a', updatedAt: 'u' });
      await expect(work().transition(stored(t, 1), { status: 'resolved', updatedAt: 'v' })).rejects.toBeInstanceOf(
        LeaseConflict,
      );
    });

    it('counts a category’s tickets by where they stand', async () => {
      await seed({ createdAt: '2024-05-02T00:00:00.000Z', readyAt: '2024-05-02T00:00:00.000Z' });
      const overdue = await seed({ createdAt: '2024-05-03T00:00:00.000Z', readyAt: '2024-05-03T00:00:00.000Z' });
      await work().transition(stored(overdue, 1), { status: 'ready', overdue: true, updatedAt: 'u' });
      await seed({ status: 'waiting_participant', readyAt: null });
      const claimed = await seed({});
      await work().transition(stored(claimed, 1), { status: 'claimed', claimedBy: 'a', updatedAt: 'u' });
      await seed({ category: 'fraud' });
      expect(await work().stats('incentive')).toEqual({
        category: 'incentive',
        ready: 2,
        claimed: 1,
        waitingParticipant: 1,
        overdue: 1,
        oldestReadyAt: '2024-05-02T00:00:00.000Z',
      });
    });

    it('keeps a held ticket off its work list and its counts, lists it as held, and claims it once released', async () => {
      const held = await seed({ heldBehind: 'PRK-00000001', readyAt: null, dueAt: null });
      expect(await work().claimNext('incentive', 'a', 'L', 'N')).toBeNull();
      expect(await work().stats('incentive')).toMatchObject({ ready: 0 });
      expect((await work().held('incentive')).map((t) => t.ref)).toEqual([held.ref]);
      await work().transition(stored(held, 1), {
        status: 'ready',
        heldBehind: null,
        readyAt: '2024-05-20T03:00:00.000Z',
        dueAt: '2024-05-21T03:00:00.000Z',
        updatedAt: '2024-05-20T03:00:00.000Z',
      });
      expect(await work().held('incentive')).toEqual([]);
      expect(await work().claimNext('incentive', 'a', 'L', 'N')).toMatchObject({
        ref: held.ref,
        heldBehind: null,
        dueAt: '2024-05-21T03:00:00.000Z',
      });
    });

    it('lists expired leases and ready tickets newly past their due time', async () => {
      const leased = await seed({});
      await work().transition(stored(leased, 1), {
        status: 'claimed',
        claimedBy: 'a',
        leaseExpiresAt: '2024-05-20T01:00:00.000Z',
        updatedAt: 'u',
      });
      const due = await seed({ dueAt: '2024-05-20T00:30:00.000Z' });
      await seed({ dueAt: '2024-05-21T00:00:00.000Z' });
      const now = '2024-05-20T02:00:00.000Z';
      expect((await work().expiredLeases('incentive', now)).map((t) => t.ref)).toEqual([leased.ref]);
      expect((await work().newlyOverdue('incentive', now)).map((t) => t.ref)).toEqual([due.ref]);
      await work().transition(stored(due, 1), { status: 'ready', overdue: true, updatedAt: 'u' });
      expect(await work().newlyOverdue('incentive', now)).toEqual([]);
    });

    it('lists waiting tickets due for their reminder by when the wait began, reminded ones by the reminder', async () => {
      const waiting = (waitingSince: string | null, createdAt = '2024-04-30T00:00:00.000Z') =>
        seed({ status: 'waiting_participant', readyAt: null, waitingSince, createdAt });
      const refs = (ts: StoredTicket[]) => ts.map((t) => t.ref);
      const early = await waiting('2024-05-01T00:00:00.000Z');
      const atCutoff = await waiting('2024-05-02T00:00:00.000Z');
      await waiting('2024-05-03T00:00:00.000Z');
      // Stored before waits were kept: its wait counts from its opening.
      const legacy = await waiting(null, '2024-04-29T00:00:00.000Z');
      await seed({ createdAt: '2024-04-01T00:00:00.000Z' }); // ready: on no waiting list
      const cutoff = '2024-05-02T00:00:00.000Z';
      expect(refs(await work().waitingDue('incentive', 'remind', cutoff, 10))).toEqual([
        legacy.ref,
        early.ref,
        atCutoff.ref,
      ]);
      expect(refs(await work().waitingDue('incentive', 'remind', cutoff, 1))).toEqual([legacy.ref]);
      const reminded = await work().transition(stored(early, 1), {
        status: 'waiting_participant',
        remindedAt: '2024-05-04T00:00:00.000Z',
        updatedAt: '2024-05-04T00:00:00.000Z',
      });
      expect(refs(await work().waitingDue('incentive', 'remind', cutoff, 10))).toEqual([legacy.ref, atCutoff.ref]);
      expect(await work().waitingDue('incentive', 'close', '2024-05-03T23:59:59.999Z', 10)).toEqual([]);
      expect(await work().waitingDue('incentive', 'close', '2024-05-04T00:00:00.000Z', 10)).toEqual([reminded]);
      // A participant's mail that leaves it waiting starts the wait afresh.
      await tickets().append(
        atCutoff.ref,
        followUp('still-waiting', '2024-05-10T00:00:00.000Z'),
        change({ waitingSince: '2024-05-10T00:00:00.000Z', remindedAt: null }),
      );
      expect(refs(await work().waitingDue('incentive', 'remind', cutoff, 10))).toEqual([legacy.ref]);
      // Closed: off every list, and no longer counted as waiting.
      expect((await work().stats('incentive')).waitingParticipant).toBe(4);
      await work().transition(reminded, { status: 'closed', updatedAt: '2024-05-20T00:00:00.000Z' });
      expect(await work().waitingDue('incentive', 'close', '2024-06-01T00:00:00.000Z', 10)).toEqual([]);
      expect((await work().stats('incentive')).waitingParticipant).toBe(3);
    });

    it('shows a ticket with its messages, replies and notes, oldest first', async () => {
      const t = await seed({});
      await tickets().append(t.ref, followUp('f1', '2024-05-20T05:00:00.000Z'), change());
      await work().addNote(t.ref, { id: 'n2', author: 'a', text: 'kedua', at: '2024-05-20T07:00:00.000Z' });
      await work().addNote(t.ref, { id: 'n1', author: 'a', text: 'pertama', at: '2024-05-20T06:00:00.000Z' });
      await s.adapters.replyLog().skipped(job({ ticketRef: t.ref }), 'rate-limited', '2024-05-20T08:00:00.000Z');
      const d = await work().detail(t.ref);
      expect(d?.messages.map((m) => m.inboundId)).toEqual([t.openedBy, 'f1']);
      expect(d?.notes.map((x) => x.text)).toEqual(['pertama', 'kedua']);
      expect(d?.replies).toEqual([expect.objectContaining({ status: 'skipped', reason: 'rate-limited' })]);
      expect(await work().detail('PRK-ZZZZZZZZ')).toBeNull();
    });

    it('keeps a ticket’s audit trail in time order, a repeated line once', async () => {
      const t = await seed({});
      const line = (id: string, at: string) => ({ id, at, agent: 'dewi', action: 'release' as const, detail: id });
      await work().audit(t.ref, line('dewi:release', '2024-05-20T07:00:00.000Z'));
      await work().audit(t.ref, line('dewi:claim', '2024-05-20T06:00:00.000Z'));
      await work().audit(t.ref, line('dewi:claim', '2024-05-20T06:00:00.000Z'));
      const d = await work().detail(t.ref);
      expect(d?.audit.map((a) => [a.at, a.detail])).toEqual([
        ['2024-05-20T06:00:00.000Z', 'dewi:claim'],
        ['2024-05-20T07:00:00.000Z', 'dewi:release'],
      ]);
      expect(d?.notes).toEqual([]);
    });

    it('frees a ticket’s links, and moves them with it to another category', async () => {
      const a = draft({ fields: { ...draft().ticket.fields, cardNumber: '1111222233334444' } });
      await file(a, [card('1111222233334444')]);
      // Moved as the agent API moves it: the ticket changes category, then its links follow.
      const moved = await work().transition(stored(a.ticket, 1), {
        status: 'ready',
        category: 'certificate',
        updatedAt: '2024-05-20T03:00:00.000Z',
      });
      await work().relinkParticipant(a.ticket, moved);
      expect((await tickets().openTickets([card('1111222233334444')], ['incentive', 'certificate']))[0]?.ref).toBe(
        a.ticket.ref,
      );
      const b = draft();
      expect(await file(b, [card('1111222233334444')])).toEqual({ kind: 'created' });
      await work().releaseParticipant(moved);
      const c = draft({ category: 'certificate' });
      expect(await file(c, [card('1111222233334444')])).toEqual({ kind: 'created' });
    });
  });

  describe('outbox', () => {
    const seed = async (over: Partial<Ticket> = {}) => {
      const d = draft(over);
      await file(d, []);
      return stored(d.ticket, 1);
    };
    const reply = (t: Ticket, n: number) =>
      job({ jobId: `${t.ref}:resolve:${n}`, ticketRef: t.ref, kind: 'agent_reply' });

    it('keeps a reply written with a ticket change until it is confirmed, and lists it once it is old enough', async () => {
      const t = await seed();
      const j = reply(t, 1);
      await work().transition(t, {
        status: 'resolved',
        resolvedAt: '2024-05-20T01:00:00.000Z',
        updatedAt: '2024-05-20T01:00:00.000Z',
        reply: j,
        agentReply: { jobId: j.jobId, by: 'dewi', digest: 'd1' },
      });
      expect(await tickets().get(t.ref)).toMatchObject({
        status: 'resolved',
        version: 2,
        outbox: [{ ref: t.ref, job: j, at: '2024-05-20T01:00:00.000Z' }],
        lastAgentReply: { jobId: j.jobId, by: 'dewi', digest: 'd1' },
      });
      expect(await s.adapters.outbox().pending('2024-05-20T01:00:00.000Z', 10)).toEqual([]);
      expect(await s.adapters.outbox().pending('2024-05-20T01:01:00.000Z', 10)).toEqual([
        { ref: t.ref, job: j, at: '2024-05-20T01:00:00.000Z' },
      ]);
      await s.adapters.outbox().confirm(t.ref, j.jobId);
      await s.adapters.outbox().confirm(t.ref, j.jobId); // twice: no harm
      expect(await s.adapters.outbox().pending('2024-05-20T02:00:00.000Z', 10)).toEqual([]);
      expect(await tickets().get(t.ref)).toMatchObject({ outbox: [], version: 2 });
    });

    it('confirms one pending reply of several, and writes none with a change that lost its race', async () => {
      const t = await seed();
      const first = reply(t, 1);
      const after = await work().transition(t, {
        status: 'ready',
        updatedAt: '2024-05-20T01:00:00.000Z',
        reply: first,
      });
      const second = reply(t, 2);
      await work().transition(stored(after, 2), {
        status: 'ready',
        updatedAt: '2024-05-20T01:05:00.000Z',
        reply: second,
      });
      await expect(
        work().transition(stored(after, 2), { status: 'ready', updatedAt: 'x', reply: reply(t, 9) }),
      ).rejects.toBeInstanceOf(LeaseConflict);
      await s.adapters.outbox().confirm(t.ref, first.jobId);
      expect((await s.adapters.outbox().pending('2024-05-20T02:00:00.000Z', 10)).map((p) => p.job.jobId)).toEqual([
        second.jobId,
      ]);
      await s.adapters.outbox().confirm(t.ref, second.jobId);
      expect(await s.adapters.outbox().pending('2024-05-20T02:00:00.000Z', 10)).toEqual([]);
    });

    it('lists pending replies of many tickets oldest first, up to a limit', async () => {
      const a = await seed();
      const b = await seed();
      await work().transition(b, { status: 'resolved', updatedAt: '2024-05-20T00:10:00.000Z', reply: reply(b, 1) });
      await work().transition(a, { status: 'resolved', updatedAt: '2024-05-20T00:20:00.000Z', reply: reply(a, 1) });
      expect((await s.adapters.outbox().pending('2024-05-20T01:00:00.000Z', 10)).map((p) => p.ref)).toEqual([
        b.ref,
        a.ref,
      ]);
      expect(await s.adapters.outbox().pending('2024-05-20T01:00:00.000Z', 1)).toHaveLength(1);
    });
  });

  describe('work list for the console', () => {
    const seed = async (over: Partial<Ticket>, keys: ParticipantKey[] = []) => {
      const d = draft(over);
      await file(d, keys);
      return d.ticket;
    };
    const withCard = (cardNumber: string, over: Partial<Ticket> = {}): Partial<Ticket> => ({
      ...over,
      fields: { cardNumber, phone: null, email: null, name: null, nik: null },
    });

    it('claims the most urgent ticket over several categories (overdue, then priority, then time ready), then null', async () => {
      const oldNormal = await seed({
        category: 'certificate',
        priority: 'normal',
        createdAt: '2024-05-01T00:00:00.000Z',
        readyAt: '2024-05-01T00:00:00.000Z',
      });
      const newHigh = await seed({
        category: 'incentive',
        priority: 'high',
        createdAt: '2024-05-03T00:00:00.000Z',
        readyAt: '2024-05-03T00:00:00.000Z',
      });
      const oldHigh = await seed({
        category: 'certificate',
        priority: 'high',
        createdAt: '2024-05-02T00:00:00.000Z',
        readyAt: '2024-05-02T00:00:00.000Z',
      });
      const late = await seed({
        category: 'training',
        priority: 'low',
        createdAt: '2024-05-04T00:00:00.000Z',
        readyAt: '2024-05-04T00:00:00.000Z',
      });
      await work().transition(stored(late, 1), { status: 'ready', overdue: true, updatedAt: 'u' });
      const other = await seed({ category: 'fraud', priority: 'urgent' });
      const order = [];
      const categories = ['incentive', 'certificate', 'training'] as const;
      for (
        let t = await work().claimMostUrgent(categories, 'agen', 'L', 'N');
        t;
        t = await work().claimMostUrgent(categories, 'agen', 'L', 'N')
      )
        order.push(t.ref);
      expect(order).toEqual([late.ref, oldHigh.ref, newHigh.ref, oldNormal.ref]);
      expect(await work().get(late.ref)).toMatchObject({ status: 'claimed', claimedBy: 'agen', overdue: true });
      expect((await work().get(other.ref))?.status).toBe('ready');
      expect(await work().claimMostUrgent([], 'agen', 'L', 'N')).toBeNull();
    });

    it('answers claims and changes with the stored ticket, its overdue mark included', async () => {
      const t = await seed({});
      await work().transition(stored(t, 1), { status: 'ready', overdue: true, updatedAt: 'u' });
      const claimed = await work().claimNext('incentive', 'agen', 'L', 'N');
      expect(claimed).toMatchObject({ ref: t.ref, status: 'claimed', version: 3, overdue: true });
      const released = await work().transition(claimed as StoredTicket, { status: 'ready', updatedAt: 'v' });
      expect(released).toMatchObject({ status: 'ready', version: 4, overdue: true });
      expect((await work().detail(t.ref))?.ticket).toEqual(released);
    });

    it('lists who holds which ticket since when and until when, the longest held first', async () => {
      const a = await seed({ createdAt: '2024-05-01T00:00:00.000Z' });
      const b = await seed({ createdAt: '2024-05-02T00:00:00.000Z' });
      await seed({ createdAt: '2024-05-03T00:00:00.000Z' });
      await work().claimNext('incentive', 'dewi', '2024-05-20T03:15:00.000Z', '2024-05-20T03:00:00.000Z');
      const second = await work().claimNext('incentive', 'oki', '2024-05-20T03:20:00.000Z', '2024-05-20T03:05:00.000Z');
      // Extending the lease keeps when it was claimed.
      await work().transition(second as StoredTicket, {
        status: 'claimed',
        leaseExpiresAt: '2024-05-20T03:35:00.000Z',
        updatedAt: '2024-05-20T03:20:00.000Z',
      });
      expect(await work().claims('incentive')).toEqual([
        {
          ref: a.ref,
          category: 'incentive',
          claimedBy: 'dewi',
          since: '2024-05-20T03:00:00.000Z',
          leaseExpiresAt: '2024-05-20T03:15:00.000Z',
        },
        {
          ref: b.ref,
          category: 'incentive',
          claimedBy: 'oki',
          since: '2024-05-20T03:05:00.000Z',
          leaseExpiresAt: '2024-05-20T03:35:00.000Z',
        },
      ]);
      expect(await work().claims('fraud')).toEqual([]);
    });

    it('lists a category’s open tickets marked overdue, ready or claimed, earliest due first', async () => {
      const ready = await seed({ dueAt: '2024-05-20T02:00:00.000Z' });
      const held = await seed({ dueAt: '2024-05-20T01:00:00.000Z' });
      await seed({ dueAt: '2024-05-19T00:00:00.000Z' }); // past due, not yet marked by the sweeper
      const done = await seed({ dueAt: '2024-05-18T00:00:00.000Z' });
      for (const t of [ready, held, done])
        await work().transition(stored(t, 1), { status: 'ready', overdue: true, updatedAt: 'u' });
      await work().transition(stored(held, 2, true), { status: 'claimed', claimedBy: 'a', updatedAt: 'u' });
      await work().transition(stored(done, 2, true), { status: 'resolved', resolvedAt: 'r', updatedAt: 'r' });
      expect((await work().overdue('incentive')).map((t) => [t.ref, t.status, t.overdue])).toEqual([
        [held.ref, 'claimed', true],
        [ready.ref, 'ready', true],
      ]);
    });

    it('finds a participant’s tickets, open and resolved, by one key, newest first', async () => {
      const key = card('1111222233334444');
      const older = await seed(withCard(key.value, { createdAt: '2024-05-01T00:00:00.000Z' }), [key]);
      const cert = await seed(withCard(key.value, { category: 'certificate', createdAt: '2024-05-02T00:00:00.000Z' }), [
        key,
      ]);
      await seed(withCard('9999888877776666'), [card('9999888877776666')]);
      // Linked under the key, but the ticket does not carry it: not the participant's.
      await seed({ category: 'fraud' }, [key]);
      const resolved = await work().transition(stored(older, 1), {
        status: 'resolved',
        resolvedAt: 'r',
        updatedAt: 'r',
      });
      await work().releaseParticipant(resolved);
      const newer = await seed(withCard(key.value, { createdAt: '2024-05-03T00:00:00.000Z' }), [key]);

      const found = await work().participantTickets(key, 10);
      expect(found.map((t) => [t.ref, t.status])).toEqual([
        [newer.ref, 'ready'],
        [cert.ref, 'ready'],
        [older.ref, 'resolved'],
      ]);
      expect((await work().participantTickets(key, 2)).map((t) => t.ref)).toEqual([newer.ref, cert.ref]);
      expect(await work().participantTickets(email('tak.dikenal@surel.example'), 10)).toEqual([]);
    });

    it('keeps a moved ticket findable under a key whose link the participant’s other ticket holds there', async () => {
      const key = card('1111222233334444');
      const moving = await seed(withCard(key.value), [key]);
      const there = await seed(withCard(key.value, { category: 'certificate' }), [key]);
      const moved = await work().transition(stored(moving, 1), {
        status: 'ready',
        category: 'certificate',
        updatedAt: 'u',
      });
      await work().relinkParticipant(moving, moved);
      expect((await work().participantTickets(key, 10)).map((t) => t.ref).sort()).toEqual(
        [moving.ref, there.ref].sort(),
      );
    });
  });

  describe('canned responses', () => {
    const canned = () => s.adapters.cannedResponses();
    const text = (id: string, title: string, over: Partial<CannedResponse> = {}): CannedResponse => ({
      id,
      title,
      body: `Halo {nama}, tentang tiket {ref}: ${title}.`,
      updatedAt: '2024-05-20T03:00:00.000Z',
      updatedBy: 'rina',
      ...over,
    });
    const byId = (list: CannedResponse[]) => [...list].sort((a, b) => (a.id < b.id ? -1 : 1));

    it('stores new ones once, replaces and deletes only existing ones', async () => {
      expect(await canned().list()).toEqual([]);
      expect(await canned().create(text('a', 'Insentif'))).toBe(true);
      expect(await canned().create(text('b', 'Sertifikat'))).toBe(true);
      expect(await canned().create(text('a', 'lagi'))).toBe(false);
      expect(await canned().update(text('a', 'Insentif diperiksa', { updatedBy: 'sri' }))).toBe(true);
      expect(await canned().update(text('z', 'tidak ada'))).toBe(false);
      expect(byId(await canned().list())).toEqual([
        text('a', 'Insentif diperiksa', { updatedBy: 'sri' }),
        text('b', 'Sertifikat'),
      ]);
      expect(await canned().remove('b')).toBe(true);
      expect(await canned().remove('b')).toBe(false);
      expect(await canned().list()).toEqual([text('a', 'Insentif diperiksa', { updatedBy: 'sri' })]);
    });
  });

  describe('inbound log', () => {
    const rec = (id: string, at: string, outcome: 'automated' | 'parse_failed' = 'automated'): SetAsideRecord => ({
      inboundId: id,
      receivedAt: at,
      outcome,
      rawKey: `s3://mail/inbound/${id}`,
      reason: 'precedence',
      sender: 'ka***@toko-kursus.example',
      flags: ['spf-fail'],
      failures: 0,
      ticketRef: null,
    });

    it('lists mail set aside per outcome, newest first, as recorded', async () => {
      const log = s.adapters.inboundLog();
      await log.record(rec('a', '2024-05-20T01:00:00.000Z'));
      await log.record(rec('b', '2024-05-20T02:00:00.000Z'));
      await log.record(rec('b', '2024-05-20T02:00:00.000Z')); // a redelivery
      await log.record(rec('c', '2024-05-20T03:00:00.000Z', 'parse_failed'));
      expect(await log.list('automated', 10)).toEqual({
        items: [rec('b', '2024-05-20T02:00:00.000Z'), rec('a', '2024-05-20T01:00:00.000Z')],
        cursor: null,
      });
      expect(await log.list('quarantined', 10)).toEqual({ items: [], cursor: null });
      expect(await log.get('c')).toEqual(rec('c', '2024-05-20T03:00:00.000Z', 'parse_failed'));
      expect(await log.get('none')).toBeNull();
    });

    it('pages through a list, each record once, the last page without a cursor', async () => {
      const log = s.adapters.inboundLog();
      for (let i = 0; i < 7; i++) await log.record(rec(`m${i}`, `2024-05-20T0${i}:00:00.000Z`));
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page: Page<SetAsideRecord> = await log.list('automated', 3, cursor);
        seen.push(...page.items.map((r) => r.inboundId));
        cursor = page.cursor;
        pages++;
      } while (cursor);
      expect(seen).toEqual(['m6', 'm5', 'm4', 'm3', 'm2', 'm1', 'm0']);
      expect(pages).toBe(3);
    });

    it('keeps a failure trace that counts failures, goes when triage succeeds, and never replaces a set-aside record', async () => {
      const log = s.adapters.inboundLog();
      const failure = (id: string, reason: string) => ({
        inboundId: id,
        receivedAt: '2024-05-20T01:00:00.000Z',
        rawKey: `s3://mail/inbound/${id}`,
        reason,
        sender: 'pe***@surel.example',
        flags: [],
      });
      await log.recordFailure(failure('f', 'ThrottlingException: slow down'));
      await log.recordFailure(failure('f', 'Error: table unavailable'));
      expect(await log.list('failed', 10)).toEqual({
        items: [{ ...failure('f', 'Error: table unavailable'), outcome: 'failed', failures: 2, ticketRef: null }],
        cursor: null,
      });
      await log.clearFailure('f');
      expect(await log.get('f')).toBeNull();
      await log.record(rec('g', '2024-05-20T01:00:00.000Z'));
      await log.recordFailure(failure('g', 'Error: late'));
      await log.clearFailure('g');
      expect(await log.get('g')).toEqual(rec('g', '2024-05-20T01:00:00.000Z'));
    });

    it('takes a mail triaged again into a ticket off its list, keeping the ticket’s reference', async () => {
      const log = s.adapters.inboundLog();
      await log.record(rec('p', '2024-05-20T01:00:00.000Z'));
      await log.filed('p', 'PRK-00000042');
      expect(await log.list('automated', 10)).toEqual({ items: [], cursor: null });
      expect(await log.get('p')).toMatchObject({ outcome: 'automated', ticketRef: 'PRK-00000042' });
    });

    it('lists filed mail of unverified senders with the ticket it opened', async () => {
      const log = s.adapters.inboundLog();
      const entry = {
        inboundId: 'forged',
        receivedAt: '2024-05-20T01:00:00.000Z',
        outcome: 'unverified' as const,
        rawKey: 's3://mail/inbound/forged',
        reason: 'spf-fail,dkim-fail,dmarc-fail,unverified-sender',
        sender: 'ko***@kotakpos.example',
        flags: ['spf-fail', 'dkim-fail', 'dmarc-fail', 'unverified-sender'],
        failures: 0,
        ticketRef: 'PRK-00000001',
      };
      await log.record(entry);
      expect((await log.list('unverified', 10)).items).toEqual([entry]);
      expect((await log.list('automated', 10)).items).toEqual([]);
    });
  });

  describe('survey store', () => {
    const surveys = () => s.adapters.surveyStore();
    const resolvedWithSurvey = async (dueAt: string, over: Partial<Ticket> = {}) => {
      const d = draft({ status: 'claimed', claimedBy: 'dewi', ...over });
      await file(d, []);
      const t = await work().transition(stored(d.ticket, 1), {
        status: 'resolved',
        claimedBy: null,
        resolvedAt: '2024-05-20T03:00:00.000Z',
        updatedAt: '2024-05-20T03:00:00.000Z',
        survey: { dueAt, resolvedBy: 'dewi' },
      });
      // The survey list carries the ticket itself, not the store's bookkeeping (version, overdue mark, outbox).
      const { version: _version, overdue: _overdue, outbox: _outbox, lastAgentReply: _lastAgentReply, ...ticket } = t;
      return { ticket, first: d.first };
    };
    const survey = (ref: string, over: Partial<Survey> = {}): Survey => ({
      ref,
      surveyId: 'sv-00000001',
      category: 'incentive',
      agent: 'dewi',
      resolvedAt: '2024-05-20T03:00:00.000Z',
      sentAt: '2024-05-20T04:00:00.000Z',
      day: '2024-05-20',
      expiresAt: '2024-06-03T04:00:00.000Z',
      rating: null,
      comment: null,
      ratedAt: null,
      ...over,
    });

    it('lists resolved tickets whose survey is due, earliest first, until they are done', async () => {
      // Prepare
      const later = await resolvedWithSurvey('2024-05-20T04:30:00.000Z');
      const sooner = await resolvedWithSurvey('2024-05-20T04:00:00.000Z');
      const d = draft({ status: 'claimed' });
      await file(d, []);
      await work().transition(stored(d.ticket, 1), { status: 'resolved', resolvedAt: 'r', updatedAt: 'u' });

      // Act / Assess
      expect(await surveys().due('2024-05-20T04:00:00.000Z', 10)).toEqual([]);
      expect(await surveys().due('2024-05-20T05:00:00.000Z', 10)).toEqual([
        {
          ticket: sooner.ticket,
          dueAt: '2024-05-20T04:00:00.000Z',
          resolvedBy: 'dewi',
          lastMessageId: sooner.first.messageId,
        },
        {
          ticket: later.ticket,
          dueAt: '2024-05-20T04:30:00.000Z',
          resolvedBy: 'dewi',
          lastMessageId: later.first.messageId,
        },
      ]);
      expect(await surveys().due('2024-05-20T05:00:00.000Z', 1)).toHaveLength(1);
      await surveys().done(sooner.ticket.ref, 'another-due-time');
      await surveys().done(later.ticket.ref, '2024-05-20T04:30:00.000Z');
      expect((await surveys().due('2024-05-20T05:00:00.000Z', 10)).map((x) => x.ticket.ref)).toEqual([
        sooner.ticket.ref,
      ]);
    });

    it('takes a ticket off the survey list when it changes again (reopened)', async () => {
      const { ticket } = await resolvedWithSurvey('2024-05-20T04:00:00.000Z');
      await tickets().append(ticket.ref, followUp('again', '2024-05-20T03:30:00.000Z'), change({ status: 'ready' }));
      expect(await surveys().due('2024-05-20T05:00:00.000Z', 10)).toEqual([]);
      expect(await work().get(ticket.ref)).toMatchObject({ status: 'ready' });
    });

    it('opens one survey per ticket: a second one finds the first', async () => {
      expect(await surveys().open(survey('PRK-00000001'))).toEqual({ kind: 'created' });
      expect(await surveys().open(survey('PRK-00000001', { surveyId: 'sv-00000002' }))).toEqual({
        kind: 'exists',
        survey: survey('PRK-00000001'),
      });
      expect(await surveys().get('PRK-00000001')).toEqual(survey('PRK-00000001'));
      expect(await surveys().get('PRK-00000002')).toBeNull();
    });

    it('records and changes a rating until the survey expires, answering with the survey as it was', async () => {
      await surveys().open(survey('PRK-00000001'));
      expect(await surveys().rate('PRK-00000001', 'sv-00000001', 4, 'baik', '2024-05-21T00:00:00.000Z')).toEqual(
        survey('PRK-00000001'),
      );
      expect(await surveys().rate('PRK-00000001', 'sv-00000001', 2, null, '2024-05-22T00:00:00.000Z')).toMatchObject({
        rating: 4,
        comment: 'baik',
      });
      expect(await surveys().rate('PRK-00000001', 'sv-00000009', 5, null, '2024-05-22T00:00:00.000Z')).toBeNull();
      expect(await surveys().rate('PRK-00000001', 'sv-00000001', 5, null, '2024-06-03T04:00:00.000Z')).toBeNull();
      expect(await surveys().rate('PRK-00000002', 'sv-00000001', 5, null, '2024-05-22T00:00:00.000Z')).toBeNull();
      expect(await surveys().get('PRK-00000001')).toMatchObject({
        rating: 2,
        comment: null,
        ratedAt: '2024-05-22T00:00:00.000Z',
      });
    });

    it('counts per day, category and agent, and reads the counters of a period across months', async () => {
      const of = (day: string, category: Survey['category'], agent: string) => ({ day, category, agent });
      await surveys().count(of('2024-05-31', 'incentive', 'dewi'), { sent: 1 });
      await surveys().count(of('2024-05-31', 'incentive', 'dewi'), { answered: 1, ratings: { 4: 1 } });
      await surveys().count(of('2024-05-31', 'incentive', 'dewi'), { ratings: { 4: -1, 5: 1 } });
      await surveys().count(of('2024-06-01', 'fraud', 'oki'), { sent: 1 });
      await surveys().count(of('2024-06-02', 'fraud', 'oki'), { sent: 1 });
      const sorted = (cs: CsatCounter[]) => [...cs].sort((a, b) => (`${a.day}${a.key}` < `${b.day}${b.key}` ? -1 : 1));
      const zero = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 };
      expect(sorted(await surveys().counters('2024-05-31', '2024-06-01'))).toEqual([
        { day: '2024-05-31', dimension: 'agent', key: 'dewi', sent: 1, answered: 1, ratings: { ...zero, 5: 1 } },
        {
          day: '2024-05-31',
          dimension: 'category',
          key: 'incentive',
          sent: 1,
          answered: 1,
          ratings: { ...zero, 5: 1 },
        },
        { day: '2024-06-01', dimension: 'category', key: 'fraud', sent: 1, answered: 0, ratings: zero },
        { day: '2024-06-01', dimension: 'agent', key: 'oki', sent: 1, answered: 0, ratings: zero },
      ]);
    });
  });

  describe('ticket retention', () => {
    const retention = () => s.adapters.ticketRetention();
    const key = card('4444333322221111');
    /** A ticket of the participant's with a follow-up, a note, an audit line, a reply record and a survey, then resolved at `at`. */
    const endedTicket = async (at: string) => {
      const d = draft({
        status: 'claimed',
        claimedBy: 'dewi',
        fields: { ...draft().ticket.fields, cardNumber: key.value },
      });
      await file(d, [key]);
      await tickets().append(d.ticket.ref, followUp(`f-${d.ticket.ref}`, '2024-05-20T03:00:00.000Z'), change());
      await work().addNote(d.ticket.ref, { id: 'n1', author: 'dewi', text: 'catatan', at: '2024-05-20T03:10:00.000Z' });
      await work().audit(d.ticket.ref, {
        id: 'dewi:note',
        at: '2024-05-20T03:10:00.000Z',
        agent: 'dewi',
        action: 'note',
        detail: null,
      });
      await s.adapters.replyLog().skipped(job({ ticketRef: d.ticket.ref }), 'rate-limited', '2024-05-20T03:20:00.000Z');
      const current = (await tickets().get(d.ticket.ref)) as StoredTicket;
      const resolved = await work().transition(current, {
        status: 'resolved',
        claimedBy: null,
        resolvedAt: at,
        updatedAt: at,
      });
      await work().releaseParticipant(resolved);
      await s.adapters.surveyStore().open({
        ref: d.ticket.ref,
        surveyId: 'sv-00000009',
        category: 'incentive',
        agent: 'dewi',
        resolvedAt: at,
        sentAt: at,
        day: at.slice(0, 10),
        expiresAt: '2024-06-30T00:00:00.000Z',
        rating: null,
        comment: null,
        ratedAt: null,
      });
      return resolved;
    };

    it('lists a ticket by when it ended, and not one still open', async () => {
      const ended = await endedTicket('2024-05-21T00:00:00.000Z');
      const open = draft();
      await file(open, []);
      expect(await retention().endedBefore('2024-05-21T00:00:00.000Z', 10)).toEqual([]);
      expect(await retention().endedBefore('2024-05-22T00:00:00.000Z', 10)).toEqual([
        { ref: ended.ref, endedAt: '2024-05-21T00:00:00.000Z' },
      ]);
    });

    it('deletes an ended ticket past the cutoff with all kept with it, and takes it off the list', async () => {
      // Prepare
      const ended = await endedTicket('2024-05-21T00:00:00.000Z');
      const other = draft();
      await file(other, []);
      await tickets().relate(other.ticket.ref, ended.ref, 'same card number', '2024-05-20T03:00:00.000Z');
      // Links still naming it (releases that failed), in its category and in another; the key's
      // link to another ticket stays.
      await s.orphanLink(key, 'incentive', ended, '2024-05-20T03:00:00.000Z');
      await s.orphanLink(key, 'certificate', ended, '2024-05-20T03:00:00.000Z');
      const kept = draft({ category: 'training', fields: { ...draft().ticket.fields, cardNumber: key.value } });
      await file(kept, [key]);
      const [entry] = await retention().endedBefore('2024-05-22T00:00:00.000Z', 10);
      expect(await s.keptAbout(ended.ref)).toBeGreaterThan(7);

      // Act
      expect(await retention().purge(entry as RetentionEntry, '2024-05-22T00:00:00.000Z')).toBe(true);

      // Assess
      expect(await s.keptAbout(ended.ref)).toBe(0);
      expect(await work().detail(ended.ref)).toBeNull();
      expect(await s.adapters.surveyStore().get(ended.ref)).toBeNull();
      expect((await work().participantTickets(key, 10)).map((t) => t.ref)).toEqual([kept.ticket.ref]);
      expect((await work().detail(other.ticket.ref))?.related).toEqual([]);
      expect(await retention().endedBefore('2024-05-22T00:00:00.000Z', 10)).toEqual([]);
    });

    it('keeps a ticket reopened since it ended, and lists it again by its later ending', async () => {
      // Prepare
      const ended = await endedTicket('2024-05-21T00:00:00.000Z');
      await tickets().append(ended.ref, followUp('back', '2024-05-22T00:00:00.000Z'), change({ status: 'ready' }));
      const [first] = await retention().endedBefore('2024-06-01T00:00:00.000Z', 10);

      // Act / Assess: reopened, it is kept and the old entry goes
      expect(await retention().purge(first as RetentionEntry, '2024-06-01T00:00:00.000Z')).toBe(false);
      expect(await work().get(ended.ref)).toMatchObject({ status: 'ready' });
      expect(await retention().endedBefore('2024-06-01T00:00:00.000Z', 10)).toEqual([]);

      // Ended again later: kept until the period runs from that ending
      const again = (await tickets().get(ended.ref)) as StoredTicket;
      await work().transition(again, { status: 'closed', updatedAt: '2024-05-25T00:00:00.000Z' });
      const [second] = await retention().endedBefore('2024-06-01T00:00:00.000Z', 10);
      expect(second).toEqual({ ref: ended.ref, endedAt: '2024-05-25T00:00:00.000Z' });
      expect(await retention().purge(second as RetentionEntry, '2024-05-24T00:00:00.000Z')).toBe(false);
      expect(await work().get(ended.ref)).toMatchObject({ status: 'closed' });
    });
  });

  describe('reply log', () => {
    const A_MINUTE_AGO = '2024-05-20T01:59:00.000Z';

    it('lets a job be taken once, and again only after it failed', async () => {
      const log = s.adapters.replyLog();
      const j = job();
      expect(await log.take(j, '2024-05-20T02:00:00.000Z', A_MINUTE_AGO)).toEqual({ kind: 'taken' });
      expect(await log.take(j, '2024-05-20T02:00:01.000Z', A_MINUTE_AGO)).toEqual({ kind: 'in-flight' });
      await log.failed(j, 'Throttling', 'c');
      expect(await log.take(j, '2024-05-20T02:00:02.000Z', A_MINUTE_AGO)).toEqual({ kind: 'taken' });
      await log.sent(j, { subject: 's', messageId: '<m>', providerId: 'p-1', sentAt: 'e' });
      expect(await log.take(j, '2024-05-20T02:00:03.000Z', A_MINUTE_AGO)).toEqual({ kind: 'done', status: 'sent' });
      const skipped = job();
      await log.skipped(skipped, 'automated-recipient', 'g');
      expect(await log.take(skipped, 'h', A_MINUTE_AGO)).toEqual({ kind: 'done', status: 'skipped' });
    });

    it('takes over a job its sender abandoned mid-send, unless SES’s Send event says it went out', async () => {
      const log = s.adapters.replyLog();
      const abandoned = job();
      expect(await log.take(abandoned, '2024-05-20T01:50:00.000Z', '2024-05-20T01:49:00.000Z')).toEqual({
        kind: 'taken',
      });
      expect(await log.take(abandoned, '2024-05-20T02:00:00.000Z', A_MINUTE_AGO)).toEqual({ kind: 'taken' });
      expect(await log.take(abandoned, '2024-05-20T02:00:01.000Z', A_MINUTE_AGO)).toEqual({ kind: 'in-flight' });
      const witnessed = job();
      await log.take(witnessed, '2024-05-20T01:50:00.000Z', '2024-05-20T01:49:00.000Z');
      expect(await log.accepted(witnessed.ticketRef, witnessed.jobId, 'ses-9', '2024-05-20T01:50:01.000Z')).toBe(true);
      expect(await log.take(witnessed, '2024-05-20T02:00:00.000Z', A_MINUTE_AGO)).toEqual({
        kind: 'done',
        status: 'sent',
      });
      // Refused for good before? SES's word wins over the failure the mailer wrote.
      const refused = job();
      await log.take(refused, '2024-05-20T01:50:00.000Z', A_MINUTE_AGO);
      await log.accepted(refused.ticketRef, refused.jobId, 'ses-10', '2024-05-20T01:50:01.000Z');
      await log.failed(refused, 'TimeoutError', 'x');
      expect(await log.take(refused, '2024-05-20T02:00:00.000Z', A_MINUTE_AGO)).toEqual({
        kind: 'done',
        status: 'sent',
      });
      expect(await log.accepted('PRK-00000001', 'no-such-job', 'ses-11', 'x')).toBe(false);
    });

    it('records a sent reply on its ticket for the agents, from the mailer or from SES’s Send event', async () => {
      const t = draft();
      await file(t, []);
      const j = job({ ticketRef: t.ticket.ref });
      await s.adapters.replyLog().take(j, '2024-05-20T01:00:00.000Z', A_MINUTE_AGO);
      await s.adapters
        .replyLog()
        .sent(j, { subject: 's', messageId: '<m>', providerId: 'p-1', sentAt: '2024-05-20T01:00:01.000Z' });
      const witnessedOnly = job({ ticketRef: t.ticket.ref });
      await s.adapters.replyLog().take(witnessedOnly, '2024-05-20T01:00:02.000Z', A_MINUTE_AGO);
      await s.adapters.replyLog().accepted(t.ticket.ref, witnessedOnly.jobId, 'p-2', '2024-05-20T01:00:03.000Z');
      expect((await work().detail(t.ticket.ref))?.replies).toEqual([
        {
          jobId: j.jobId,
          ticketRef: t.ticket.ref,
          kind: 'acknowledge',
          to: j.to,
          status: 'sent',
          at: '2024-05-20T01:00:00.000Z',
          subject: 's',
          messageId: '<m>',
          providerId: 'p-1',
          sentAt: '2024-05-20T01:00:01.000Z',
          reason: null,
        },
        expect.objectContaining({
          jobId: witnessedOnly.jobId,
          status: 'sent',
          providerId: 'p-2',
          sentAt: '2024-05-20T01:00:03.000Z',
        }),
      ]);
    });

    it('counts each job once per address and day, up to the limit, and takes refunds', async () => {
      const log = s.adapters.replyLog();
      const take = (jobId: string) => log.tryConsume('Peserta@Surel.example', '2024-05-20', jobId, 2, 0);
      expect([await take('j1'), await take('j1'), await take('j2'), await take('j3')]).toEqual([
        'counted',
        'counted',
        'counted',
        'limited',
      ]);
      expect(await log.tryConsume('peserta@surel.example', '2024-05-21', 'j3', 2, 0)).toBe('counted');
      await log.refund('peserta@surel.example', '2024-05-20', 'j1');
      await log.refund('peserta@surel.example', '2024-05-20', 'j1'); // twice: one count back only
      expect([await take('j3'), await take('j4')]).toEqual(['counted', 'limited']);
      await log.refund('nobody@surel.example', '2024-05-20', 'jx');
      expect(await log.tryConsume('nobody@surel.example', '2024-05-20', 'jy', 1, 0)).toBe('counted');
    });

    it('counts nothing for a suppressed address and says why, whether or not it was counted before', async () => {
      // Prepare: one address counted once, then suppressed; another suppressed before any count
      const log = s.adapters.replyLog();
      const list = s.adapters.suppressionList();
      expect(await log.tryConsume('Wulan.K@surel.example', '2024-05-20', 'w1', 3, 0)).toBe('counted');
      await list.suppress('wulan.k@surel.example', 'complaint', '2024-05-20T04:00:00.000Z');
      await list.suppress('tegar.p@surel.example', 'hard-bounce', '2024-05-20T04:00:00.000Z');
      // Act
      const outcomes = [
        await log.tryConsume('wulan.k@surel.example', '2024-05-20', 'w1', 3, 0),
        await log.tryConsume('wulan.k@surel.example', '2024-05-20', 'w2', 3, 0),
        await log.tryConsume('wulan.k@surel.example', '2024-05-21', 'w3', 3, 0),
        await log.tryConsume('Tegar.P@surel.example', '2024-05-20', 't1', 3, 0),
      ];
      // Assess: the list wins over the count; the first reason stays; other addresses are counted
      expect(outcomes).toEqual([
        { suppressed: 'complaint' },
        { suppressed: 'complaint' },
        { suppressed: 'complaint' },
        { suppressed: 'hard-bounce' },
      ]);
      expect(await list.reasonFor('WULAN.K@surel.example')).toBe('complaint');
      expect(await log.tryConsume('wulan.l@surel.example', '2024-05-20', 'w1', 3, 0)).toBe('counted');
    });
  });

  describe('dead letters', () => {
    it('dead-letters a message with why, lists it, and moves it back to its work queue', async () => {
      const dead = s.adapters.deadLetters();
      await dead.put(
        'inbound',
        '{"not":"a notification"}',
        'InvalidRecord: not an SES receipt notification',
        '2024-05-20T01:00:00.000Z',
      );
      await dead.put('inbound', '{"second":true}', 'MailMissing: gone', '2024-05-20T01:05:00.000Z');
      const listed = await dead.list('inbound', 10);
      expect(listed.total).toBe(2);
      expect(listed.items.map((d) => [d.queue, d.body, d.reason, d.deadSince]).sort()).toEqual([
        [
          'inbound',
          '{"not":"a notification"}',
          'InvalidRecord: not an SES receipt notification',
          '2024-05-20T01:00:00.000Z',
        ],
        ['inbound', '{"second":true}', 'MailMissing: gone', '2024-05-20T01:05:00.000Z'],
      ]);
      expect((await dead.list('inbound', 10)).items).toHaveLength(2); // listing takes nothing away
      expect(await dead.list('outbound', 10)).toEqual({ items: [], total: 0 });
      const first = listed.items.find((d) => d.body === '{"second":true}');
      expect(await dead.redrive('inbound', [first?.id ?? ''])).toBe(1);
      expect((await dead.list('inbound', 10)).items.map((d) => d.body)).toEqual(['{"not":"a notification"}']);
      expect(await s.workQueue('inbound')).toEqual(['{"second":true}']);
      expect(await dead.redrive('inbound')).toBe(1);
      expect(await dead.list('inbound', 10)).toEqual({ items: [], total: 0 });
    });
  });

  describe('suppression list', () => {
    it('knows a suppressed address in any case, keeping its first reason', async () => {
      const list = s.adapters.suppressionList();
      await list.suppress('bagas.w@surel.example', 'hard-bounce', '2024-05-20T03:00:00.000Z');
      await list.suppress('Bagas.W@surel.example', 'complaint', '2024-05-21T03:00:00.000Z');
      expect(await list.reasonFor('BAGAS.W@surel.example')).toBe('hard-bounce');
      expect(await list.reasonFor('bagas.x@surel.example')).toBeNull();
    });
  });

  describe('request quota', () => {
    it('counts a client’s requests per window up to the limit, each client and window apart', async () => {
      const quota = s.adapters.requestQuota();
      const take = (client: string, window: string) => quota.tryConsume(client, window, 2, 0);
      expect([
        await take('198.51.100.9', 'm1'),
        await take('198.51.100.9', 'm1'),
        await take('198.51.100.9', 'm1'),
      ]).toEqual([true, true, false]);
      expect(await take('203.0.113.7', 'm1')).toBe(true);
      expect(await take('198.51.100.9', 'm2')).toBe(true);
    });
  });

  describe('key ring', () => {
    it('gives each purpose its own key, the same on every call', async () => {
      const keys = s.adapters.keyRing();
      const nik = await keys.key('nik');
      expect(nik.length).toBeGreaterThanOrEqual(32);
      expect(await keys.key('nik')).toEqual(nik);
      expect(Buffer.from(await keys.key('survey')).equals(Buffer.from(nik))).toBe(false);
    });
  });

  describe('mail store, reply queue and mailer', () => {
    it('returns the raw mail SES stored, and says so when it is not there (MailMissing: retrying cannot help)', async () => {
      await s.putRaw(s.bucket, 'inbound/abc', new Uint8Array([1, 2, 3]));
      const read = await s.adapters.mailStore().getRaw(s.bucket, 'inbound/abc');
      expect({ bytes: [...read.bytes], size: read.size }).toEqual({ bytes: [1, 2, 3], size: 3 });
      await expect(s.adapters.mailStore().getRaw(s.bucket, 'inbound/none')).rejects.toBeInstanceOf(MailMissing);
    });

    it('reads at most the bytes asked for from the start of a raw mail, and gives its whole size', async () => {
      await s.putRaw(s.bucket, 'inbound/long', new Uint8Array([1, 2, 3, 4, 5]));
      await s.putRaw(s.bucket, 'inbound/empty', new Uint8Array(0));
      const store = s.adapters.mailStore();
      const [cut, whole, empty] = await Promise.all([
        store.getRaw(s.bucket, 'inbound/long', 2),
        store.getRaw(s.bucket, 'inbound/long', 10),
        store.getRaw(s.bucket, 'inbound/empty', 2),
      ]);
      expect([cut, whole, empty].map((r) => ({ bytes: [...r.bytes], size: r.size }))).toEqual([
        { bytes: [1, 2], size: 5 },
        { bytes: [1, 2, 3, 4, 5], size: 5 },
        { bytes: [], size: 0 },
      ]);
    });

    it('queues every job of a batch larger than one request takes', async () => {
      const jobs = Array.from({ length: 12 }, () => job({ body: 'Ñoño ✉️' }));
      expect(await s.adapters.replyQueue().enqueue(jobs)).toEqual([]);
      expect((await s.queued()).map((j) => j.jobId).sort()).toEqual(jobs.map((j) => j.jobId).sort());
    });

    it('sends mail and returns the provider’s id', async () => {
      const id = await s.adapters.mailer().send(
        {
          from: 'pengaduan@prakerja.example.id',
          to: 'peserta@surel.example',
          subject: '[PRK-00000001] uji',
          text: 'halo',
          html: '<p>halo</p>',
          messageId: '<PRK-00000001.acknowledge.abc@prakerja.example.id>',
          headers: {},
        },
        { ticket: 'PRK-00000001', kind: 'acknowledge', job: 'am9iLTE' },
      );
      expect(id).toEqual(expect.any(String));
      expect(id).not.toBe('');
      expect(await s.sent()).toEqual([{ to: 'peserta@surel.example', subject: '[PRK-00000001] uji' }]);
    });
  });

  describe('surge store', () => surgeStoreCases(() => s));
});
