/**
 * The fault-injection harness (issue 12; docs/faults.md). A fixture day of 219 mails (new
 * complaints, resends of the same complaint, automated mail, follow-ups quoting a ticket) and
 * agents claiming and resolving, then two later days when the sweeper reminds and closes the
 * tickets still waiting for their participant, run on the memory adapters through the Lambdas' builders and
 * handlers as the platform runs them (test/support/fault-day.ts), once without faults, then once
 * per fault point: "the k-th port call fails" (an AWS error, nothing written) or "the process
 * dies after the k-th call" (the call is made, the rest of the invocation is lost). Each run's
 * final state is compared with the fault-free day's.
 *
 * Every k of a day is some 8,900 calls × 2 kinds, each run a day: too slow for `npm test`. So:
 *  - a fault point is run from the fault-free world at the start of the 15-second tick that holds
 *    the call (no replay of the day before it), and the day is finished from there; when the state
 *    at the end of a 10-minute phase equals the fault-free one's (records, tickets, sends, reply
 *    records, open links, queues), the rest of the day is the fault-free day's (same state, same
 *    inputs) and is not run again;
 *  - calls reached the same way (the same flow, and the same port calls before it in the same
 *    invocation: the "signature") are the same fault point on other data; the last two calls of
 *    each signature, for each kind, are run. That covers every way the day's code reaches an AWS
 *    call, twice, not every call.
 */
import { chosenPoints, type FaultResult, faultFreeDay, fixtureDay, runPoints } from '../support/fault-day.ts';

const PER_SIGNATURE = 2;

test('a fixture day loses no mail, opens no duplicate ticket and loses no agent reply, whichever AWS call fails or is the last before the process dies', async () => {
  // Prepare
  const day = await fixtureDay();
  const free = await faultFreeDay(day);
  const points = chosenPoints(free, PER_SIGNATURE);

  // Act
  const results: FaultResult[] = [];
  await runPoints(day, free, points, (r) => results.push(r));

  // Assess
  const sum = (f: (r: FaultResult) => number) => results.reduce((n, r) => n + f(r), 0);
  const lost = sum((r) => r.lostMails.length);
  const duplicateTickets = sum((r) => r.duplicateTickets);
  const duplicateReplies = sum((r) => r.duplicateReplies.length);
  const lostAgentReplies = sum((r) => r.lostAgentReplies.length);
  process.stdout.write(
    `faults: points ${results.length}, lost mails ${lost}, duplicate tickets ${duplicateTickets}, duplicate replies ${duplicateReplies}, lost agent replies ${lostAgentReplies}\n`,
  );
  const failing = results
    .filter(
      (r) =>
        r.lostMails.length + r.duplicateTickets + r.duplicateReplies.length + r.lostAgentReplies.length > 0 ||
        r.changedTickets.length > 0 ||
        r.deadLetters > 0,
    )
    .map((r) => ({ ...r.point, lost: r.lostMails, replies: r.duplicateReplies, agent: r.lostAgentReplies }));
  // The fault-free day filed or set aside every mail, and agents answered.
  expect(free.final.recorded.size).toBe(219);
  expect(free.final.agentReplies.size).toBeGreaterThan(100);
  // ...and, days later, the sweeper reminded the participants it was waiting for, then closed their tickets.
  const sentKinds = [...free.final.kinds.values()];
  expect(sentKinds.filter((k) => k === 'waiting_reminder').length).toBeGreaterThan(5);
  expect(sentKinds.filter((k) => k === 'closed_unanswered').length).toBeGreaterThan(5);
  expect(results.length).toBeGreaterThanOrEqual(500);
  // No single fault loses a mail or an agent's reply, duplicates a ticket or a reply (that takes
  // two: see docs/faults.md), changes a ticket or leaves a dead letter.
  expect(failing).toEqual([]);
}, 600_000);

test("a reply is sent twice only when two faults meet: the mailer dies after SES accepted it, and SES's Send event is lost", async () => {
  // Prepare
  const day = await fixtureDay(2, 10, 1);
  const free = await faultFreeDay(day);
  const afterSend = chosenPoints(free, 1).filter(
    (p) =>
      p.kind === 'die' &&
      // An automatic reply's path: taken, counted for the day (which also refuses a suppressed address), sent.
      p.signature === 'mailer|replyLog.take,replyLog.tryConsume,mailer.send',
  );
  expect(afterSend).toHaveLength(1);

  // Act
  const once: FaultResult[] = [];
  await runPoints(day, free, afterSend, (r) => once.push(r));
  const twice: FaultResult[] = [];
  await runPoints(day, free, afterSend, (r) => twice.push(r), { sendEventsLost: true });

  // Assess
  expect(once.map((r) => r.duplicateReplies)).toEqual([[]]);
  expect(twice.map((r) => r.duplicateReplies.length)).toEqual([1]);
  expect(twice.map((r) => [r.lostMails, r.lostAgentReplies])).toEqual([[[], []]]);
});
