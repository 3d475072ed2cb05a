import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { waitFor } from './collect.js';

/** A mail the test SMTP server accepted. */
export interface ReceivedMail {
  /** Envelope recipients (`RCPT TO`). */
  to: string[];
  /** The raw message (headers and body) as sent in `DATA`. */
  raw: string;
  /** The message body: what follows the first empty line. */
  body: string;
  /** The `Subject` header. */
  subject: string;
}

/** A real SMTP server in the test process that keeps every mail it receives. */
export interface SmtpTestServer {
  /** `smtp://user:pass@127.0.0.1:<port>`: for the reference server's `smtpUrl`. */
  url: string;
  /** Every mail received so far, oldest first. */
  mails: ReceivedMail[];
  /** Mails received so far for `address` (case-insensitive). */
  mailsTo(address: string): ReceivedMail[];
  /**
   * Waits for the `n`th mail (1-based) to `address` and returns it.
   * @throws when it does not arrive within 5 s.
   */
  mailFor(address: string, n: number): Promise<ReceivedMail>;
  /**
   * Waits for the `n`th mail (1-based) to `address` and returns the 6-digit code in its body.
   * @throws when it does not arrive within 5 s, or has no code.
   */
  codeFor(address: string, n: number): Promise<string>;
  close(): Promise<void>;
}

/** The user and password the test SMTP server requires (AUTH PLAIN/LOGIN without TLS). */
const SMTP_USER = 'imkit';
const SMTP_PASSWORD = 'smtp-test-password';

/** The 6-digit code in a mail body. */
export function codeInMail(mail: ReceivedMail): string {
  const match = /\b(\d{6})\b/.exec(mail.body);
  if (!match) throw new Error(`no code in the mail "${mail.subject}"`);
  return match[1]!;
}

/**
 * Starts an SMTP server (the `smtp-server` package) on 127.0.0.1 and a free port. It requires
 * authentication, so the reference server's `smtpUrl` credentials are exercised too.
 */
export async function startSmtpTestServer(): Promise<SmtpTestServer> {
  const mails: ReceivedMail[] = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) {
        callback(null, { user: auth.username });
      } else {
        callback(new Error('Invalid username or password'));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const split = raw.search(/\r?\n\r?\n/);
        const headers = split < 0 ? raw : raw.slice(0, split);
        const body = split < 0 ? '' : raw.slice(split).trim();
        const subject = /^Subject: (.*)$/im.exec(headers)?.[1]?.trim() ?? '';
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw, body, subject });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  const mailsTo = (address: string) =>
    mails.filter((mail) => mail.to.some((to) => to.toLowerCase() === address.toLowerCase()));
  return {
    url: `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${port}`,
    mails,
    mailsTo,
    async mailFor(address, n) {
      await waitFor(() => mailsTo(address).length >= n, 5000, `mail ${n} to ${address}`);
      return mailsTo(address)[n - 1]!;
    },
    async codeFor(address, n) {
      await waitFor(() => mailsTo(address).length >= n, 5000, `mail ${n} to ${address}`);
      return codeInMail(mailsTo(address)[n - 1]!);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
