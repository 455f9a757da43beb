import {
  AT,
  awaiting,
  by,
  consentGiven,
  facts,
  factsWithChild,
  far,
  give,
  initiated,
  kari,
  mor,
  motherGiver,
  noOnBehalf,
  ola,
  openLog,
  per,
  requested,
  spec,
  withdrawn,
} from '../testing/stafettlogg-fixtures';
import type { StafettloggCommand } from './commands';
import type { InformationCategory } from './consent';
import { consentRequestedFromVersion1 } from './events';

const start = (
  overrides: Partial<Extract<StafettloggCommand, { type: 'StartStafettlogg' }>> = {},
) =>
  ({
    type: 'StartStafettlogg',
    logId: 'l1',
    concernId: 'k1',
    consentId: 'sam1',
    scope:
      requested.type === 'ConsentRequested'
        ? { ...requested.data.scope, purpose: requested.data.personal.purpose }
        : ({} as never),
    ...overrides,
  }) as const;

describe('a ConsentRequested of schema version 1, read as version 2', () => {
  it('moves the purpose from the scope to the personal part', () => {
    expect(
      consentRequestedFromVersion1({
        consentId: 'sam1',
        scope: { services: ['helsestasjon'], categories: ['health'], purpose: 'Samordne hjelp' },
        requestedBy: { staffId: 'kari', serviceId: 'helsestasjon' },
        requestedAt: AT,
      }),
    ).toEqual({
      consentId: 'sam1',
      scope: { services: ['helsestasjon'], categories: ['health'] },
      requestedBy: { staffId: 'kari', serviceId: 'helsestasjon' },
      requestedAt: AT,
      personal: { purpose: 'Samordne hjelp' },
    });
  });
});

