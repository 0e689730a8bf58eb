#!/usr/bin/env -S npx tsx
/**
 * token --agent NAME --queues incentive,certificate [--supervisor] [--hours 12]
 * Prints a local agent token for trying the agent API of `npm start` (curl -H "Authorization: Bearer ...").
 */
import { parseArgs } from 'node:util';
import { CATEGORIES, type Category } from '#core/types.ts';
import { signAgentToken } from '#local/jwt.ts';

const { values } = parseArgs({
  options: {
    agent: { type: 'string' },
    queues: { type: 'string', default: '' },
    supervisor: { type: 'boolean', default: false },
    hours: { type: 'string', default: '12' },
  },
});
const queues = (values.queues ?? '')
  .split(',')
  .map((q) => q.trim())
  .filter(Boolean);
const unknown = queues.filter((q) => !(CATEGORIES as readonly string[]).includes(q));
if (!values.agent || unknown.length || (queues.length === 0 && !values.supervisor)) {
  process.stderr.write(
    `usage: npm run --silent token -- --agent NAME --queues ${CATEGORIES.slice(0, 2).join(',')} [--supervisor] [--hours 12]\n` +
      (unknown.length ? `unknown queue(s): ${unknown.join(', ')}; one of ${CATEGORIES.join(', ')}\n` : ''),
  );
  process.exit(2);
}
process.stdout.write(
  `${await signAgentToken({ agent: values.agent, queues: queues as Category[], supervisor: values.supervisor, ttlSeconds: Number(values.hours) * 3600 })}\n`,
);
