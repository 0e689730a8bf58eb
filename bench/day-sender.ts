/**
 * The participants' side of bench:day, in its own process (their MTAs are not our CPU): builds
 * N varied mails and sends them over SMTP; prints one JSON line {sent, failures} when done.
 */
import { localSmtpClient } from '#local/smtp-client.ts';
import { generateMail } from './mail-generator.ts';

const [port, n, connections] = process.argv.slice(2).map(Number) as [number, number, number];
const transport = localSmtpClient(port, connections);
let next = 0;
let sent = 0;
let failures = 0;
await Promise.all(
  Array.from({ length: connections * 2 }, async () => {
    while (next < n) {
      const m = await generateMail(next++);
      try {
        await transport.sendMail({ envelope: { from: m.from, to: ['pengaduan@prakerja.example.id'] }, raw: m.raw });
        sent++;
      } catch {
        failures++;
      }
    }
  }),
);
transport.close();
process.stdout.write(`${JSON.stringify({ sent, failures })}\n`);
