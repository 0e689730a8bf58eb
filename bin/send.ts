#!/usr/bin/env -S npx tsx
/**
 * send FILE_OR_DIR...: sends .eml files over SMTP to the local receiver (npm start), unchanged,
 * in name order. SMTP_PORT (2525) and TO (the complaint address) can be overridden.
 */
import { readFile } from 'node:fs/promises';
import PostalMime from 'postal-mime';
import { localSmtpClient } from '#local/smtp-client.ts';
import { COMPLAINT_ADDRESS, DEFAULT_PORTS } from '#local/stack.ts';
import { expandInputs } from '#local/triage-files.ts';

const inputs = process.argv.slice(2);
if (inputs.length === 0) {
  process.stderr.write('usage: npm run send -- FILE_OR_DIR...\n');
  process.exit(2);
}
const port = Number(process.env.SMTP_PORT ?? DEFAULT_PORTS.smtp);
const to = process.env.TO ?? COMPLAINT_ADDRESS;
const transport = localSmtpClient(port);

let sent = 0;
let failed = 0;
for (const file of await expandInputs(inputs)) {
  try {
    const raw = await readFile(file);
    const from = (await PostalMime.parse(raw)).from?.address || 'unknown@local.invalid';
    await transport.sendMail({ envelope: { from, to: [to] }, raw });
    sent++;
  } catch (err) {
    failed++;
    process.stderr.write(`send: ${file}: ${(err as Error).message}\n`);
  }
}
transport.close();
process.stdout.write(`sent ${sent} to ${to} via 127.0.0.1:${port}${failed ? `, ${failed} failed` : ''}\n`);
process.exit(failed ? 1 : 0);
