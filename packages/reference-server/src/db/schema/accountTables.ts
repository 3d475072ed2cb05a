/** Tables of account state beyond registration: email codes (migration `008_accounts`). */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as accounts are implemented.
export interface AccountTables {}

/** Columns added to `users` by `008_accounts`. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in as accounts are implemented.
export interface AccountColumns {}
