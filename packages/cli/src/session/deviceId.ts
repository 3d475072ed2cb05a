import { randomUUID } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** File name of the device id inside the config dir. */
export const DEVICE_ID_FILE_NAME = 'device-id';

/**
 * The stable id of this CLI installation for realtime connections (the server keeps
 * acknowledged stream positions per device): read from `<configDir>/device-id`, created once.
 */
export async function loadDeviceId(configDir: string): Promise<string> {
  const path = join(configDir, DEVICE_ID_FILE_NAME);
  try {
    const stored = (await readFile(path, 'utf8')).trim();
    if (stored) return stored;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  const id = `imkit-cli-${randomUUID()}`;
  await mkdir(configDir, { recursive: true, mode: 0o700 });
  await writeFile(path, `${id}\n`, { mode: 0o600 });
  return id;
}
