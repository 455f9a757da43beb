import { DomainRuleViolation } from '../shared/domain-rule-violation';
import { foldEvents, type Decider, type DomainEvent } from '../shared/decider';

/** Tests that read as specifications: given(events).when(command).then(events) or .thenFails(code). */
export function deciderSpec<Command, State, Event extends DomainEvent>(
  decider: Decider<Command, State, Event>,
) {
  return {
    given(events: readonly Event[]) {
      const state = foldEvents(decider, events);
      return {
        when(command: Command) {
          const decide = () => decider.decide(command, state);
          return {
            then(expected: readonly Event[]) {
              expect(decide()).toEqual(expected);
            },
            thenFails(code: string) {
              let thrown: unknown;
              try {
                decide();
              } catch (error) {
                thrown = error;
              }
              expect(thrown).toBeInstanceOf(DomainRuleViolation);
              expect((thrown as DomainRuleViolation).code).toBe(code);
            },
            events: decide,
          };
        },
      };
    },
  };
}
