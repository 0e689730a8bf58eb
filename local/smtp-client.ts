/** An SMTP client for the local receiver: plain SMTP on loopback, pooled connections. */
import { createTransport, type Transporter } from 'nodemailer';

export function localSmtpClient(port: number, connections = 4): Transporter {
  return createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
  });
}