describe('stafettlogg: starting and consent', () => {
  it('starts a log from a concern decided "involve others" with a consent request', () => {
    spec.given([]).when(start()).then([initiated, requested]);
  });

  it.each([
    [
      'a concern not decided for cooperation',
      {},
      { concern: { ...facts.concern!, outcome: 'help_within_service' as const } },
      'CONCERN_NOT_DECIDED',
    ],
    [
      'another service’s concern',
      {},
      { concern: { ...facts.concern!, serviceId: 'skole' } },
      'CONCERN_NOT_FOUND',
    ],
    ['a concern the caller may not know', {}, { concern: null }, 'CONCERN_NOT_FOUND'],
    ['a scope without categories', { categories: [] }, {}, 'INVALID_CONSENT_SCOPE'],
    [
      'a scope without the requesting service',
      { services: ['barnehage'] },
      {},
      'INVALID_CONSENT_SCOPE',
    ],
    ['a scope without a purpose', { purpose: ' ' }, {}, 'INVALID_CONSENT_SCOPE'],
    [
      'a scope naming an unregistered service',
      { services: ['helsestasjon', 'tannhelse'] },
      {},
      'UNKNOWN_SERVICE',
    ],
    ['a municipality not enrolled', {}, { municipality: null }, 'MUNICIPALITY_NOT_ENROLLED'],
  ] as const)('refuses a start from %s', (_, scopeOverride, factsOverride, code) => {
    const scope = {
      services: ['helsestasjon'],
      categories: ['health'],
      purpose: 'p',
      ...scopeOverride,
    } as const;
    spec
      .given([])
      .when(
        start({
          scope: { ...scope, services: [...scope.services], categories: [...scope.categories] },
        }),
        {
          facts: { ...facts, ...factsOverride },
        },
      )
      .thenFails(code);
  });

  it('refuses to start a log whose id is taken, with the answer a new id gets to whoever may not know its concern', () => {
    spec.given(awaiting).when(start()).thenFails('STAFETTLOGG_EXISTS');
    // Another municipality's staff: the concern is not theirs, whether or not the log's id is taken
    // (a taken one answered SERVICE_NOT_REGISTERED, found from outside).
    const elsewhere = { ...kari, municipalityId: 'bamble', serviceId: 'barnehage-1' };
    for (const history of [[], awaiting])
      spec.given(history).when(start(), by(elsewhere)).thenFails('CONCERN_NOT_FOUND');
  });

  // Only a service's own concern starts a log: anyone else is told there is no such concern.
  it.each([
    ['a guardian', mor],
    ['staff of an unregistered service', { ...kari, serviceId: 'tannhelse' }],
    ['staff without a service', { ...kari, serviceId: null }],
  ] as const)('is started only by staff of the concern’s service, not %s', (_, actor) => {
    spec.given([]).when(start(), by(actor)).thenFails('CONCERN_NOT_FOUND');
  });

  it('asks for a further consent from a service taking part, never on a closed log', () => {
    const further = {
      type: 'RequestConsent',
      consentId: 'sam2',
      scope: { services: ['barnehage'], categories: ['leisure'], purpose: 'Fritid' },
    } as const;
    const [event] = spec.given(openLog).when(further, by(per)).events();
    expect(event).toMatchObject({ type: 'ConsentRequested', data: { consentId: 'sam2' } });
    spec
      .given(openLog)
      .when({ ...further, consentId: 'sam1' }, by(per))
      .thenFails('CONSENT_EXISTS');
    spec
      .given(openLog)
      .when(
        { ...further, scope: { ...further.scope, services: ['nav'] } },
        by({ ...per, subject: 'x', serviceId: 'nav' }),
      )
      .thenFails('SERVICE_NOT_PARTICIPATING');
  });

  it('is given by a guardian with parental responsibility', () => {
    spec.given(awaiting).when(give(), by(mor)).then([consentGiven]);
  });

  it('can be recorded by staff from a paper form, naming who signed it', () => {
    const [event] = spec
      .given(awaiting)
      .when(give({ givenByGuardianId: 'g1', paperFormReference: 'arkiv 2026/118' }), by(kari))
      .events();
    expect(event).toMatchObject({
      type: 'ConsentGiven',
      data: {
        givenBy: motherGiver,
        form: { kind: 'paper', reference: 'arkiv 2026/118' },
        recordedBy: { kind: 'staff', staffId: 'kari' },
      },
    });
  });

  it.each([
    ['without a paper form reference', { givenByGuardianId: 'g1' }],
    [
      'with a reference of blanks and a zero-width space',
      { givenByGuardianId: 'g1', paperFormReference: '  \u200b' },
    ],
    ['without saying who signed', { paperFormReference: 'arkiv 1' }],
    [
      'naming both a guardian and the young person',
      { givenByGuardianId: 'g1', givenByYouth: true, paperFormReference: 'arkiv 1' },
    ],
  ])('refuses a paper consent recorded by staff %s', (_, onBehalf) => {
    spec
      .given(awaiting)
      .when(give({ ...noOnBehalf, ...onBehalf }), by(kari))
      .thenFails('PAPER_FORM_REQUIRED');
  });

  it('refuses a paper form naming a guardian not in the family', () => {
    spec
      .given(awaiting)
      .when(give({ givenByGuardianId: 'g9', paperFormReference: 'arkiv 1' }), by(kari))
      .thenFails('GUARDIAN_NOT_FOUND');
  });

  it('refuses on-behalf fields from a guardian, who acts for themselves', () => {
    spec
      .given(awaiting)
      .when(give({ paperFormReference: 'x' }), by(mor))
      .thenFails('ON_BEHALF_NOT_ALLOWED');
    spec
      .given(awaiting)
      .when(give({ givenByYouth: false }), by(mor))
      .thenFails('ON_BEHALF_NOT_ALLOWED');
  });

  it('refuses a guardian who signs in but is not in the family, as if the log did not exist', () => {
    spec
      .given(awaiting)
      .when(give(), by({ ...mor, subject: 'idp|stranger' }))
      .thenFails('STAFETTLOGG_NOT_FOUND');
  });

  it.each([
    ['a guardian without parental responsibility', give(), by(far), 'CONSENT_GIVER_NOT_AUTHORISED'],
    [
      'a guardian once the young person is 16',
      give(),
      { by: mor, facts: factsWithChild('2010-03-01') },
      'CONSENT_GIVER_NOT_AUTHORISED',
    ],
    [
      'the young person before the consent age',
      give(),
      { by: ola, facts: factsWithChild('2011-06-01', 15) },
      'CONSENT_GIVER_NOT_AUTHORISED',
    ],
    [
      'a validity that has ended',
      give({ validFrom: '2025-01-01', validUntil: '2025-12-31' }),
      by(mor),
      'INVALID_VALIDITY',
    ],
    [
      'a validity ending before it starts',
      give({ validFrom: '2026-05-01', validUntil: '2026-04-01' }),
      by(mor),
      'INVALID_VALIDITY',
    ],
    [
      'a validity from long before it was signed',
      give({ validFrom: '1900-01-01' }),
      by(mor),
      'INVALID_VALIDITY',
    ],
    ['a validity for generations', give({ validUntil: '2199-12-31' }), by(mor), 'INVALID_VALIDITY'],
    ['an unknown consent', give({ consentId: 'nope' }), by(mor), 'CONSENT_NOT_FOUND'],
  ] as const)('refuses consent from %s', (_, command, given, code) => {
    spec.given(awaiting).when(command, given).thenFails(code);
  });

  it('is given by the young person alone from the municipality’s consent age (15 here)', () => {
    const [event] = spec
      .given(awaiting)
      .when(give(), { by: ola, facts: factsWithChild('2011-03-01', 15) })
      .events();
    expect(event).toMatchObject({
      type: 'ConsentGiven',
      data: { givenBy: { kind: 'youth', subjectId: 'c1' } },
    });
  });

  it('covers no day before the young person who gives it had the say', () => {
    // 20 March 2026: fifteen since 1 March, under a consent age of 15.
    const fifteen = factsWithChild('2011-03-01', 15);
    spec
      .given(awaiting)
      .when(give({ validFrom: '2026-02-28' }), { by: ola, facts: fifteen })
      .thenFails('INVALID_VALIDITY');
    expect(
      spec
        .given(awaiting)
        .when(give({ validFrom: '2026-03-01' }), { by: ola, facts: fifteen })
        .events()[0].type,
    ).toBe('ConsentGiven');
  });

  it('records a refusal, and a refused consent cannot be given afterwards', () => {
    const refused = {
      type: 'ConsentRefused',
      data: { consentId: 'sam1', refusedBy: motherGiver, at: AT, personal: { reason: null } },
    } as const;
    spec
      .given(awaiting)
      .when({ type: 'RefuseConsent', consentId: 'sam1', reason: null, ...noOnBehalf }, by(mor))
      .then([refused]);
    spec
      .given([...awaiting, refused])
      .when(give(), by(mor))
      .thenFails('CONSENT_NOT_PENDING');
  });

  it('takes a refusal’s reason left out, never one given blank (TEXT_REQUIRED)', () => {
    for (const blank of ['', '   ', '\u200b\u3164'])
      spec
        .given(awaiting)
        .when({ type: 'RefuseConsent', consentId: 'sam1', reason: blank, ...noOnBehalf }, by(mor))
        .thenFails('TEXT_REQUIRED');
  });

  it('is withdrawn at once, and renewed by extending its validity', () => {
    const withdraw = { type: 'WithdrawConsent', consentId: 'sam1', ...noOnBehalf } as const;
    spec.given(openLog).when(withdraw, by(mor)).then([withdrawn]);
    spec
      .given([...openLog, withdrawn])
      .when(withdraw, by(mor))
      .thenFails('CONSENT_NOT_GIVEN');
    const renew = {
      type: 'RenewConsent',
      consentId: 'sam1',
      validUntil: '2028-03-16',
      ...noOnBehalf,
    } as const;
    spec
      .given(openLog)
      .when(renew, by(mor))
      .then([
        {
          type: 'ConsentRenewed',
          data: { consentId: 'sam1', renewedBy: motherGiver, validUntil: '2028-03-16', at: AT },
        },
      ]);
    spec
      .given(openLog)
      .when({ ...renew, validUntil: '2026-12-31' }, by(mor))
      .thenFails('INVALID_VALIDITY');
    spec
      .given(openLog)
      .when({ ...renew, validUntil: '2199-12-31' }, by(mor))
      .thenFails('INVALID_VALIDITY');
  });

  it('takes the consent age from the log’s own rules once it is open', () => {
    // The municipality lowered its consent age to 15 after this log opened under 16: the log keeps 16.
    const fifteen = factsWithChild('2011-03-01', 15);
    const withdraw = { type: 'WithdrawConsent', consentId: 'sam1', ...noOnBehalf } as const;
    spec.given(openLog).when(withdraw, { by: mor, facts: fifteen }).then([withdrawn]);
    spec
      .given(openLog)
      .when(withdraw, { by: ola, facts: fifteen })
      .thenFails('CONSENT_GIVER_NOT_AUTHORISED');
    expect(consentGiven.type).toBe('ConsentGiven');
  });
});

