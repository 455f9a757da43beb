import { DEFAULT_HANDLINGSVEILEDER } from '../municipality/municipality';
import { foldEvents } from '../shared/decider';
import { deciderSpec } from '../testing/decider-spec';
import {
  stafettloggDecider,
  type LogRules,
  type StafettloggCommand,
  type StafettloggEvent,
} from './stafettlogg';

const spec = deciderSpec(stafettloggDecider);
const AT = '2026-03-20T10:00:00.000Z';
const rules: LogRules = {
  version: 1,
  levels: DEFAULT_HANDLINGSVEILEDER.levels,
  measureEvaluationIntervalDays: 42,
  consentAge: 16,
  inactivityThresholdDays: 60,
};
const hs = { staffId: 'kari', serviceId: 'helsestasjon' };
const bh = { staffId: 'per', serviceId: 'barnehage' };
const hsBy = { ...hs, coordinator: false };
const bhBy = { ...bh, coordinator: false };
const coordinator = { staffId: 'koord', serviceId: 'helsestasjon', coordinator: true };
const mother = { kind: 'guardian', guardianId: 'g1' } as const;
const under16 = { subjectAge: 6, consentAge: 16 };

const initiated: StafettloggEvent = {
  type: 'StafettloggInitiated',
  data: {
    logId: 'l1',
    concernId: 'k1',
    familyId: 'f1',
    subjectId: 'c1',
    municipalityId: 'vestre-toten',
    initiatedBy: hs,
  },
};
const requested: StafettloggEvent = {
  type: 'ConsentRequested',
  data: {
    consentId: 'sam1',
    scope: {
      services: ['helsestasjon', 'barnehage'],
      categories: ['health', 'kindergarten_situation'],
      purpose: 'Samordne hjelp',
    },
    requestedBy: hs,
    requestedAt: AT,
  },
};
const given: StafettloggEvent = {
  type: 'ConsentGiven',
  data: {
    consentId: 'sam1',
    givenBy: mother,
    form: { kind: 'digital' },
    validFrom: '2026-03-17',
    validUntil: '2027-03-16',
    recordedBy: { kind: 'guardian', guardianId: 'g1', parentalResponsibility: true },
    at: AT,
  },
};
const opened: StafettloggEvent[] = [
  {
    type: 'StafettloggOpened',
    data: { level: 2, stafettholder: hs, rules, openedBy: hs, openedAt: AT },
  },
  {
    type: 'ServiceJoined',
    data: { serviceId: 'helsestasjon', hidden: false, addedBy: hs, at: AT },
  },
];
const bhJoined: StafettloggEvent = {
  type: 'ServiceJoined',
  data: { serviceId: 'barnehage', hidden: false, addedBy: hs, at: AT },
};
const openLog = [initiated, requested, given, ...opened, bhJoined];
const withdrawn: StafettloggEvent = {
  type: 'ConsentWithdrawn',
  data: { consentId: 'sam1', withdrawnBy: mother, at: AT },
};
const planned: StafettloggEvent = {
  type: 'MeasurePlanned',
  data: {
    measureId: 'm1',
    responsible: bh,
    startDate: '2026-03-23',
    evaluationDate: '2026-05-04',
    initiativeId: null,
    catalogueEntryId: null,
    plannedBy: hs,
    at: AT,
    personal: { goal: 'Bedre søvn' },
  },
};
const started: StafettloggEvent = {
  type: 'MeasureStarted',
  data: { measureId: 'm1', startedOn: '2026-03-23', by: bh },
};
const offered: StafettloggEvent = {
  type: 'StafettholderHandoverOffered',
  data: { to: bh, offeredBy: hs, at: AT },
};

