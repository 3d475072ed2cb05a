const pad = (n: number): string => String(n).padStart(2, '0');

/** True when two times fall on the same calendar day in the local time zone (`TZ`). */
function sameDay(a: Date, b: Date): boolean {
  return (
    a.getFullYear() === b.getFullYear() &&
    a.getMonth() === b.getMonth() &&
    a.getDate() === b.getDate()
  );
}

/**
 * An RFC 3339 time in the local time zone (`TZ`): `HH:MM:SS` when it is today (seconds tell
 * messages of the same minute apart), else `YYYY-MM-DD HH:MM`. Anything unparsable is returned
 * as it is.
 * @param now the moment "today" is taken from. Default: the current time.
 */
export function formatTime(iso: string, now: Date = new Date()): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const clock = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  if (sameDay(d, now)) return `${clock}:${pad(d.getSeconds())}`;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${clock}`;
}
