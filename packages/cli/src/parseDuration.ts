import { InvalidArgumentError } from 'commander';

/** Seconds per unit of a duration such as `10m`. */
const UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86_400 };

/**
 * Parses a duration (`90s`, `10m`, `2h`, `7d`: a whole number and one unit) into seconds.
 * Used by `--for`; the server decides the allowed range (1 minute to 30 days for a mute).
 */
export function parseDuration(value: string): number {
  const match = /^(\d+)([smhd])$/.exec(value.trim());
  const amount = Number(match?.[1]);
  const unit = UNIT_SECONDS[match?.[2] ?? ''];
  if (!match || unit === undefined || !Number.isSafeInteger(amount) || amount < 1) {
    throw new InvalidArgumentError('expected a duration such as 30s, 10m, 2h or 7d');
  }
  return amount * unit;
}
