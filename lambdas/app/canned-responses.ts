/**
 * Canned responses: reply texts every agent reads (the console inserts them with `/`), which
 * only supervisors write. Placeholders such as `{nama}` or `{ref}` are kept as written: the
 * console fills them from the ticket it is on.
 */
import type { CannedResponse, CannedResponses } from '#ports';
import type { Agent } from './agent-api.ts';
import { AppError } from './errors.ts';

export interface CannedResponsesDeps {
  canned: CannedResponses;
  /** A new, unique id for a canned response. */
  newId: () => string;
  now: () => Date;
}

export interface CannedText {
  title: string;
  body: string;
}

export class CannedResponsesApi {
  constructor(private readonly d: CannedResponsesDeps) {}

  private onlySupervisors(agent: Agent): void {
    if (!agent.supervisor) throw new AppError('Forbidden', 'only supervisors change canned responses');
  }

  private version(agent: Agent, id: string, text: CannedText): CannedResponse {
    return { id, title: text.title, body: text.body, updatedAt: this.d.now().toISOString(), updatedBy: agent.id };
  }

  /** Every agent's list, by title. */
  async list(_agent: Agent): Promise<CannedResponse[]> {
    return (await this.d.canned.list()).sort(
      (a, b) => a.title.localeCompare(b.title, 'id') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  }

  async create(agent: Agent, text: CannedText): Promise<CannedResponse> {
    this.onlySupervisors(agent);
    const c = this.version(agent, this.d.newId(), text);
    if (!(await this.d.canned.create(c))) throw new AppError('Conflict', 'a canned response with that id exists');
    return c;
  }

  async update(agent: Agent, id: string, text: CannedText): Promise<CannedResponse> {
    this.onlySupervisors(agent);
    const c = this.version(agent, id, text);
    if (!(await this.d.canned.update(c))) throw new AppError('NotFound', `no canned response ${id}`);
    return c;
  }

  async remove(agent: Agent, id: string): Promise<void> {
    this.onlySupervisors(agent);
    if (!(await this.d.canned.remove(id))) throw new AppError('NotFound', `no canned response ${id}`);
  }
}
