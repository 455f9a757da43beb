import { DomainRuleViolation } from '@bti/domain';
import { logCommandFor } from './decision.saga';

describe('the command a meeting decision is carried into the log with', () => {
  const kari = { staffId: 'kari', serviceId: 'helsestasjon' };
  const decision = {
    decisionId: 'd1',
    details: {
      kind: 'measure',
      logId: 'log-1',
      startDate: '2026-03-01',
      evaluationDate: '2026-06-01',
      initiativeId: null,
    },
    responsible: kari,
    deadline: '2026-03-01',
    formalDecision: null,
    by: kari,
    at: '2026-02-20T10:00:00.000Z',
    personal: { text: 'Språkgruppe i barnehagen', goal: 'Flere ord i lek' },
  } as const;

  it('plans a measure with the decision’s goal, or its words', () => {
    expect(logCommandFor(decision, 'e1')?.command).toMatchObject({
      type: 'PlanMeasure',
      goal: 'Flere ord i lek',
    });
    expect(
      logCommandFor({ ...decision, personal: { ...decision.personal, goal: null } }, 'e1')?.command,
    ).toMatchObject({ goal: 'Språkgruppe i barnehagen' });
  });

  it('refuses with FAMILY_ERASED when an erasure took the words a measure or level change needs', () => {
    const erased = { text: null, goal: null, erased: true } as const;
    for (const details of [
      decision.details,
      { kind: 'level_change', logId: 'log-1', level: 2 } as const,
    ]) {
      const carry = () => logCommandFor({ ...decision, details, personal: erased }, 'e1');
      let refusal: unknown = null;
      try {
        carry();
      } catch (error) {
        refusal = error;
      }
      expect(refusal).toBeInstanceOf(DomainRuleViolation);
      expect((refusal as DomainRuleViolation).code).toBe('FAMILY_ERASED');
    }
    // A handover needs no words: it is carried out as before.
    expect(
      logCommandFor(
        {
          ...decision,
          details: { kind: 'stafettholder', logId: 'log-1', to: kari },
          personal: erased,
        },
        'e1',
      )?.command,
    ).toEqual({ type: 'OfferHandover', toStaffId: 'kari', toServiceId: 'helsestasjon' });
  });
});
