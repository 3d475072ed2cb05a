import type { Database } from '../db/openDatabase.js';
import { nowIso } from '../domain/clock.js';
import type { Services } from '../domain/Services.js';
import { AckRecorder } from './AckRecorder.js';

/** The position a user's device last acknowledged and the server stored, if any. */
export async function storedAck(
  db: Database,
  userId: string,
  deviceId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('device_cursors')
    .select('position')
    .where('user_id', '=', userId)
    .where('device_id', '=', deviceId)
    .executeTakeFirst();
  return row?.position;
}

/** Stores a device's acknowledged position; a stored position never moves back. */
export async function storeAck(
  db: Database,
  userId: string,
  deviceId: string,
  position: number,
): Promise<void> {
  await db
    .insertInto('device_cursors')
    .values({ user_id: userId, device_id: deviceId, position, updated_at: nowIso() })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'device_id'])
        .doUpdateSet({ position, updated_at: nowIso() })
        .where('device_cursors.position', '<', position),
    )
    .execute();
}

/** An {@link AckRecorder} that stores a device's acks, logging a write that failed. */
export function deviceAckRecorder(
  services: Pick<Services, 'db' | 'logger'>,
  userId: string,
  deviceId: string,
): AckRecorder {
  return new AckRecorder(
    (position) => storeAck(services.db, userId, deviceId, position),
    (error) => services.logger.error({ err: error }, 'storing a realtime ack failed'),
  );
}
