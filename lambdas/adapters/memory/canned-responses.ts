/** Canned responses in memory, on the shared MemoryState (see state.ts). */
import type { CannedResponse, CannedResponses } from '#ports';
import type { MemoryState } from './state.ts';

export class MemoryCannedResponses implements CannedResponses {
  constructor(private readonly db: MemoryState) {}

  async list(): Promise<CannedResponse[]> {
    return [...this.db.canned.values()].map((c) => ({ ...c }));
  }

  async create(c: CannedResponse): Promise<boolean> {
    if (this.db.canned.has(c.id)) return false;
    this.db.canned.set(c.id, { ...c });
    return true;
  }

  async update(c: CannedResponse): Promise<boolean> {
    if (!this.db.canned.has(c.id)) return false;
    this.db.canned.set(c.id, { ...c });
    return true;
  }

  async remove(id: string): Promise<boolean> {
    return this.db.canned.delete(id);
  }
}
