/** What every page of the signed-in console shares. */
import { createContext, useContext } from 'react';
import type { Api, CannedResponse, Me, Ticket } from './api.ts';

export interface ConsoleContext {
  api: Api;
  me: Me;
  /** Says something in the polite live region (and on screen) for a few seconds. */
  notify(text: string): void;
  /** Play mode: claims the most urgent ticket and opens it; says so when there is none. */
  getNext(): Promise<void>;
  nextBusy: boolean;
  /** A ticket just claimed: the workspace shows its header before the details arrive. */
  claimed: Ticket | null;
  /** The canned responses (null while loading); `cannedError` when they could not be loaded. */
  canned: readonly CannedResponse[] | null;
  cannedError: string | null;
  reloadCanned(): void;
  openHelp(): void;
}

export const Console = createContext<ConsoleContext | null>(null);

export function useConsole(): ConsoleContext {
  const c = useContext(Console);
  if (!c) throw new Error('useConsole outside the signed-in console');
  return c;
}
