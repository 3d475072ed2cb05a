import envPaths from 'env-paths';

/** Environment variables the CLI reads; `bin.ts` passes `process.env`. */
export type CliEnv = Readonly<Record<string, string | undefined>>;

/**
 * The directory holding the session file: `IMKIT_CONFIG_DIR` when set, else `fallback`,
 * else the XDG config dir of `imkit` (`~/.config/imkit` on Linux).
 */
export function resolveConfigDir(env: CliEnv, fallback?: string): string {
  const override = env.IMKIT_CONFIG_DIR?.trim();
  if (override) return override;
  return fallback ?? envPaths('imkit', { suffix: '' }).config;
}
