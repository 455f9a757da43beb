import { DomainRuleViolation } from './domain-rule-violation';

/** A domain event as deciders see it: a stable type name and plain JSON data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  readonly type: Type;
  readonly data: Data;
}

/**
 * The decider pattern: all of an aggregate's behaviour as three pure functions. `decide` throws a
 * `DomainRuleViolation` for a broken rule; it never reads a clock or a database — the time and the
 * facts from other streams arrive inside the command.
 */
export interface Decider<Command, State, Event extends DomainEvent> {
  initialState(): State;
  decide(command: Command, state: State): Event[];
  evolve(state: State, event: Event): State;
}

export function foldEvents<State, Event extends DomainEvent>(
  decider: Pick<Decider<unknown, State, Event>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState());
}

/** Throws a DomainRuleViolation with `code` unless `condition` holds. */
export function ensure(
  condition: unknown,
  code: string,
  message: string,
  details: Record<string, string | number | boolean | null> = {},
): asserts condition {
  if (!condition) throw new DomainRuleViolation(code, message, details);
}
