import { deciderSpec } from '../testing/decider-spec';
import {
  facts as logFacts,
  far,
  kari,
  mor,
  navStaff,
  ola,
  per,
} from '../testing/stafettlogg-fixtures';
import { arenaDecider, type ArenaCommand, type ArenaEvent, type ArenaFacts } from './arena';

const admin = {
  subject: 'admin-vt',
  role: 'admin',
  municipalityId: 'vestre-toten',
  serviceId: null,
} as const;
const log = {
  logId: 'l1',
  familyId: 'f1',
  subjectId: 'c1',
  municipalityId: 'vestre-toten',
  level: 2 as const,
  consents: [
    {
      status: 'given' as const,
      scope: {
        services: ['helsestasjon', 'barnehage'],
        categories: ['health' as const],
        purpose: 'p',
      },
      validFrom: '2026-01-01',
      validUntil: '2026-12-31',
    },
  ],
  services: { helsestasjon: { hidden: false }, barnehage: { hidden: false } },
  consentAge: 16,
};
const facts: ArenaFacts = {
  municipality: logFacts.municipality,
  family: logFacts.family,
  log,
  redirectTo: null,
};
const ressursteam = { arenaId: 'ressursteam', municipalityId: 'vestre-toten' };
const spec = deciderSpec(arenaDecider, { by: admin, at: '2026-03-20T10:00:00.000Z', facts });
const establish: ArenaCommand = {
  type: 'EstablishArena',
  arenaId: 'kt',
  kind: 'kompetanseteam',
  name: 'Kompetanseteam 0–6',
  mandate: 'Råd til ansatte i barnehage og helsestasjon',
  intakeCriteria: 'Undring eller bekymring der egen tjeneste står fast',
  memberServices: ['helsestasjon', 'barnehage'],
  meetingRhythm: 'Første tirsdag i måneden',
  acceptsCitizenReferrals: false,
};
const established = spec.given([]).when(establish).events();
const refer = (
  changes: Partial<Extract<ArenaCommand, { type: 'ReferCase' }>> = {},
): ArenaCommand => ({
  type: 'ReferCase',
  referralId: 'r1',
  familyId: 'f1',
  logId: 'l1',
  reason: 'Trenger flere øyne på saken',
  ...changes,
});
const referred = [...established, ...spec.given(established).when(refer(), { by: kari }).events()];

