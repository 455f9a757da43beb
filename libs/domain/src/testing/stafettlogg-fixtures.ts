import type { Actor } from '../shared/actor';
import type { Given } from '../shared/decider';
import { DEFAULT_HANDLINGSVEILEDER, type RegisteredStaff } from '../municipality/municipality';
import {
  stafettloggDecider,
  type LogRules,
  type StafettloggCommand,
  type StafettloggEvent,
  type StafettloggFacts,
} from '../stafettlogg';
import { deciderSpec, SPEC_AT } from './decider-spec';

/**
 * One small municipality and family that every stafettlogg specification starts from: helsestasjon
 * (Kari, and a coordinator), barnehage (Per, Anne), barnevern, NAV; a mother with parental
 * responsibility, a father without it, and a child born 2020.
 */
export const AT = SPEC_AT;
export const M = 'vestre-toten';

export const rules: LogRules = {
  version: 1,
  levels: DEFAULT_HANDLINGSVEILEDER.levels,
  measureEvaluationIntervalDays: 42,
  consentAge: 16,
  inactivityThresholdDays: 60,
};

const staff = (staffId: string, serviceId: string, role: 'staff' | 'coordinator' = 'staff') =>
  ({ staffId, serviceId, displayName: staffId, role, active: true }) satisfies RegisteredStaff;

/** The family: a mother with parental responsibility, a father without it, and one child. */
export function fixtureFamily(
  childSignIn: string,
  childBirthDate: string,
): NonNullable<StafettloggFacts['family']> {
  return {
    familyId: 'f1',
    guardians: {
      g1: {
        guardianId: 'g1',
        identitySubject: 'idp|mor',
        parentalResponsibility: true,
        personal: { name: 'Mor', contact: null },
      },
      g2: {
        guardianId: 'g2',
        identitySubject: 'idp|far',
        parentalResponsibility: false,
        personal: { name: 'Far', contact: null },
      },
    },
    subjects: {
      c1: {
        subjectId: 'c1',
        kind: 'child',
        identitySubject: childSignIn,
        personal: { name: 'Ola', birthDate: childBirthDate, expectedBirthDate: null },
      },
    },
  };
}

export const facts: StafettloggFacts = {
  municipality: {
    municipalityId: M,
    services: Object.fromEntries(
      ['helsestasjon', 'barnehage', 'barnevern', 'nav'].map((serviceId) => [
        serviceId,
        { serviceId, name: serviceId, sector: 'annet', alsoServes: [] },
      ]),
    ),
    staff: {
      kari: staff('kari', 'helsestasjon'),
      koord: staff('koord', 'helsestasjon', 'coordinator'),
      per: staff('per', 'barnehage'),
      anne: staff('anne', 'barnehage'),
      bv1: staff('bv1', 'barnevern'),
      x: staff('x', 'nav'),
      gone: { ...staff('gone', 'barnehage'), active: false },
    },
    catalogue: {
      foreldreveiledning: {
        entryId: 'foreldreveiledning',
        name: 'Foreldreveiledning',
        description: 'ICDP',
        targetGroup: 'Foreldre',
        contact: 'Helsestasjonen',
        serviceId: 'helsestasjon',
      },
    },
    handlingsveileder: { ...DEFAULT_HANDLINGSVEILEDER, ...rules },
  },
  family: fixtureFamily('idp|c1', '2020-01-15'),
  concern: {
    concernId: 'k1',
    familyId: 'f1',
    subjectId: 'c1',
    municipalityId: M,
    serviceId: 'helsestasjon',
    outcome: 'involve_others',
  },
};

/**
 * The facts with the child born on `birthDate` and the municipality's consent age at `consentAge`
 * (its handlingsveileder at `version`).
 */
export function factsWithChild(
  birthDate: string,
  consentAge: 15 | 16 = 16,
  version = facts.municipality!.handlingsveileder.version,
): StafettloggFacts {
  const municipality = facts.municipality!;
  const family = facts.family!;
  return {
    ...facts,
    municipality: {
      ...municipality,
      handlingsveileder: { ...municipality.handlingsveileder, consentAge, version },
    },
    family: {
      ...family,
      subjects: {
        c1: { ...family.subjects.c1, personal: { ...family.subjects.c1.personal, birthDate } },
      },
    },
  };
}

