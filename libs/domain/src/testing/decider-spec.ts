import type { Actor } from '../shared/actor';
import { DomainRuleViolation } from '../shared/domain-rule-violation';
import { foldEvents, type Decider, type DomainEvent, type Given } from '../shared/decider';

export const SPEC_AT = '2026-03-20T10:00:00.000Z';
export const SPEC_ACTOR: Actor = {
  subject: 'admin-1',
  role: 'admin',
  municipalityId: 'vestre-toten',
  serviceId: null,
};

/**
 * Tests that read as specifications: given(events).when(command, given).then(events) or
 * .thenFails(code). `defaults` is what every `when` is given unless it says otherwise.
 */
export function deciderSpec<Command, State, Event extends DomainEvent, Facts>(
  decider: Decider<Command, State, Event, Facts>,
  defaults: Given<NoInfer<Facts>>,
) {
  return {
    given(events: readonly Event[]) {
      const state = foldEvents(decider, events);
      return {
        state,
        when(command: Command, given: Partial<Given<Facts>> = {}) {
          const decide = () => decider.decide(command, state, { ...defaults, ...given });
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
