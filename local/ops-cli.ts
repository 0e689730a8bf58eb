/**
 * `npm run ops`: the supervisors' operations from a terminal, over the agent API (the same routes
 * the console uses), so it works against `npm start` and a deployed stack alike: list mail triage
 * did not file (every page, or one), triage one again (as a person's with --person), list the
 * dead letters of both work queues, and move them back to work.
 *
 * Output is one JSON object per line (a record, a dead letter, a result), for `jq` and scripts;
 * errors go to stderr with the API's message, and the exit code is not 0.
 */
import { parseArgs } from 'node:util';
import { signAgentToken } from './jwt.ts';

export const OPS_USAGE = `usage: npm run --silent ops -- <command> [options]
  list <automated|quarantined|parse_failed|failed> [--limit N] [--cursor C] [--all]
  retriage <inboundId> [--person]
  dead-letters [--queue inbound|outbound] [--limit N]
  redrive --queue inbound|outbound [--ids id1,id2]
options: --api URL (OPS_API_URL; default npm start's, http://127.0.0.1:$API_PORT or :3000)
         --token JWT (OPS_TOKEN; a supervisor's token. Left out against 127.0.0.1, a local
         supervisor token is signed, as npm run token does)`;

export interface OpsIo {
  fetch: typeof fetch;
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  err: (line: string) => void;
}

class UsageError extends Error {}

/** Runs one ops command; returns the exit code. */
export async function runOps(argv: readonly string[], io: OpsIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (err) {
    io.err(`${(err as Error).message}\n${OPS_USAGE}`);
    return 2;
  }
  const { command, args, values } = parsed;
  const local = `http://127.0.0.1:${io.env.API_PORT || 3000}`; // npm start's API, on the port it was given
  const api = (values.api ?? io.env.OPS_API_URL ?? local).replace(/\/+$/, '');
  const token = values.token ?? io.env.OPS_TOKEN ?? (isLocal(api) ? await localSupervisorToken() : undefined);
  if (!token) {
    io.err('a supervisor token is needed against a deployed API: --token or OPS_TOKEN');
    return 2;
  }
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const r = await io.fetch(`${api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    const json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    if (!r.ok) throw new ApiError(r.status, String(json.message ?? json.error ?? r.statusText));
    return json;
  };
  const limit = values.limit ? `limit=${encodeURIComponent(values.limit)}` : '';

  try {
    switch (command) {
      case 'list': {
        const outcome = need(args[0], 'list needs an outcome');
        let cursor: string | null = values.cursor ?? null;
        do {
          const q = [limit, cursor ? `cursor=${encodeURIComponent(cursor)}` : ''].filter(Boolean).join('&');
          const page = await call('GET', `/ops/${encodeURIComponent(outcome)}${q ? `?${q}` : ''}`);
          for (const item of page.items as unknown[]) io.out(JSON.stringify(item));
          cursor = (page.cursor as string | null) ?? null;
          if (!values.all && cursor) io.err(`more: --cursor ${cursor}`);
        } while (values.all && cursor);
        return 0;
      }
      case 'retriage': {
        const id = need(args[0], 'retriage needs an inbound id');
        io.out(
          JSON.stringify(await call('POST', `/ops/${encodeURIComponent(id)}/retriage`, { person: values.person })),
        );
        return 0;
      }
      case 'dead-letters': {
        const q = [values.queue ? `queue=${encodeURIComponent(values.queue)}` : '', limit].filter(Boolean).join('&');
        const r = await call('GET', `/ops/dead-letters${q ? `?${q}` : ''}`);
        for (const item of r.items as unknown[]) io.out(JSON.stringify(item));
        io.err(`dead letters: ${(r.items as unknown[]).length} shown, about ${r.total} in all`);
        return 0;
      }
      case 'redrive': {
        const queue = need(values.queue, 'redrive needs --queue inbound|outbound');
        const ids = values.ids
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        io.out(JSON.stringify(await call('POST', '/ops/dead-letters/redrive', { queue, ids })));
        return 0;
      }
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`${err.message}\n${OPS_USAGE}`);
      return 2;
    }
    if (err instanceof ApiError) {
      io.err(`${err.status}: ${err.message}`);
      return 1;
    }
    io.err(`could not reach ${api}: ${(err as Error).message}`);
    return 1;
  }
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function parse(argv: readonly string[]) {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      api: { type: 'string' },
      token: { type: 'string' },
      limit: { type: 'string' },
      cursor: { type: 'string' },
      all: { type: 'boolean', default: false },
      person: { type: 'boolean', default: false },
      queue: { type: 'string' },
      ids: { type: 'string' },
    },
  });
  const [command, ...args] = positionals;
  if (!command) throw new UsageError('no command');
  return { command, args, values };
}

function need(v: string | undefined, message: string): string {
  if (!v) throw new UsageError(message);
  return v;
}

function isLocal(api: string): boolean {
  const host = new URL(api).hostname;
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
}

/** The local stack accepts tokens signed with its development key (local/jwt.ts). */
function localSupervisorToken(): Promise<string> {
  return signAgentToken({ agent: 'ops-cli', queues: [], supervisor: true, ttlSeconds: 600 });
}