const entry = (
  overrides: Partial<Extract<StafettloggCommand, { type: 'AddEntry' }>> = {},
): StafettloggCommand => ({
  type: 'AddEntry',
  entryId: 'e1',
  kind: 'observation',
  category: 'kindergarten_situation',
  sharedWithGuardians: true,
  text: 'Sov bedre denne uka',
  correctsEntryId: null,
  actor: { kind: 'staff', ...bh, coordinator: false },
  at: AT,
  ...overrides,
});
const give = (
  overrides: Partial<Extract<StafettloggCommand, { type: 'GiveConsent' }>> = {},
): StafettloggCommand => ({
  type: 'GiveConsent',
  consentId: 'sam1',
  giver: mother,
  actor: { kind: 'guardian', guardianId: 'g1', parentalResponsibility: true },
  competence: under16,
  giverHasParentalResponsibility: true,
  form: { kind: 'digital' },
  validFrom: '2026-03-17',
  validUntil: '2027-03-16',
  at: AT,
  ...overrides,
});

describe('stafettlogg decider', () => {
  describe('consent', () => {
    it('starts a log from a concern decided "involve others" with a consent request', () => {
      spec
        .given([])
        .when({
          type: 'RequestConsent',
          consentId: 'sam1',
          scope: requested.type === 'ConsentRequested' ? requested.data.scope : ({} as never),
          log: {
            logId: 'l1',
            concernId: 'k1',
            familyId: 'f1',
            subjectId: 'c1',
            municipalityId: 'vestre-toten',
            concernOutcome: 'involve_others',
            concernServiceId: 'helsestasjon',
          },
          by: hsBy,
          at: AT,
        })
        .then([initiated, requested]);
    });

    it.each([
      [
        'a concern not decided for cooperation',
        { concernOutcome: 'help_within_service' },
        {},
        'CONCERN_NOT_DECIDED',
      ],
      ['another service’s concern', { concernServiceId: 'skole' }, {}, 'CONCERN_NOT_FOUND'],
      ['a scope without categories', {}, { categories: [] }, 'INVALID_CONSENT_SCOPE'],
      [
        'a scope without the requesting service',
        {},
        { services: ['barnehage'] },
        'INVALID_CONSENT_SCOPE',
      ],
      ['a scope without a purpose', {}, { purpose: ' ' }, 'INVALID_CONSENT_SCOPE'],
    ])('refuses a request for %s', (_, logOverride, scopeOverride, code) => {
      spec
        .given([])
        .when({
          type: 'RequestConsent',
          consentId: 'sam1',
          scope: {
            services: ['helsestasjon'],
            categories: ['health'],
            purpose: 'p',
            ...scopeOverride,
          },
          log: {
            logId: 'l1',
            concernId: 'k1',
            familyId: 'f1',
            subjectId: 'c1',
            municipalityId: 'm',
            concernOutcome: 'involve_others',
            concernServiceId: 'helsestasjon',
            ...logOverride,
          },
          by: hsBy,
          at: AT,
        })
        .thenFails(code);
    });

    it('is given by a guardian with parental responsibility', () => {
      spec.given([initiated, requested]).when(give()).then([given]);
    });

    it('can be recorded by staff from a paper form', () => {
      const [event] = spec
        .given([initiated, requested])
        .when(
          give({
            actor: { kind: 'staff', ...hs, coordinator: false },
            form: { kind: 'paper', reference: 'arkiv 2026/118' },
          }),
        )
        .events();
      expect(event).toMatchObject({
        type: 'ConsentGiven',
        data: { form: { kind: 'paper', reference: 'arkiv 2026/118' } },
      });
    });

    it.each([
      [
        'a guardian without parental responsibility',
        give({ giverHasParentalResponsibility: false }),
        'CONSENT_GIVER_NOT_AUTHORISED',
      ],
      [
        'a guardian once the young person is 16',
        give({ competence: { subjectAge: 16, consentAge: 16 } }),
        'CONSENT_GIVER_NOT_AUTHORISED',
      ],
      [
        'the young person before the consent age',
        give({
          giver: { kind: 'youth', subjectId: 'c1' },
          actor: { kind: 'youth', subjectId: 'c1' },
          competence: { subjectAge: 14, consentAge: 15 },
        }),
        'CONSENT_GIVER_NOT_AUTHORISED',
      ],
      [
        'staff giving it digitally',
        give({ actor: { kind: 'staff', ...hs, coordinator: false } }),
        'INVALID_CONSENT_FORM',
      ],
      [
        'a validity that has ended',
        give({ validFrom: '2025-01-01', validUntil: '2025-12-31' }),
        'INVALID_VALIDITY',
      ],
      [
        'a validity ending before it starts',
        give({ validFrom: '2026-05-01', validUntil: '2026-04-01' }),
        'INVALID_VALIDITY',
      ],
      ['an unknown consent', give({ consentId: 'nope' }), 'CONSENT_NOT_FOUND'],
    ])('refuses consent from %s', (_, command, code) => {
      spec.given([initiated, requested]).when(command).thenFails(code);
    });

    it('is given by the young person alone from the municipality’s consent age (15 here)', () => {
      const youth = { kind: 'youth', subjectId: 'c1' } as const;
      const [event] = spec
        .given([initiated, requested])
        .when(give({ giver: youth, actor: youth, competence: { subjectAge: 15, consentAge: 15 } }))
        .events();
      expect(event).toMatchObject({ type: 'ConsentGiven', data: { givenBy: youth } });
    });

    it('records a refusal, and a refused consent cannot be given afterwards', () => {
      const refusal = {
        type: 'RefuseConsent',
        consentId: 'sam1',
        giver: mother,
        competence: under16,
        giverHasParentalResponsibility: true,
        reason: null,
        at: AT,
      } as const;
      spec
        .given([initiated, requested])
        .when(refusal)
        .then([
          {
            type: 'ConsentRefused',
            data: { consentId: 'sam1', refusedBy: mother, at: AT, personal: { reason: null } },
          },
        ]);
      spec
        .given([
          initiated,
          requested,
          {
            type: 'ConsentRefused',
            data: { consentId: 'sam1', refusedBy: mother, at: AT, personal: { reason: null } },
          },
        ])
        .when(give())
        .thenFails('CONSENT_NOT_PENDING');
    });

    it('is withdrawn at once, and renewed by extending its validity', () => {
      const withdraw = {
        type: 'WithdrawConsent',
        consentId: 'sam1',
        giver: mother,
        competence: under16,
        giverHasParentalResponsibility: true,
        at: AT,
      } as const;
      spec.given(openLog).when(withdraw).then([withdrawn]);
      spec
        .given([...openLog, withdrawn])
        .when(withdraw)
        .thenFails('CONSENT_NOT_GIVEN');
      const renew = {
        type: 'RenewConsent',
        consentId: 'sam1',
        giver: mother,
        competence: under16,
        giverHasParentalResponsibility: true,
        validUntil: '2028-03-16',
        at: AT,
      } as const;
      spec
        .given(openLog)
        .when(renew)
        .then([
          {
            type: 'ConsentRenewed',
            data: { consentId: 'sam1', renewedBy: mother, validUntil: '2028-03-16', at: AT },
          },
        ]);
      spec
        .given(openLog)
        .when({ ...renew, validUntil: '2026-12-31' })
        .thenFails('INVALID_VALIDITY');
    });
  });

  describe('opening and joining', () => {
    const open = { type: 'OpenStafettlogg', level: 2, rules, by: hsBy, at: AT } as const;

    it('opens only with an active consent, naming the opener stafettholder', () => {
      spec.given([initiated, requested, given]).when(open).then(opened);
    });

    it.each([
      ['without any consent', [initiated, requested], open, 'CONSENT_REQUIRED'],
      [
        'after the consent expired',
        [initiated, requested, given],
        { ...open, at: '2027-03-17T08:00:00.000Z' },
        'CONSENT_REQUIRED',
      ],
      [
        'after the consent was withdrawn',
        [initiated, requested, given, withdrawn],
        open,
        'CONSENT_REQUIRED',
      ],
      [
        'by a service outside the consent',
        [initiated, requested, given],
        { ...open, by: { staffId: 'x', serviceId: 'nav', coordinator: false } },
        'OUTSIDE_CONSENT_SCOPE',
      ],
      ['at level 0', [initiated, requested, given], { ...open, level: 0 }, 'INVALID_LEVEL'],
      [
        'at a level the municipality does not use',
        [initiated, requested, given],
        { ...open, rules: { ...rules, levels: rules.levels.filter((l) => l.level !== 2) } },
        'INVALID_LEVEL',
      ],
      ['twice', openLog, open, 'LOG_ALREADY_OPEN'],
    ] as const)('refuses to open %s', (_, history, command, code) => {
      spec
        .given([...history])
        .when(command)
        .thenFails(code);
    });

    it('lets a service join only inside the consent, hidden if it must be', () => {
      spec
        .given([initiated, requested, given, ...opened])
        .when({ type: 'JoinService', serviceId: 'barnehage', hidden: false, by: hsBy, at: AT })
        .then([bhJoined]);
      spec
        .given([initiated, requested, given, ...opened])
        .when({ type: 'JoinService', serviceId: 'barnevern', hidden: true, by: hsBy, at: AT })
        .thenFails('OUTSIDE_CONSENT_SCOPE');
      spec
        .given(openLog)
        .when({ type: 'JoinService', serviceId: 'barnehage', hidden: false, by: hsBy, at: AT })
        .thenFails('SERVICE_ALREADY_PARTICIPATING');
    });
  });

  describe('entries', () => {
    it('adds an entry inside the consent’s services and categories', () => {
      const [event] = spec.given(openLog).when(entry()).events();
      expect(event).toMatchObject({
        type: 'EntryAdded',
        data: {
          serviceId: 'barnehage',
          category: 'kindergarten_situation',
          author: { kind: 'staff', staffId: 'per' },
        },
      });
    });

    it.each([
      [
        'a category outside the consent',
        [...openLog],
        entry({ category: 'child_welfare' }),
        'OUTSIDE_CONSENT_SCOPE',
      ],
      [
        'a service outside the consent',
        [...openLog],
        entry({ actor: { kind: 'staff', staffId: 'x', serviceId: 'nav', coordinator: false } }),
        'OUTSIDE_CONSENT_SCOPE',
      ],
      [
        'a consented service that has not joined',
        [initiated, requested, given, ...opened],
        entry(),
        'SERVICE_NOT_PARTICIPATING',
      ],
      [
        'anything after the consent was withdrawn',
        [...openLog, withdrawn],
        entry(),
        'CONSENT_REQUIRED',
      ],
      [
        'anything after the consent expired',
        [...openLog],
        entry({ at: '2027-04-01T10:00:00.000Z' }),
        'CONSENT_REQUIRED',
      ],
      ['an entry without text', [...openLog], entry({ text: ' ' }), 'TEXT_REQUIRED'],
      [
        'staff writing the guardians’ voice',
        [...openLog],
        entry({ kind: 'guardians_voice' }),
        'INVALID_ENTRY_KIND',
      ],
      [
        'a guardian writing an observation',
        [...openLog],
        entry({ actor: { kind: 'guardian', guardianId: 'g1', parentalResponsibility: true } }),
        'INVALID_ENTRY_KIND',
      ],
      [
        'a correction of an unknown entry',
        [...openLog],
        entry({ correctsEntryId: 'nope' }),
        'ENTRY_NOT_FOUND',
      ],
      [
        'an entry in a closed log',
        [
          ...openLog,
          {
            type: 'StafettloggClosed',
            data: {
              reason: 'needs_met',
              familyEvaluation: null,
              closedBy: hs,
              at: AT,
              personal: { evaluationMissingReason: 'flyttet' },
            },
          },
        ],
        entry(),
        'LOG_CLOSED',
      ],
    ] as const)('refuses %s', (_, history, command, code) => {
      spec
        .given([...history] as StafettloggEvent[])
        .when(command)
        .thenFails(code);
    });

    it('lets the guardians add their own voice, shared with them', () => {
      const [event] = spec
        .given(openLog)
        .when(
          entry({
            kind: 'guardians_voice',
            category: 'family_situation',
            actor: { kind: 'guardian', guardianId: 'g1', parentalResponsibility: true },
          }),
        )
        .events();
      expect(event).toMatchObject({
        type: 'EntryAdded',
        data: { kind: 'guardians_voice', serviceId: null },
      });
    });

    it('corrects with a new entry that points at the original, by the same service only', () => {
      const original = spec.given(openLog).when(entry()).events();
      const [correction] = spec
        .given([...openLog, ...original])
        .when(entry({ entryId: 'e2', correctsEntryId: 'e1' }))
        .events();
      expect(correction).toMatchObject({ type: 'EntryAdded', data: { correctsEntryId: 'e1' } });
      spec
        .given([...openLog, ...original])
        .when(
          entry({
            entryId: 'e2',
            correctsEntryId: 'e1',
            category: 'health',
            actor: { kind: 'staff', ...hs, coordinator: false },
          }),
        )
        .thenFails('CORRECTION_BY_OTHER_SERVICE');
    });
  });

  describe('measures', () => {
    const plan = {
      type: 'PlanMeasure',
      measureId: 'm1',
      goal: 'Bedre søvn',
      responsible: bh,
      startDate: '2026-03-23',
      evaluationDate: null,
      initiativeId: null,
      catalogueEntryId: null,
      by: hsBy,
      at: AT,
    } as const;

    it('plans with an evaluation date from the log’s rules when none is given', () => {
      spec.given(openLog).when(plan).then([planned]);
    });

    it.each([
      [
        'a responsible service outside the log',
        { ...plan, responsible: { staffId: 'x', serviceId: 'nav' } },
        'OUTSIDE_CONSENT_SCOPE',
      ],
      [
        'an evaluation before the start',
        { ...plan, evaluationDate: '2026-03-01' },
        'INVALID_EVALUATION_DATE',
      ],
      ['no goal', { ...plan, goal: '' }, 'GOAL_REQUIRED'],
    ] as const)('refuses a measure with %s', (_, command, code) => {
      spec.given(openLog).when(command).thenFails(code);
    });

    it('starts, is evaluated with the family’s view, and ends', () => {
      spec
        .given([...openLog, planned])
        .when({ type: 'StartMeasure', measureId: 'm1', startedOn: '2026-03-20', by: bhBy, at: AT })
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
        by: bhBy,
        at: '2026-05-04T09:00:00.000Z',
      } as const;
      const [evaluated] = spec
        .given([...openLog, planned, started])
        .when(evaluate)
        .events();
      expect(evaluated).toMatchObject({
        type: 'MeasureEvaluated',
        data: { onTime: true, nextEvaluationDate: '2026-06-15' },
      });
      const late = spec
        .given([...openLog, planned, started])
        .when({ ...evaluate, decision: 'end', at: '2026-05-10T09:00:00.000Z' })
        .events();
      expect(late.map((e) => e.type)).toEqual(['MeasureEvaluated', 'MeasureEnded']);
      expect(late[0]).toMatchObject({ data: { onTime: false } });
      spec
        .given([...openLog, planned])
        .when(evaluate)
        .thenFails('MEASURE_NOT_STARTED');
      spec
        .given([...openLog, planned, started])
        .when({ type: 'StartMeasure', measureId: 'm1', startedOn: '2026-03-20', by: bhBy, at: AT })
        .thenFails('MEASURE_NOT_PLANNED');
    });
  });

  describe('stafettholder', () => {
    it('hands over only when the new holder accepts; the old one holds the baton until then', () => {
      spec.given(openLog).when({ type: 'OfferHandover', to: bh, by: hsBy, at: AT }).then([offered]);
      const pending = foldEvents(stafettloggDecider, [...openLog, offered]);
      expect(pending.status !== 'none' && pending.stafettholder).toEqual(hs);
      spec
        .given([...openLog, offered])
        .when({ type: 'AcceptHandover', by: bhBy, at: AT })
        .then([
          {
            type: 'StafettholderHandoverAccepted',
            data: { stafettholder: bh, previous: hs, at: AT },
          },
        ]);
    });

    it.each([
      [
        'an offer by someone who is not the holder',
        openLog,
        { type: 'OfferHandover', to: bh, by: bhBy, at: AT },
        'NOT_STAFETTHOLDER',
      ],
      [
        'an offer to a service outside the log',
        openLog,
        { type: 'OfferHandover', to: { staffId: 'x', serviceId: 'nav' }, by: hsBy, at: AT },
        'HOLDER_NOT_PARTICIPATING',
      ],
      [
        'a second offer while one is pending',
        [...openLog, offered],
        { type: 'OfferHandover', to: bh, by: hsBy, at: AT },
        'HANDOVER_PENDING',
      ],
      [
        'acting as holder before accepting',
        [...openLog, offered],
        { type: 'ChangeLevel', to: 3, reason: 'r', by: bhBy, at: AT },
        'HANDOVER_NOT_ACCEPTED',
      ],
      [
        'accepting what was offered to someone else',
        [...openLog, offered],
        {
          type: 'AcceptHandover',
          by: { staffId: 'anne', serviceId: 'barnehage', coordinator: false },
          at: AT,
        },
        'HANDOVER_NOT_OFFERED',
      ],
      [
        'accepting when nothing was offered',
        openLog,
        { type: 'AcceptHandover', by: bhBy, at: AT },
        'HANDOVER_NOT_OFFERED',
      ],
    ] as const)('refuses %s', (_, history, command, code) => {
      spec
        .given([...history])
        .when(command)
        .thenFails(code);
    });

    it('keeps a hidden participant from holding the baton or samordningsansvar, which everyone sees', () => {
      const secretConsent: StafettloggEvent[] = [
        {
          type: 'ConsentRequested',
          data: {
            consentId: 'sam2',
            scope: {
              services: ['helsestasjon', 'barnevern'],
              categories: ['child_welfare'],
              purpose: 'p',
            },
            requestedBy: hs,
            requestedAt: AT,
          },
        },
        {
          type: 'ConsentGiven',
          data: {
            consentId: 'sam2',
            givenBy: mother,
            form: { kind: 'digital' },
            validFrom: '2026-03-17',
            validUntil: '2027-03-16',
            recordedBy: { kind: 'guardian', guardianId: 'g1', parentalResponsibility: true },
            at: AT,
          },
        },
        {
          type: 'ServiceJoined',
          data: { serviceId: 'barnevern', hidden: true, addedBy: hs, at: AT },
        },
      ];
      const bv = { staffId: 'bv1', serviceId: 'barnevern' };
      spec
        .given([...openLog, ...secretConsent])
        .when({ type: 'OfferHandover', to: bv, by: hsBy, at: AT })
        .thenFails('HIDDEN_SERVICE_CANNOT_HOLD');
      spec
        .given([...openLog, ...secretConsent])
        .when({ type: 'AssignSamordningsansvar', serviceId: 'barnevern', by: coordinator, at: AT })
        .thenFails('HIDDEN_SERVICE_CANNOT_HOLD');
    });

    it('lets a coordinator move the baton and assign samordningsansvar', () => {
      spec
        .given(openLog)
        .when({ type: 'OfferHandover', to: bh, by: coordinator, at: AT })
        .then([
          {
            type: 'StafettholderHandoverOffered',
            data: { to: bh, offeredBy: { staffId: 'koord', serviceId: 'helsestasjon' }, at: AT },
          },
        ]);
      spec
        .given(openLog)
        .when({ type: 'AssignSamordningsansvar', serviceId: 'barnehage', by: coordinator, at: AT })
        .then([
          {
            type: 'SamordningsansvarAssigned',
            data: {
              serviceId: 'barnehage',
              decidedBy: { staffId: 'koord', serviceId: 'helsestasjon' },
              at: AT,
            },
          },
        ]);
      spec
        .given(openLog)
        .when({ type: 'AssignSamordningsansvar', serviceId: 'nav', by: coordinator, at: AT })
        .thenFails('SERVICE_NOT_PARTICIPATING');
    });
  });

  describe('level, rules, closing', () => {
    it('changes level with a reason, within the municipality’s levels', () => {
      spec
        .given(openLog)
        .when({ type: 'ChangeLevel', to: 3, reason: 'Flere tjenester trengs', by: hsBy, at: AT })
        .then([
          {
            type: 'LevelChanged',
            data: {
              from: 2,
              to: 3,
              changedBy: hs,
              at: AT,
              personal: { reason: 'Flere tjenester trengs' },
            },
          },
        ]);
      spec
        .given(openLog)
        .when({ type: 'ChangeLevel', to: 3, reason: '', by: hsBy, at: AT })
        .thenFails('REASON_REQUIRED');
      spec
        .given(openLog)
        .when({ type: 'ChangeLevel', to: 2, reason: 'x', by: hsBy, at: AT })
        .thenFails('NO_CHANGE');
      spec
        .given(openLog)
        .when({ type: 'ChangeLevel', to: 0, reason: 'x', by: hsBy, at: AT })
        .thenFails('INVALID_LEVEL');
    });

    it('steers the log only under an active consent, but closes it without one', () => {
      const afterWithdrawal = [...openLog, withdrawn];
      spec
        .given(afterWithdrawal)
        .when({ type: 'ChangeLevel', to: 3, reason: 'r', by: hsBy, at: AT })
        .thenFails('CONSENT_REQUIRED');
      spec
        .given(afterWithdrawal)
        .when({ type: 'OfferHandover', to: bh, by: hsBy, at: AT })
        .thenFails('CONSENT_REQUIRED');
      spec
        .given(afterWithdrawal)
        .when({ type: 'AssignSamordningsansvar', serviceId: 'barnehage', by: hsBy, at: AT })
        .thenFails('CONSENT_REQUIRED');
      spec
        .given(afterWithdrawal)
        .when({ type: 'MoveToCurrentRules', rules: { ...rules, version: 2 }, by: hsBy, at: AT })
        .thenFails('CONSENT_REQUIRED');
      const [closed] = spec
        .given(afterWithdrawal)
        .when({
          type: 'CloseStafettlogg',
          reason: 'consent_withdrawn',
          familyEvaluation: null,
          evaluationMissingReason: 'Familien ønsket å avslutte',
          by: hsBy,
          at: AT,
        })
        .events();
      expect(closed.type).toBe('StafettloggClosed');
    });

    it('keeps the rules in force at opening until moved on explicitly', () => {
      const newer = { ...rules, version: 2, measureEvaluationIntervalDays: 30 };
      spec
        .given(openLog)
        .when({ type: 'MoveToCurrentRules', rules: newer, by: hsBy, at: AT })
        .then([{ type: 'RulesMovedOn', data: { rules: newer, by: hs, at: AT } }]);
      spec
        .given(openLog)
        .when({
          type: 'MoveToCurrentRules',
          rules: { ...newer, levels: rules.levels.filter((l) => l.level !== 2) },
          by: hsBy,
          at: AT,
        })
        .thenFails('INVALID_LEVEL');
    });

    it('closes with the family’s evaluation, or a reason why there is none, and reopens under consent', () => {
      const close = {
        type: 'CloseStafettlogg',
        reason: 'needs_met',
        familyEvaluation: { coordination: 4, accessibility: 5, participation: 4, comment: null },
        evaluationMissingReason: null,
        by: hsBy,
        at: AT,
      } as const;
      const [closed] = spec.given(openLog).when(close).events();
      expect(closed).toMatchObject({ type: 'StafettloggClosed', data: { reason: 'needs_met' } });
      spec
        .given(openLog)
        .when({ ...close, familyEvaluation: null })
        .thenFails('FAMILY_EVALUATION_REQUIRED');
      spec
        .given(openLog)
        .when({
          ...close,
          familyEvaluation: { coordination: 6, accessibility: 5, participation: 4, comment: null },
        })
        .thenFails('INVALID_EVALUATION');
      spec
        .given(openLog)
        .when({ ...close, by: bhBy })
        .thenFails('NOT_STAFETTHOLDER');
      const reopen = {
        type: 'ReopenStafettlogg',
        reason: 'Ny bekymring',
        by: hsBy,
        at: AT,
      } as const;
      spec
        .given([...openLog, closed])
        .when(reopen)
        .then([
          {
            type: 'StafettloggReopened',
            data: { reopenedBy: hs, at: AT, personal: { reason: 'Ny bekymring' } },
          },
        ]);
      spec
        .given([...openLog, withdrawn, closed])
        .when(reopen)
        .thenFails('CONSENT_REQUIRED');
      spec.given(openLog).when(reopen).thenFails('LOG_NOT_CLOSED');
    });
  });
});
