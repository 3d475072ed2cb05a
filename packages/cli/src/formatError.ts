import { type ImkitError, isImkitError } from '@imkit/sdk';
import { CliError, LOGIN_HINT } from './errors.js';

/** Server codes that mean the stored session cannot be used any more. */
const SESSION_CODES = new Set([
  'auth.unauthenticated',
  'auth.token_invalid',
  'auth.token_expired',
  'auth.session_revoked',
  'auth.refresh_token_invalid',
  'auth.refresh_token_reused',
]);

/**
 * The lines printed on stderr for a failure: `error: <detail> (<code>)`, one
 * `  <pointer>: <detail>` line per invalid field, and a `hint:` line when useful.
 * `server` names the server in network errors.
 */
export function formatError(err: unknown, server?: string): string[] {
  if (isImkitError(err)) return formatImkitError(err, server);
  if (err instanceof CliError) {
    return err.hint ? [`error: ${err.message}`, `hint: ${err.hint}`] : [`error: ${err.message}`];
  }
  return [`error: ${err instanceof Error ? err.message : String(err)}`];
}

function formatImkitError(err: ImkitError, server: string | undefined): string[] {
  if (err.code === 'network.failed') {
    return [`error: cannot reach ${server ?? 'the server'}: ${rootCause(err)} (${err.code})`];
  }
  const detail = err.problem?.detail ?? err.problem?.title ?? err.message;
  const lines = [`error: ${detail} (${err.code})`];
  for (const field of err.errors) lines.push(`  ${field.pointer}: ${field.detail}`);
  if (SESSION_CODES.has(err.code)) lines.push(`hint: ${LOGIN_HINT}`);
  return lines;
}

/** The innermost cause's code (`ECONNREFUSED`) or message. */
function rootCause(err: Error): string {
  let current: unknown = err;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  const code = (current as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return current instanceof Error ? current.message : String(current);
}
