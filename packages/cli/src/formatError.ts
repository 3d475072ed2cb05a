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

/** How many field errors of one problem are printed; the rest are counted in one line. */
export const MAX_FIELD_LINES = 5;

/** The hint for a server that cannot be reached: where else the CLI could look. */
export const SERVER_HINT =
  'is the server running there? choose another with --server <url> or IMKIT_SERVER';

/**
 * The lines printed on stderr for a failure: `error: <detail> (<code>)`, a
 * `  <pointer>: <detail>` line for each of the first {@link MAX_FIELD_LINES} invalid fields
 * and `  and N more invalid fields` for the rest, and a `hint:` line when useful.
 * `server` names the server in network errors.
 */
export function formatError(err: unknown, server?: string): string[] {
  const lines = [`error: ${describeError(err, server)}`];
  if (isImkitError(err)) lines.push(...fieldLines(err), ...hintLines(err));
  else if (err instanceof CliError && err.hint) lines.push(`hint: ${err.hint}`);
  return lines;
}

/**
 * One line saying what failed: the server's detail and code, or the unreachable server and
 * why (`cannot reach http://localhost:8080: ECONNREFUSED (network.failed)`), or the message.
 */
export function describeError(err: unknown, server?: string): string {
  if (isImkitError(err)) {
    if (err.code === 'network.failed') {
      return `cannot reach ${server ?? 'the server'}: ${rootCause(err)} (${err.code})`;
    }
    return `${err.problem?.detail ?? err.problem?.title ?? err.message} (${err.code})`;
  }
  return err instanceof Error ? err.message : String(err);
}

function fieldLines(err: ImkitError): string[] {
  const shown = err.errors.slice(0, MAX_FIELD_LINES);
  const lines = shown.map((field) => `  ${field.pointer}: ${field.detail}`);
  const more = Math.max(err.problem?.errors_total ?? 0, err.errors.length) - shown.length;
  if (more > 0) lines.push(`  and ${more} more invalid field${more === 1 ? '' : 's'}`);
  return lines;
}

function hintLines(err: ImkitError): string[] {
  if (err.code === 'network.failed') return [`hint: ${SERVER_HINT}`];
  if (SESSION_CODES.has(err.code)) return [`hint: ${LOGIN_HINT}`];
  return [];
}

/** The innermost cause's code (`ECONNREFUSED`) or message. */
function rootCause(err: Error): string {
  let current: unknown = err;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  const code = (current as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return current instanceof Error ? current.message : String(current);
}
