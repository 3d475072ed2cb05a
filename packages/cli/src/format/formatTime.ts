const pad = (n: number): string => String(n).padStart(2, '0');

/** An RFC 3339 time as `YYYY-MM-DD HH:MM` in the local time zone (`TZ`). */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
