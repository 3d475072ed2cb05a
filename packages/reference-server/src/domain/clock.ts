/** Current time as an RFC 3339 UTC string with milliseconds, the format stored and returned. */
export function nowIso(): string {
  return new Date().toISOString();
}
