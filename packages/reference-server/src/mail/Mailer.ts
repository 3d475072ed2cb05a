import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import type { ServerConfig } from '../config/ServerConfig.js';

/** One outgoing mail (plain text). */
export interface MailMessage {
  /** The recipient's address. */
  to: string;
  subject: string;
  text: string;
}

/** Sends mail: over SMTP when `smtpUrl` is set, else as `.eml` files under `<dataDir>/outbox`. */
export interface Mailer {
  /**
   * Sends one mail, resolving once the SMTP server accepted it (or the file is written).
   * @throws Error when the SMTP server refuses it or cannot be reached, or the file cannot be written.
   */
  send(message: MailMessage): Promise<void>;
  /** Closes the SMTP connections. */
  close(): void;
}

/** How long an SMTP connection, greeting or command may take before the send fails, in ms. */
const SMTP_TIMEOUT_MS = 15_000;

/**
 * A mailer that relays through the SMTP server of `smtpUrl` (`smtp://user:pass@host:port`, STARTTLS
 * when the server offers it; `smtps://` for TLS from the start), with nodemailer's pool.
 */
function smtpMailer(smtpUrl: string, from: string, logger: Logger): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    connectionTimeout: SMTP_TIMEOUT_MS,
    greetingTimeout: SMTP_TIMEOUT_MS,
    socketTimeout: SMTP_TIMEOUT_MS,
  } as Parameters<typeof nodemailer.createTransport>[0]);
  return {
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      logger.info({ messageId: info.messageId, subject: message.subject }, 'mail sent over SMTP');
    },
    close: () => transport.close(),
  };
}

/**
 * A mailer for a machine without SMTP: each mail is built by nodemailer's stream transport and
 * written to `<outbox>/<time>-<random>.eml`; the log says where (never what it says).
 */
function outboxMailer(outbox: string, from: string, logger: Logger): Mailer {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true });
  return {
    async send(message) {
      const info = await transport.sendMail({ from, ...message });
      await fs.mkdir(outbox, { recursive: true, mode: 0o700 });
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const file = path.join(outbox, `${stamp}-${randomBytes(4).toString('hex')}.eml`);
      await fs.writeFile(file, info.message as Buffer, { mode: 0o600 });
      logger.info({ file, subject: message.subject }, 'no SMTP configured: mail written to file');
    },
    close() {},
  };
}

/**
 * The mailer of a configuration: SMTP when `smtpUrl` is set, else the `<dataDir>/outbox` folder,
 * so a server without SMTP still works (an operator reads the codes from the files).
 * @param config `smtpUrl`, `mailFrom` and `dataDir`.
 */
export function createMailer(
  config: Pick<ServerConfig, 'smtpUrl' | 'mailFrom' | 'dataDir'>,
  logger: Logger,
): Mailer {
  if (config.smtpUrl) return smtpMailer(config.smtpUrl, config.mailFrom, logger);
  return outboxMailer(path.join(config.dataDir, 'outbox'), config.mailFrom, logger);
}