const staffActor = (
  subject: string,
  serviceId: string,
  role: 'staff' | 'coordinator' = 'staff',
): Actor => ({
  subject,
  role,
  municipalityId: M,
  serviceId,
});
export const kari = staffActor('kari', 'helsestasjon');
export const per = staffActor('per', 'barnehage');
export const anne = staffActor('anne', 'barnehage');
export const koord = staffActor('koord', 'helsestasjon', 'coordinator');
export const bv1 = staffActor('bv1', 'barnevern');
export const navStaff = staffActor('x', 'nav');
export const mor: Actor = {
  subject: 'idp|mor',
  role: 'guardian',
  municipalityId: null,
  serviceId: null,
};
export const far: Actor = {
  subject: 'idp|far',
  role: 'guardian',
  municipalityId: null,
  serviceId: null,
};
export const ola: Actor = {
  subject: 'idp|c1',
  role: 'youth',
  municipalityId: null,
  serviceId: null,
};

export const by = (actor: Actor): Partial<Given<StafettloggFacts>> => ({ by: actor });

export const spec = deciderSpec(stafettloggDecider, { by: kari, at: AT, facts });

export const hs = { staffId: 'kari', serviceId: 'helsestasjon' };
export const bh = { staffId: 'per', serviceId: 'barnehage' };
export const motherGiver = { kind: 'guardian', guardianId: 'g1' } as const;

export const initiated: StafettloggEvent = {
  type: 'StafettloggInitiated',
  data: {
    logId: 'l1',
    concernId: 'k1',
    familyId: 'f1',
    subjectId: 'c1',
    municipalityId: M,
    initiatedBy: hs,
  },
};
export const requested: StafettloggEvent = {
  type: 'ConsentRequested',
  data: {
    consentId: 'sam1',
    scope: {
      services: ['helsestasjon', 'barnehage'],
      categories: ['health', 'kindergarten_situation'],
    },
    requestedBy: hs,
    requestedAt: AT,
    personal: { purpose: 'Samordne hjelp' },
  },
};
export const consentGiven: StafettloggEvent = {
  type: 'ConsentGiven',
  data: {
    consentId: 'sam1',
    givenBy: motherGiver,
    form: { kind: 'digital' },
    validFrom: '2026-03-17',
    validUntil: '2027-03-16',
    recordedBy: { kind: 'guardian', guardianId: 'g1', parentalResponsibility: true },
    at: AT,
  },
};
export const opened: StafettloggEvent[] = [
  {
    type: 'StafettloggOpened',
    data: { level: 2, stafettholder: hs, rules, openedBy: hs, openedAt: AT },
  },
  {
    type: 'ServiceJoined',
    data: { serviceId: 'helsestasjon', hidden: false, addedBy: hs, at: AT },
  },
];
export const bhJoined: StafettloggEvent = {
  type: 'ServiceJoined',
  data: { serviceId: 'barnehage', hidden: false, addedBy: hs, at: AT },
};
export const awaiting = [initiated, requested];
export const openLog = [initiated, requested, consentGiven, ...opened, bhJoined];
export const withdrawn: StafettloggEvent = {
  type: 'ConsentWithdrawn',
  data: { consentId: 'sam1', withdrawnBy: motherGiver, at: AT },
};
export const planned: StafettloggEvent = {
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
export const started: StafettloggEvent = {
  type: 'MeasureStarted',
  data: { measureId: 'm1', startedOn: '2026-03-23', by: bh },
};
export const offered: StafettloggEvent = {
  type: 'StafettholderHandoverOffered',
  data: { to: bh, offeredBy: hs, at: AT },
};
export const closedLog: StafettloggEvent = {
  type: 'StafettloggClosed',
  data: {
    reason: 'needs_met',
    familyEvaluation: null,
    closedBy: hs,
    at: AT,
    personal: { evaluationMissingReason: 'flyttet', familyComment: null },
  },
};

type Command<T extends StafettloggCommand['type']> = Extract<StafettloggCommand, { type: T }>;
export const noOnBehalf = { givenByGuardianId: null, givenByYouth: null, paperFormReference: null };

export const give = (overrides: Partial<Command<'GiveConsent'>> = {}): StafettloggCommand => ({
  type: 'GiveConsent',
  consentId: 'sam1',
  validFrom: '2026-03-17',
  validUntil: '2027-03-16',
  ...noOnBehalf,
  ...overrides,
});

export const entry = (overrides: Partial<Command<'AddEntry'>> = {}): StafettloggCommand => ({
  type: 'AddEntry',
  entryId: 'e1',
  kind: 'observation',
  category: 'kindergarten_situation',
  sharedWithGuardians: true,
  text: 'Sov bedre denne uka',
  correctsEntryId: null,
  ...overrides,
});

export const plan = (overrides: Partial<Command<'PlanMeasure'>> = {}): StafettloggCommand => ({
  type: 'PlanMeasure',
  measureId: 'm1',
  goal: 'Bedre søvn',
  responsibleServiceId: 'barnehage',
  responsibleStaffId: 'per',
  startDate: '2026-03-23',
  evaluationDate: null,
  initiativeId: null,
  catalogueEntryId: null,
  ...overrides,
});
