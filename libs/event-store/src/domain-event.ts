import type { RecordedEvent } from './event-store.port';

/**
 * The domain event a recorded one carries — its type and data only, as deciders and projections know
 * them; the metadata (who, when, which command) stays behind. Unchecked: the data is what the log's
 * event types have upcast it to.
 */
export const asDomainEvent = <Event>(recorded: RecordedEvent): Event =>
  ({ type: recorded.type, data: recorded.data }) as unknown as Event;
