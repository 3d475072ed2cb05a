import type { Logger } from 'pino';
import type { ServerConfig } from '../config/ServerConfig.js';

/** One outgoing mail. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends mail: over SMTP when `smtpUrl` is set, else as `.eml` files under `<dataDir>/outbox`. */
export interface Mailer {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** The mailer of a configuration. */
export function createMailer(_config: ServerConfig, _logger: Logger): Mailer {
  return {
    async send() {
      throw new Error('mail is not implemented yet');
    },
    close() {},
  };
}
