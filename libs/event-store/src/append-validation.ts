import { randomUUID } from 'node:crypto';
import { AppendTooLarge, InvalidAppend } from './errors';
import type { EventToAppend } from './event-store.port';

const STREAM_NAME = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,199}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function assertValidStreamName(stream: string): void {
  if (!STREAM_NAME.test(stream)) {
    throw new InvalidAppend(
      `Stream name must be 1-200 characters of letters, digits, '_', '.', ':' or '-' and may not start with '$'`,
    );
  }
}

/**
 * The most one append may carry (data and metadata as JSON): EventStoreDB's default maximum append
 * size, kept on every adapter so that what works on one works on the other.
 */
export const MAX_APPEND_BYTES = 1024 * 1024;

/** Checks what every adapter must refuse before touching the store, and gives each event an id. */
export function prepareEventsForAppend(
  stream: string,
  events: readonly EventToAppend[],
): (EventToAppend & { id: string })[] {
  assertValidStreamName(stream);
  if (events.length === 0) throw new InvalidAppend('An append needs at least one event');
  const bytes = events.reduce(
    (total, event) =>
      total +
      Buffer.byteLength(JSON.stringify(event.data)) +
      Buffer.byteLength(JSON.stringify(event.metadata)),
    0,
  );
  if (bytes > MAX_APPEND_BYTES) throw new AppendTooLarge(bytes, MAX_APPEND_BYTES);
  return events.map((event) => {
    if (!event.type || event.type.startsWith('$')) {
      throw new InvalidAppend(`Event type must be a non-empty name not starting with '$'`);
    }
    if (event.id !== undefined && !UUID.test(event.id)) {
      throw new InvalidAppend(`Event id must be a UUID`);
    }
    return { ...event, id: event.id ?? randomUUID() };
  });
}
