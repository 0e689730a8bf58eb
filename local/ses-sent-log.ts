/**
 * With `npm start -- --data DIR`, the mail the local SES sent survives restarts: aws-ses-v2-local
 * keeps what it sends in memory only, so each mail is also appended to a file, and a restart loads
 * them back into its store (the viewer and `/store` then show the replies of earlier runs too).
 * aws-ses-v2-local has no hook for this; its handlers call `saveEmail` through the store module's
 * exports, so wrapping that export sees every sent mail.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

type Email = { at: number };
interface StoreModule {
  saveEmail: (email: Email) => void;
  getStoreReadonly: () => { emails: Email[] };
}

let kept: string | undefined;

export function keepSentMail(file: string): void {
  if (kept === file) return;
  if (kept !== undefined) throw new Error(`the SES sent-mail log is already ${kept}`);
  kept = file;
  const store = createRequire(import.meta.url)('aws-ses-v2-local/dist/store.js') as StoreModule;
  mkdirSync(dirname(file), { recursive: true });
  if (existsSync(file)) {
    const emails = store.getStoreReadonly().emails;
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (!line) continue;
      try {
        emails.push(JSON.parse(line) as Email);
      } catch {
        // a line cut short by a crash
      }
    }
  }
  const save = store.saveEmail;
  store.saveEmail = (email) => {
    appendFileSync(file, `${JSON.stringify(email)}\n`);
    save(email);
  };
}
