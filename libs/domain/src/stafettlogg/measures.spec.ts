import {
  by,
  facts,
  openLog,
  per,
  plan,
  planned,
  spec,
  started,
} from '../testing/stafettlogg-fixtures';

describe('stafettlogg: measures', () => {
  it('plans with an evaluation date from the log’s rules when none is given', () => {
    spec.given(openLog).when(plan()).then([planned]);
  });

  it('plans from the municipality’s service catalogue', () => {
    const [event] = spec
      .given(openLog)
      .when(plan({ catalogueEntryId: 'foreldreveiledning' }))
      .events();
    expect(event).toMatchObject({ data: { catalogueEntryId: 'foreldreveiledning' } });
  });

  it('points at a programme initiative that is registered and not ended', () => {
    const initiatives = {
      familiekoordinator: { status: 'in_operation' as const },
      gammel: { status: 'ended' as const },
    };
    const [event] = spec
      .given(openLog)
      .when(plan({ initiativeId: 'familiekoordinator' }), { facts: { ...facts, initiatives } })
      .events();
    expect(event).toMatchObject({ data: { initiativeId: 'familiekoordinator' } });
    spec
      .given(openLog)
      .when(plan({ initiativeId: 'ukjent' }), { facts: { ...facts, initiatives } })
      .thenFails('UNKNOWN_INITIATIVE');
    spec
      .given(openLog)
      .when(plan({ initiativeId: 'gammel' }), { facts: { ...facts, initiatives } })
      .thenFails('INITIATIVE_ENDED');
  });

  it.each([
    [
      'a responsible service outside the log',
      plan({ responsibleServiceId: 'nav', responsibleStaffId: 'x' }),
      'OUTSIDE_CONSENT_SCOPE',
    ],
    [
      'a responsible person not in the staff register',
      plan({ responsibleStaffId: 'nobody' }),
      'UNKNOWN_STAFF',
    ],
    [
      'a responsible person of another service',
      plan({ responsibleStaffId: 'kari' }),
      'UNKNOWN_STAFF',
    ],
    [
      'a responsible person who is deactivated',
      plan({ responsibleStaffId: 'gone' }),
      'UNKNOWN_STAFF',
    ],
    [
      'an offer not in the catalogue',
      plan({ catalogueEntryId: 'mentor' }),
      'UNKNOWN_CATALOGUE_ENTRY',
    ],
    [
      'an evaluation before the start',
      plan({ evaluationDate: '2026-03-01' }),
      'INVALID_EVALUATION_DATE',
    ],
    ['a start in 1900', plan({ startDate: '1900-01-01' }), 'INVALID_DATE'],
    ['a start in 2199', plan({ startDate: '2199-12-31' }), 'INVALID_DATE'],
    [
      'an evaluation years after the start',
      plan({ evaluationDate: '2030-01-01' }),
      'INVALID_EVALUATION_DATE',
    ],
    ['no goal', plan({ goal: '' }), 'GOAL_REQUIRED'],
    ['an id taken by another measure', plan(), 'MEASURE_EXISTS'],
  ])('refuses a measure with %s', (_, command, code) => {
    const history = code === 'MEASURE_EXISTS' ? [...openLog, planned] : openLog;
    spec.given(history).when(command).thenFails(code);
  });

  it('starts, is evaluated with the family’s view, and ends', () => {
    const bh = { staffId: 'per', serviceId: 'barnehage' };
    spec
      .given([...openLog, planned])
      .when({ type: 'StartMeasure', measureId: 'm1', startedOn: '2026-03-20' }, by(per))
      .then([
        { type: 'MeasureStarted', data: { measureId: 'm1', startedOn: '2026-03-20', by: bh } },
      ]);
    const evaluate = {
      type: 'EvaluateMeasure',
      measureId: 'm1',
      goalAttainment: 'partly',
      familyView: 'Litt bedre',
      decision: 'continue',
      nextEvaluationDate: null,
    } as const;
    const [evaluated] = spec
      .given([...openLog, planned, started])
      .when(evaluate, { by: per, at: '2026-05-04T09:00:00.000Z' })
      .events();
    expect(evaluated).toMatchObject({
      type: 'MeasureEvaluated',
      data: { onTime: true, nextEvaluationDate: '2026-06-15' },
    });
    const late = spec
      .given([...openLog, planned, started])
      .when({ ...evaluate, decision: 'end' }, { by: per, at: '2026-05-10T09:00:00.000Z' })
      .events();
    expect(late.map((e) => e.type)).toEqual(['MeasureEvaluated', 'MeasureEnded']);
    expect(late[0]).toMatchObject({ data: { onTime: false } });
    spec
      .given([...openLog, planned])
      .when(evaluate, by(per))
      .thenFails('MEASURE_NOT_STARTED');
    for (const familyView of [' ', '\u200b'])
      spec
        .given([...openLog, planned, started])
        .when({ ...evaluate, familyView }, by(per))
        .thenFails('TEXT_REQUIRED');
    spec
      .given([...openLog, planned, started])
      .when({ ...evaluate, decision: 'end', nextEvaluationDate: '2026-07-01' }, by(per))
      .thenFails('INVALID_EVALUATION_DATE');
    // The next evaluation within two years of the evaluation, as a measure's first.
    for (const [nextEvaluationDate, answer] of [
      ['2199-12-31', 'fails'],
      ['2028-05-05', 'fails'],
      ['2028-05-04', 'passes'],
    ] as const) {
      const when = spec
        .given([...openLog, planned, started])
        .when({ ...evaluate, nextEvaluationDate }, { by: per, at: '2026-05-04T09:00:00.000Z' });
      if (answer === 'fails') when.thenFails('INVALID_EVALUATION_DATE');
      else expect(when.events()[0]).toMatchObject({ data: { nextEvaluationDate } });
    }
    spec
      .given([...openLog, planned, started, ...late])
      .when(evaluate, by(per))
      .thenFails('MEASURE_ENDED');
    spec
      .given([...openLog, planned, started])
      .when({ type: 'StartMeasure', measureId: 'm1', startedOn: '2026-03-20' }, by(per))
      .thenFails('MEASURE_NOT_PLANNED');
    spec
      .given([...openLog, planned])
      .when({ type: 'StartMeasure', measureId: 'm1', startedOn: '2026-04-20' }, by(per))
      .thenFails('INVALID_DATE');
    spec
      .given([...openLog, planned])
      .when({ type: 'StartMeasure', measureId: 'm1', startedOn: '1900-01-01' }, by(per))
      .thenFails('INVALID_DATE');
    spec
      .given([...openLog, planned])
      .when({ type: 'EndMeasure', measureId: 'm9', reason: 'x' }, by(per))
      .thenFails('MEASURE_NOT_FOUND');
    const [ended] = spec
      .given([...openLog, planned])
      .when({ type: 'EndMeasure', measureId: 'm1', reason: 'Ikke lenger behov' }, by(per))
      .events();
    spec
      .given([...openLog, planned, ended])
      .when({ type: 'EndMeasure', measureId: 'm1', reason: 'x' }, by(per))
      .thenFails('MEASURE_ENDED');
    expect(facts.municipality).not.toBeNull();
  });
});