describe('an arena', () => {
  it('is established with its mandate, intake criteria, members and rhythm', () => {
    expect(established[0]).toMatchObject({
      type: 'ArenaEstablished',
      data: {
        arenaId: 'kt',
        municipalityId: 'vestre-toten',
        memberServices: ['helsestasjon', 'barnehage'],
      },
    });
    spec.given(established).when(establish).thenFails('ARENA_EXISTS');
    spec
      .given([])
      .when({ ...establish, memberServices: [] })
      .thenFails('MEMBERS_REQUIRED');
    spec
      .given([])
      .when({ ...establish, memberServices: ['x'] })
      .thenFails('UNKNOWN_SERVICE');
    spec
      .given([])
      .when({ ...establish, mandate: ' ' })
      .thenFails('TEXT_REQUIRED');
  });

  it('takes a staff referral of a case whose consent names every member service', () => {
    expect(referred[1]).toMatchObject<Partial<ArenaEvent>>({
      type: 'CaseReferredToArena',
      data: expect.objectContaining({
        referralId: 'r1',
        logId: 'l1',
        level: 2,
        referrer: { kind: 'staff', staffId: 'kari', serviceId: 'helsestasjon' },
        consentCoversArena: true,
      }) as never,
    });
  });

  it.each([
    ['the case has no log', refer({ logId: null }), kari, facts, 'LOG_REQUIRED'],
    ['the referrer is outside the consent', refer(), navStaff, facts, 'OUTSIDE_CONSENT_SCOPE'],
    [
      'the consent does not name every member service',
      refer(),
      kari,
      {
        ...facts,
        log: {
          ...log,
          consents: [
            { ...log.consents[0], scope: { ...log.consents[0].scope, services: ['helsestasjon'] } },
          ],
        },
      },
      'OUTSIDE_CONSENT_SCOPE',
    ],
    [
      'the consent is withdrawn',
      refer(),
      kari,
      {
        ...facts,
        log: { ...log, consents: [{ ...log.consents[0], status: 'withdrawn' as const }] },
      },
      'CONSENT_REQUIRED',
    ],
    ['a guardian refers where only services may', refer(), mor, facts, 'CITIZEN_REFERRALS_CLOSED'],
    ['the family is another', refer({ familyId: 'f9' }), kari, facts, 'FAMILY_NOT_FOUND'],
    ['the reason is blank', refer({ reason: ' ' }), kari, facts, 'REASON_REQUIRED'],
  ])('refuses a referral when %s', (_, command, by, given, code) => {
    spec.given(established).when(command, { by, facts: given }).thenFails(code);
  });

  it('takes the family’s own referral where it is "en dør inn"', () => {
    const open = [
      ...spec
        .given([])
        .when({ ...establish, acceptsCitizenReferrals: true })
        .events(),
    ];
    const [event] = spec
      .given(open)
      .when(refer({ logId: null }), { by: mor })
      .events();
    expect(event).toMatchObject({
      data: {
        referrer: { kind: 'guardian', guardianId: 'g1' },
        logId: null,
        consentCoversArena: false,
      },
    });
    // A parent without parental responsibility does not send the child's case to a team.
    spec
      .given(open)
      .when(refer({ logId: null }), { by: far })
      .thenFails('CONSENT_GIVER_NOT_AUTHORISED');
    const stranger = { ...mor, subject: 'idp|stranger' };
    spec.given(open).when(refer(), { by: stranger }).thenFails('FAMILY_NOT_FOUND');
    expect(
      spec
        .given(open)
        .when(refer({ logId: null }), { by: ola })
        .events()[0],
    ).toMatchObject({
      data: {
        referrer: { kind: 'youth', subjectId: 'c1' },
        logId: null,
        consentCoversArena: false,
      },
    });
  });

  it('takes a guardian’s referral with the log only before the young person consents alone', () => {
    const open = spec
      .given([])
      .when({ ...establish, acceptsCitizenReferrals: true })
      .events();
    const aged = (birthDate: string, consentAge: number): ArenaFacts => {
      const family = facts.family as NonNullable<ArenaFacts['family']>;
      const c1 = family.subjects.c1;
      return {
        ...facts,
        family: {
          ...family,
          subjects: { c1: { ...c1, personal: { ...c1.personal, birthDate } } },
        },
        log: { ...log, consentAge },
      };
    };
    // 20 March 2026: fifteen and a half.
    const fifteen = '2010-09-01';
    expect(
      spec
        .given(open)
        .when(refer(), { by: mor, facts: aged(fifteen, 16) })
        .events()[0],
    ).toMatchObject({ data: { referrer: { kind: 'guardian', guardianId: 'g1' }, logId: 'l1' } });
    spec
      .given(open)
      .when(refer(), { by: mor, facts: aged(fifteen, 15) })
      .thenFails('CONSENT_GIVER_NOT_AUTHORISED');
    spec
      .given(open)
      .when(refer(), { by: mor, facts: aged('2009-03-01', 16) })
      .thenFails('CONSENT_GIVER_NOT_AUTHORISED');
    // Without the log the family asks the team for help as before; the young person refers with it.
    expect(
      spec
        .given(open)
        .when(refer({ logId: null }), { by: mor, facts: aged('2009-03-01', 16) })
        .events()[0],
    ).toMatchObject({ data: { logId: null } });
    expect(
      spec
        .given(open)
        .when(refer(), { by: ola, facts: aged('2009-03-01', 16) })
        .events()[0],
    ).toMatchObject({ data: { referrer: { kind: 'youth', subjectId: 'c1' }, logId: 'l1' } });
    // Before the consent age the guardians decide that; the young person asks for help without it.
    spec
      .given(open)
      .when(refer(), { by: ola, facts: aged(fifteen, 16) })
      .thenFails('CONSENT_GIVER_NOT_AUTHORISED');
    expect(
      spec
        .given(open)
        .when(refer({ logId: null }), { by: ola, facts: aged(fifteen, 16) })
        .events()[0],
    ).toMatchObject({ data: { referrer: { kind: 'youth', subjectId: 'c1' }, logId: null } });
  });

  it('accepts, or declines with a reason and where to go instead, by its member services', () => {
    const accept = { type: 'AcceptReferral', referralId: 'r1', note: null } as const;
    expect(spec.given(referred).when(accept, { by: per }).events()[0].type).toBe(
      'ReferralAccepted',
    );
    spec.given(referred).when(accept, { by: navStaff }).thenFails('NOT_ARENA_MEMBER');
    spec
      .given(referred)
      .when({ ...accept, referralId: 'r9' }, { by: per })
      .thenFails('REFERRAL_NOT_FOUND');
    const decline = {
      type: 'DeclineReferral',
      referralId: 'r1',
      reason: 'Utenfor mandatet',
      redirectToArenaId: null,
      advice: null,
    } as const;
    spec.given(referred).when(decline, { by: per }).thenFails('INVALID_REDIRECT');
    spec
      .given(referred)
      .when({ ...decline, redirectToArenaId: 'kt' }, { by: per })
      .thenFails('INVALID_REDIRECT');
    spec
      .given(referred)
      .when({ ...decline, reason: '', advice: 'x' }, { by: per })
      .thenFails('REASON_REQUIRED');
    // An arena that is not there, or is another municipality's, is no place to send the family.
    for (const redirectTo of [null, { arenaId: 'ressursteam', municipalityId: 'bamble' }])
      spec
        .given(referred)
        .when(
          { ...decline, redirectToArenaId: 'ressursteam' },
          { by: per, facts: { ...facts, redirectTo } },
        )
        .thenFails('INVALID_REDIRECT');
    const declined = [
      ...referred,
      ...spec
        .given(referred)
        .when(
          { ...decline, redirectToArenaId: 'ressursteam' },
          { by: per, facts: { ...facts, redirectTo: ressursteam } },
        )
        .events(),
    ];
    expect(declined[2]).toMatchObject({
      type: 'ReferralDeclined',
      data: { redirectToArenaId: 'ressursteam' },
    });
    spec.given(declined).when(accept, { by: per }).thenFails('REFERRAL_NOT_PENDING');
  });
});