describe('stafettlogg: the young person’s choice of what the guardians read', () => {
  const choose = (keptFromGuardians: InformationCategory[]): StafettloggCommand => ({
    type: 'ChooseGuardianSharing',
    keptFromGuardians,
  });

  it('is the young person’s from the consent age, sorted and without repeats', () => {
    const [event] = spec
      .given(openLog)
      .when(choose(['school_situation', 'leisure', 'school_situation']), {
        by: ola,
        facts: factsWithChild('2009-01-01'),
      })
      .events();
    expect(event).toMatchObject({
      type: 'GuardianSharingChosen',
      data: { keptFromGuardians: ['leisure', 'school_situation'] },
    });
  });

  it.each([
    [
      'before the consent age',
      { by: ola, facts: factsWithChild('2012-01-01') },
      'BELOW_CONSENT_AGE',
    ],
    ['for a guardian', { by: mor, facts: factsWithChild('2009-01-01') }, 'STAFETTLOGG_NOT_FOUND'],
    ['for staff', { by: kari, facts: factsWithChild('2009-01-01') }, 'STAFETTLOGG_NOT_FOUND'],
  ] as const)('is refused %s', (_, given, code) => {
    spec
      .given(openLog)
      .when(choose(['leisure']), given)
      .thenFails(code);
  });
});
