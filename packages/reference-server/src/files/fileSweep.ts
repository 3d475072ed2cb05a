import type { Services } from '../domain/Services.js';

/** Longest pause between two sweeps, in ms: a minute. */
const MAX_SWEEP_INTERVAL_MS = 60_000;
/** Shortest pause between two sweeps, in ms. */
const MIN_SWEEP_INTERVAL_MS = 50;
/**
 * How long after a file expired or was deleted its row is forgotten, in ms: a send that read
 * the row just before then refuses it (expired), so no message can start naming a purged row.
 */
const PURGE_GRACE_MS = 1000;
/** A temporary upload not written to for this long was abandoned by a crashed process, in ms. */
export const STALE_UPLOAD_MS = 3600 * 1000;
/** Rows purged per statement. */
const SWEEP_BATCH = 100;

/**
 * Purges uploads never sent in a message once their expiry passed (or once deleted): their content
 * is removed from the store and their row forgotten. Sent files never expire (`expires_at` is
 * cleared when sent); when deleted, their row stays for the messages that name them. Also removes
 * temporary uploads abandoned for {@link STALE_UPLOAD_MS}.
 * @param now the current time.
 * @returns the number of files purged (temporary uploads not counted).
 */
export async function sweepUnsentFiles(services: Services, now = new Date()): Promise<number> {
  await services.files.removeStaleUploads(new Date(now.getTime() - STALE_UPLOAD_MS));
  const before = new Date(now.getTime() - PURGE_GRACE_MS).toISOString();
  let purged = 0;
  for (;;) {
    const due = await services.db
      .selectFrom('files')
      .select('id')
      .where((eb) =>
        eb.and([
          eb.or([eb('expires_at', '<=', before), eb('deleted_at', '<=', before)]),
          eb.not(
            eb.exists(
              eb
                .selectFrom('file_conversations')
                .select('file_id')
                .whereRef('file_conversations.file_id', '=', 'files.id'),
            ),
          ),
        ]),
      )
      .limit(SWEEP_BATCH)
      .execute();
    if (due.length === 0) break;
    const ids = due.map((row) => row.id);
    for (const id of ids) await services.files.remove(id);
    await services.work(async (trx) => {
      await trx
        .deleteFrom('files')
        .where('id', 'in', ids)
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('file_conversations')
                .select('file_id')
                .whereRef('file_conversations.file_id', '=', 'files.id'),
            ),
          ),
        )
        .execute();
    });
    purged += ids.length;
    if (due.length < SWEEP_BATCH) break;
  }
  return purged;
}

/**
 * Starts the periodic removal of uploads never sent in a message (see {@link sweepUnsentFiles}),
 * every quarter of `unsentFileTtlMs` (between 50 ms and a minute), on an unref'd timer so it
 * never keeps the process alive; a failed sweep is logged and tried again next time.
 * @returns a function that stops the sweep.
 */
export function startFileSweep(services: Services): () => void {
  const interval = Math.min(
    MAX_SWEEP_INTERVAL_MS,
    Math.max(MIN_SWEEP_INTERVAL_MS, Math.floor(services.config.unsentFileTtlMs / 4)),
  );
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(run, interval);
    timer.unref();
  };
  const run = () => {
    sweepUnsentFiles(services).then(
      (purged) => {
        if (purged > 0) services.logger.info({ purged }, 'unsent files purged');
        schedule();
      },
      (error: unknown) => {
        if (!stopped) services.logger.warn({ err: error }, 'file sweep failed');
        schedule();
      },
    );
  };
  schedule();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
