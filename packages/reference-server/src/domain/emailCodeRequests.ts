import type { AuthContext } from '../auth/AuthContext.js';
import { ApiError } from '../http/ApiError.js';
import type { MailMessage } from '../mail/Mailer.js';
import type { OperationBody, Schema } from '../spec/operationTypes.js';
import {
  EMAIL_CODE_RESEND_SECONDS,
  EMAIL_CODE_TTL_SECONDS,
  type EmailCodePurpose,
  issueEmailCode,
} from './emailCodes.js';
import type { Services } from './Services.js';
import { identityKey } from './users.js';

/** The mail that carries a code. Plain ASCII text, so it travels unencoded. */
export function emailCodeMail(to: string, purpose: EmailCodePurpose, code: string): MailMessage {
  const minutes = EMAIL_CODE_TTL_SECONDS / 60;
  const validity = `It expires in ${minutes} minutes and works once.`;
  if (purpose === 'verify_email') {
    return {
      to,
      subject: 'Your imkit verification code',
      text: `Your code to confirm this email address for your imkit account is ${code}.\n\n${validity}\nIf you did not ask for it, ignore this mail.\n`,
    };
  }
  return {
    to,
    subject: 'Your imkit password reset code',
    text: `Your code to reset the password of your imkit account is ${code}.\n\n${validity}\nIf you did not ask for it, ignore this mail: your password stays as it is.\n`,
  };
}

const notYourEmail = () =>
  new ApiError(
    403,
    'auth.email_mismatch',
    'Verification codes go only to the email of the caller’s account; log in first.',
    {
      errors: [
        { pointer: '/body/email', detail: 'is not your account email', keyword: 'mismatch' },
      ],
    },
  );

/**
 * Mails a code for `purpose` to `body.email` (operation `sendEmailCode`). `verify_email` needs the
 * caller's own account email; `reset_password` needs no caller and answers the same whether or not
 * the address has an account (a code row is written either way; only a live account is mailed).
 * The mail goes out after the answer, so its timing does not tell either; a failed send is
 * logged (never the code) and the user asks again after `resend_after`.
 * @param auth the caller when a token was sent, else undefined.
 * @throws ApiError 403 `auth.email_mismatch`; RateLimited 429 for the per-address limits.
 */
export async function requestEmailCode(
  services: Services,
  auth: AuthContext | undefined,
  body: OperationBody<'sendEmailCode'>,
): Promise<Schema<'EmailCodeSent'>> {
  const emailKey = identityKey(body.email);
  let recipient: { id: string; email: string } | undefined;
  if (body.purpose === 'verify_email') {
    if (!auth) throw notYourEmail();
    const account = await services.db
      .selectFrom('users')
      .select(['id', 'email', 'email_key'])
      .where('id', '=', auth.userId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!account?.email || account.email_key !== emailKey) throw notYourEmail();
    recipient = { id: account.id, email: account.email };
  } else {
    const account = await services.db
      .selectFrom('users')
      .select(['id', 'email'])
      .where('email_key', '=', emailKey)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (account?.email) recipient = { id: account.id, email: account.email };
  }
  const code = await services.work(
    (trx) =>
      issueEmailCode(
        trx,
        services.config,
        { emailKey, purpose: body.purpose, userId: recipient?.id ?? null },
        new Date(),
      ),
    `email:${emailKey}`,
  );
  if (recipient) {
    const mail = emailCodeMail(recipient.email, body.purpose, code);
    services.mailer.send(mail).catch((error: unknown) => {
      services.logger.error(
        { err: error, purpose: body.purpose, userId: recipient.id },
        'could not send an email code',
      );
    });
  }
  return { expires_in: EMAIL_CODE_TTL_SECONDS, resend_after: EMAIL_CODE_RESEND_SECONDS };
}
