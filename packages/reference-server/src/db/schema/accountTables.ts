import type { Generated } from 'kysely';

/** Tables of account state beyond registration: email codes (migration `008_accounts`). */
export interface AccountTables {
  email_codes: EmailCodesTable;
}

/** Columns added to `users` by `008_accounts`. */
export interface AccountColumns {
  /** 1 once the current email was confirmed with `verifyEmail`; a new email starts at 0. */
  email_verified: Generated<number>;
  /** Digits only, unique when set (`Phone`). */
  phone: string | null;
  bio: string | null;
  /** `female`, `male`, `other` or `undisclosed`. */
  gender: Generated<string>;
  /** Last change of the profile or credentials; null until the first. */
  updated_at: string | null;
  /** When the purge erased the personal data of this deleted account; null otherwise. */
  purged_at: string | null;
}

/**
 * A code mailed by `sendEmailCode`. Only the latest code of an address and purpose can be used;
 * a row is kept (with a code nobody received) even for an unknown address, so the per-address
 * limit answers the same whether or not the address has an account.
 */
export interface EmailCodesTable {
  /** UUIDv7: sorts by time. */
  id: string;
  /** `identityKey` of the address the code went to. */
  email_key: string;
  /** `verify_email` or `reset_password`. */
  purpose: string;
  /** The account of the address; null when no account has it (no mail was sent). */
  user_id: string | null;
  /** HMAC-SHA-256 of the code (base64url), keyed with the server secret. */
  code_hash: string;
  /** Tries so far, right or wrong; the code is void after 5. */
  attempts: Generated<number>;
  created_at: string;
  expires_at: string;
  /** When the code was used, or superseded by a newer one; null while usable. */
  used_at: string | null;
}
