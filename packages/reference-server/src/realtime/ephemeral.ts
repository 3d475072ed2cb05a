import type { Schema } from '../spec/operationTypes.js';

/** An ephemeral event (`RealtimeEphemeralEvent`: `typing`, `presence.updated`). */
export type EphemeralEvent = Schema<'RealtimeEphemeralEvent'>;

/**
 * Sends an ephemeral event to every connected device of `audience` (user ids), on this server
 * process and, through Redis when configured, on the others. Fire and forget: nothing is
 * stored, a device that is not connected at that moment never gets it.
 */
export type EphemeralSender = (audience: readonly string[], event: EphemeralEvent) => void;
