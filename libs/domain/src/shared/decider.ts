import type { Actor } from './actor';
import { DomainRuleViolation } from './domain-rule-violation';

/** A domain event as deciders see it: a stable type name and plain JSON data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/** JSON as events hold it (the event store's `JsonObject`, which the domain does not import). */
export type EventJson =
  string | number | boolean | null | EventJson[] | { [key: string]: EventJson };
/** An event's data as an upcaster reads and writes it. */
export type EventData = { [key: string]: EventJson };

/**
 * Whether an event's personal part, as read back, is blank: its family's key erased (`erased`) or
 * not at hand (`unreadable`), so every string in it reads as null.
 */
export const personalReadsBlank = (
  personal: { readonly erased?: unknown; readonly unreadable?: unknown } | null | undefined,
): boolean => personal?.erased === true || personal?.unreadable === true;

/**
 * An event with its `personal` part left out: what a function that never reads personal data takes,
 * so that an event as read back (its personal strings null after an erasure) fits it too.
 */
export type WithoutPersonal<Event> =
  Event extends DomainEvent<infer Type, infer Data>
    ? DomainEvent<Type, Omit<Data, 'personal'>>
    : never;

/**
 * What a decision is given besides the command and the stream's own state: who acts (as the staff
 * register and the sign-in establish it), when (domain time), and the facts from other streams that
 * the rules need, as plain data. `decide` never reads a clock or a database.
 */
export interface Given<Facts> {
  readonly by: Actor;
  readonly at: string;
  readonly facts: Facts;
}

/**
 * The decider pattern: all of an aggregate's behaviour as three pure functions. `decide` throws a
 * `DomainRuleViolation` for a broken rule.
 */
export interface Decider<Command, State, Event extends DomainEvent, Facts = undefined> {
  readonly initialState: () => State;
  readonly decide: (command: Command, state: State, given: Given<Facts>) => Event[];
  readonly evolve: (state: State, event: Event) => State;
}

export function foldEvents<State, Event extends DomainEvent>(
  decider: {
    readonly initialState: () => State;
    readonly evolve: (state: State, event: Event) => State;
  },
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}

/** Details a rule violation may carry to the client: flat and JSON-safe. */
export type RuleDetails = Record<string, string | number | boolean | null>;

/**
 * Throws a DomainRuleViolation with `code` unless `condition` holds. Each context binds it to its own
 * code union (`ensureLog: Ensure<StafettloggRuleCode>`), so a throw site can only name a code its
 * context declares.
 */
export type Ensure<Code extends string> = (
  condition: unknown,
  code: Code,
  message: string,
  details?: RuleDetails,
) => asserts condition;

export function ensure<Code extends string>(
  condition: unknown,
  code: Code,
  message: string,
  details: RuleDetails = {},
): asserts condition {
  if (!condition) throw new DomainRuleViolation(code, message, details);
}

/** The compile-time check that a switch over a union handled every member. */
export function unreachable(value: never): never {
  throw new Error(`Unhandled case: ${JSON.stringify(value)}`);
}
