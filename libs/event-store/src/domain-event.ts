import type { RecordedEvent } from './event-store.port';

/**
 * The domain event a recorded one carries — its type and data only, as deciders and projections know
 * them; the metadata (who, when, which command) stays behind. Unchecked: the data is what the log's
 * event types have upcast it to.
 */
export const asDomainEvent = <Event>(recorded: RecordedEvent): Event =>
  ({ type: recorded.type, data: recorded.data }) as unknown as Event;

/**
 * A value of an event's personal part as it is read back: every string in it may be null, which it
 * is once the family's key is erased (or when the key does not open it).
 */
export type Erasable<T> = T extends string
  ? T | null
  : T extends readonly (infer Item)[]
    ? Erasable<Item>[]
    : T extends object
      ? { [Field in keyof T]: Erasable<T[Field]> }
      : T;

/**
 * An event's personal part as it is read back: as written, or — after the family's erasure — with
 * every string null and `erased: true` (`unreadable: true` when the key does not open it).
 */
export type PersonalAsRead<Personal> = Erasable<Personal> & ErasureMarks;

/** How a personal part read back says why its strings are null. */
export interface ErasureMarks {
  /** The family's personal data was erased (its key deleted). */
  readonly erased?: true;
  /** The key at hand does not open it (another node's key store, an older copy restored). */
  readonly unreadable?: true;
}

/** A domain event as a reader of the log gets it: its personal part, if it has one, erasable. */
export type AsRead<Event> = Event extends { readonly type: infer Type; readonly data: infer Data }
  ? {
      readonly type: Type;
      readonly data: Data extends { readonly personal: infer Personal }
        ? Omit<Data, 'personal'> & { readonly personal: PersonalAsRead<Personal> }
        : Data;
    }
  : never;

/**
 * `asDomainEvent` for the read side: what a projection gets, its personal strings possibly erased.
 * The type makes a view that copies one say so (`string | null`) rather than promise a string.
 */
export const asReadEvent = <Event>(recorded: RecordedEvent): AsRead<Event> =>
  asDomainEvent<AsRead<Event>>(recorded);
