import {
  addDays,
  DEFAULT_HANDLINGSVEILEDER,
  DomainRuleViolation,
  foldEvents,
  INFORMATION_CATEGORIES,
  isNotFound,
  stafettloggDecider,
  type Actor,
  type InformationCategory,
  type KnownStafettlogg,
  type LogRules,
  type Role,
  type StafettloggEvent,
  type StafettloggFacts,
} from '@bti/domain';
import { fixtureFamily } from '@bti/domain/testing';
import { logFactsOf, logFamilyFactsOf } from './log-facts';
import { entryVisible, logReadAccess, mayKnowLog } from './log-visibility';
import { COMMAND_ROLES, QUERY_ROLES } from './role-table';

/**
 * The visibility policy, cell by cell, for a read and a write by the same actor: every role, own and
 * other municipality, every kind of service (taking part, hidden, named in a consent only, outside),
 * consent active / withdrawn / expired, every information category. Each cell is asserted against a
 * plain statement of the rule, and the read and the write must give the same answer.
 */
const M = 'vestre-toten';
const OPENED = '2026-04-01T10:00:00.000Z';
const ACTIVE_AT = '2026-06-01T10:00:00.000Z';
const EXPIRED_AT = '2027-06-01T10:00:00.000Z';
const rules: LogRules = {
  version: 1,
  levels: DEFAULT_HANDLINGSVEILEDER.levels,
  measureEvaluationIntervalDays: 42,
  consentAge: 16,
  inactivityThresholdDays: 60,
};
const ref = (staffId: string, serviceId: string) => ({ staffId, serviceId });
const hs = ref('s-hs', 'hs');
const mother = { kind: 'guardian', guardianId: 'g1' } as const;

/** Consent c-main names hs, bh and ppt (ppt never joins); c-bv names hs and bv (bv joins hidden). */
const MAIN_CATEGORIES: InformationCategory[] = ['health', 'kindergarten_situation'];
const BV_CATEGORIES: InformationCategory[] = ['child_welfare'];
function consent(
  consentId: string,
  services: string[],
  categories: InformationCategory[],
): StafettloggEvent[] {
  return [
    {
      type: 'ConsentRequested',
      data: {
        consentId,
        scope: { services, categories },
        requestedBy: hs,
        requestedAt: OPENED,
        personal: { purpose: 'p' },
      },
    },
    {
      type: 'ConsentGiven',
      data: {
        consentId,
        givenBy: mother,
        form: { kind: 'digital' },
        validFrom: '2026-04-01',
        validUntil: '2027-03-31',
        recordedBy: { kind: 'guardian', guardianId: 'g1', parentalResponsibility: true },
        at: OPENED,
      },
    },
  ];
}
const joined = (serviceId: string, hidden = false): StafettloggEvent => ({
  type: 'ServiceJoined',
  data: { serviceId, hidden, addedBy: hs, at: OPENED },
});
const history: StafettloggEvent[] = [
  {
    type: 'StafettloggInitiated',
    data: {
      logId: 'l1',
      concernId: 'k1',
      familyId: 'f1',
      subjectId: 'c1',
      municipalityId: M,
      initiatedBy: hs,
    },
  },
  ...consent('c-main', ['hs', 'bh', 'ppt'], MAIN_CATEGORIES),
  {
    type: 'StafettloggOpened',
    data: { level: 2, stafettholder: hs, rules, openedBy: hs, openedAt: OPENED },
  },
  joined('hs'),
  joined('bh'),
  ...consent('c-bv', ['hs', 'bv'], BV_CATEGORIES),
  joined('bv', true),
];
const withdrawals: StafettloggEvent[] = ['c-main', 'c-bv'].map((consentId) => ({
  type: 'ConsentWithdrawn',
  data: { consentId, withdrawnBy: mother, at: OPENED },
}));

type ConsentState = 'active' | 'withdrawn' | 'expired';
const CONSENT_STATES: ConsentState[] = ['active', 'withdrawn', 'expired'];
const stateOf = (consent: ConsentState) =>
  foldEvents(
    stafettloggDecider,
    consent === 'withdrawn' ? [...history, ...withdrawals] : history,
  ) as KnownStafettlogg;
const atOf = (consent: ConsentState) => (consent === 'expired' ? EXPIRED_AT : ACTIVE_AT);

const facts: StafettloggFacts = {
  municipality: {
    municipalityId: M,
    services: Object.fromEntries(
      ['hs', 'bh', 'bv', 'ppt', 'nav'].map((serviceId) => [
        serviceId,
        { serviceId, name: serviceId, sector: 'annet', alsoServes: [] },
      ]),
    ),
    staff: {},
    catalogue: {},
    handlingsveileder: { ...DEFAULT_HANDLINGSVEILEDER, ...rules },
  },
  family: fixtureFamily('idp|barn', '2019-01-01'),
  concern: null,
};

type ServiceKind = 'participating' | 'hidden' | 'named only' | 'outside';
const SERVICE_OF: Record<ServiceKind, string> = {
  participating: 'bh',
  hidden: 'bv',
  'named only': 'ppt',
  outside: 'nav',
};

interface Cell {
  readonly label: string;
  readonly actor: Actor;
  readonly consent: ConsentState;
  readonly category: InformationCategory;
  /** What the rule says, stated plainly. */
  readonly expected: string;
}

/** The rule in words: who may know the log, and what each may read and write. */
function expectedFor(
  role: Role,
  municipality: 'own' | 'other',
  service: ServiceKind | null,
  who: 'mother' | 'father' | 'stranger' | 'child' | 'other child' | null,
  consent: ConsentState,
  category: InformationCategory,
): string {
  if (!(QUERY_ROLES.stafettlogg as readonly Role[]).includes(role)) return '403 ROLE_NOT_ALLOWED';
  if (role === 'staff' || role === 'coordinator') {
    if (municipality === 'other' || service === 'outside') return '404';
    if (consent !== 'active') return '422 CONSENT_REQUIRED';
    const own = SERVICE_OF[service as ServiceKind];
    const categories = own === 'bv' ? BV_CATEGORIES : MAIN_CATEGORIES;
    if (service === 'named only') return '422 SERVICE_NOT_PARTICIPATING';
    return categories.includes(category)
      ? 'reads and writes'
      : 'neither reads nor writes this category';
  }
  // The archive knows only closed logs (this one is open) and writes nothing.
  if (role === 'archivist') return 'read 404 but write 403 ROLE_NOT_ALLOWED';
  // A parent without parental responsibility reads only where a service has let them (none here).
  if (who === 'stranger' || who === 'other child' || who === 'father') return '404';
  // The family knows the log whatever its consent; the family's own voice needs an active consent
  // that covers its category (in no other would a service read it).
  if (consent !== 'active') return 'reads shared entries; write 422 CONSENT_REQUIRED';
  return [...MAIN_CATEGORIES, ...BV_CATEGORIES].includes(category)
    ? 'reads shared entries, writes own voice'
    : 'read reads shared entries but write 422 OUTSIDE_CONSENT_SCOPE';
}

function cells(): Cell[] {
  const result: Cell[] = [];
  for (const consent of CONSENT_STATES) {
    for (const category of INFORMATION_CATEGORIES) {
      for (const role of ['staff', 'coordinator'] as const) {
        for (const municipality of ['own', 'other'] as const) {
          for (const service of Object.keys(SERVICE_OF) as ServiceKind[]) {
            const serviceId = SERVICE_OF[service];
            result.push({
              label: `${role} of ${municipality} municipality, ${service} service, consent ${consent}, ${category}`,
              actor: {
                subject: `s-${serviceId}`,
                role,
                municipalityId: municipality === 'own' ? M : 'siljan',
                serviceId,
              },
              consent,
              category,
              expected: expectedFor(role, municipality, service, null, consent, category),
            });
          }
        }
      }
      const family = [
        ['mother', 'idp|mor', 'guardian'],
        ['father', 'idp|far', 'guardian'],
        ['stranger', 'idp|stranger', 'guardian'],
        ['child', 'idp|barn', 'youth'],
        ['other child', 'idp|other', 'youth'],
      ] as const;
      for (const [who, subject, role] of family) {
        result.push({
          label: `${role} (${who}), consent ${consent}, ${category}`,
          actor: { subject, role, municipalityId: null, serviceId: null },
          consent,
          category,
          expected: expectedFor(role, 'own', null, who, consent, category),
        });
      }
      for (const role of ['analyst', 'admin', 'operator', 'archivist'] as const) {
        result.push({
          label: `${role}, consent ${consent}, ${category}`,
          actor: { subject: role, role, municipalityId: M, serviceId: null },
          consent,
          category,
          expected: expectedFor(role, 'own', null, null, consent, category),
        });
      }
    }
  }
  return result;
}

/** What the policy answers for a read of an entry of this category written by the reader's side. */
function read(cell: Cell): string {
  if (!(QUERY_ROLES.stafettlogg as readonly Role[]).includes(cell.actor.role))
    return '403 ROLE_NOT_ALLOWED';
  const state = stateOf(cell.consent);
  const at = atOf(cell.consent);
  const log = logFactsOf(state, facts);
  const access = logReadAccess(cell.actor, log, logFamilyFactsOf(state, facts), at);
  if (access.kind === 'unknown') return '404';
  if (access.kind === 'withheld') return `422 ${access.code}`;
  if (access.kind === 'restricted') return '403 LOG_RESTRICTED';
  if (access.kind === 'archive') return 'reads everything';
  if (access.kind === 'service') {
    const own = {
      serviceId: access.serviceId,
      category: cell.category,
      sharedWithGuardians: false,
    };
    return entryVisible(access, log, own, at) ? 'reads' : 'does not read';
  }
  const shared = { serviceId: 'hs', category: cell.category, sharedWithGuardians: true };
  const internal = { ...shared, sharedWithGuardians: false };
  if (entryVisible(access, log, internal, at)) return 'reads internal entries (wrong)';
  return entryVisible(access, log, shared, at) ? 'reads shared entries' : 'reads nothing of it';
}

/** What the command path answers for a write: the role gate, the policy's 404, then the decider. */
function write(cell: Cell): string {
  if (!COMMAND_ROLES.stafettlogg.AddEntry.includes(cell.actor.role)) return '403 ROLE_NOT_ALLOWED';
  const state = stateOf(cell.consent);
  if (!mayKnowLog(cell.actor, logFactsOf(state, facts), logFamilyFactsOf(state, facts)))
    return '404';
  const family = cell.actor.role === 'guardian' || cell.actor.role === 'youth';
  try {
    stafettloggDecider.decide(
      {
        type: 'AddEntry',
        entryId: 'e-new',
        kind: family
          ? cell.actor.role === 'guardian'
            ? 'guardians_voice'
            : 'childs_voice'
          : 'observation',
        category: cell.category,
        sharedWithGuardians: true,
        text: 'tekst',
        correctsEntryId: null,
      },
      state,
      { by: cell.actor, at: atOf(cell.consent), facts },
    );
    return 'writes';
  } catch (error) {
    if (!(error instanceof DomainRuleViolation)) throw error;
    return isNotFound(error as DomainRuleViolation<string>) ? '404' : `422 ${error.code}`;
  }
}

function answer(cell: Cell): string {
  const r = read(cell);
  const w = write(cell);
  if (r === w) return r.startsWith('4') ? r : `${r}: ${w}`;
  if (r === 'reads' && w === 'writes') return 'reads and writes';
  if (r === 'does not read' && w === '422 OUTSIDE_CONSENT_SCOPE')
    return 'neither reads nor writes this category';
  if (r === 'reads shared entries' && w === 'writes')
    return 'reads shared entries, writes own voice';
  if (r === 'reads shared entries' && w === '422 CONSENT_REQUIRED')
    return 'reads shared entries; write 422 CONSENT_REQUIRED';
  return `read ${r} but write ${w}`;
}

describe('the visibility policy, cell by cell, read and write alike', () => {
  const table = cells();

  it('covers every role, municipality, kind of service, consent state and category', () => {
    expect(table).toHaveLength(3 * INFORMATION_CATEGORIES.length * (2 * 2 * 4 + 5 + 4));
  });

  it.each(table.map((cell) => [cell.label, cell] as const))('%s', (_, cell) => {
    expect(answer(cell)).toBe(cell.expected);
  });

  it('keeps a hidden participant’s entries from services that share no consent with it', () => {
    const state = stateOf('active');
    const log = logFactsOf(state, facts);
    const bh = logReadAccess(
      { subject: 's-bh', role: 'staff', municipalityId: M, serviceId: 'bh' },
      log,
      null,
      ACTIVE_AT,
    );
    const hsReader = logReadAccess(
      { subject: 's-hs', role: 'staff', municipalityId: M, serviceId: 'hs' },
      log,
      null,
      ACTIVE_AT,
    );
    const bvEntry = {
      serviceId: 'bv',
      category: 'child_welfare' as const,
      sharedWithGuardians: false,
    };
    if (bh.kind !== 'service' || hsReader.kind !== 'service') throw new Error('both read');
    expect(entryVisible(bh, log, bvEntry, ACTIVE_AT)).toBe(false);
    expect(entryVisible(hsReader, log, bvEntry, ACTIVE_AT)).toBe(true);
  });

  /** The world's facts with the log's subject born on `birthDate`. */
  const bornOn = (birthDate: string) => ({
    ...facts,
    family: {
      ...facts.family!,
      subjects: {
        c1: {
          ...facts.family!.subjects.c1,
          personal: { name: 'Ola', birthDate, expectedBirthDate: null },
        },
      },
    },
  });

  it('keeps health entries from the guardians once the young person has reached the consent age', () => {
    const state = stateOf('active');
    const grownUp = bornOn('2010-01-01');
    const log = logFactsOf(state, grownUp);
    const family = logFamilyFactsOf(state, grownUp);
    const health = { serviceId: 'hs', category: 'health' as const, sharedWithGuardians: true };
    const asMother = logReadAccess(
      { subject: 'idp|mor', role: 'guardian', municipalityId: null, serviceId: null },
      log,
      family,
      ACTIVE_AT,
    );
    const asChild = logReadAccess(
      { subject: 'idp|barn', role: 'youth', municipalityId: null, serviceId: null },
      log,
      family,
      ACTIVE_AT,
    );
    if (asMother.kind !== 'family' || asChild.kind !== 'family') throw new Error('both read');
    expect(entryVisible(asMother, log, health, ACTIVE_AT)).toBe(false);
    expect(entryVisible(asChild, log, health, ACTIVE_AT)).toBe(true);
  });

  it('lets the guardians read no log of a child who has come of age, and the young adult theirs', () => {
    const state = stateOf('active');
    const mother: Actor = {
      subject: 'idp|mor',
      role: 'guardian',
      municipalityId: null,
      serviceId: null,
    };
    const child: Actor = {
      subject: 'idp|barn',
      role: 'youth',
      municipalityId: null,
      serviceId: null,
    };
    const read = (actor: Actor, birthDate: string) =>
      logReadAccess(
        actor,
        logFactsOf(state, bornOn(birthDate)),
        logFamilyFactsOf(state, bornOn(birthDate)),
        ACTIVE_AT,
      ).kind;
    const eighteenToday = `${Number(ACTIVE_AT.slice(0, 4)) - 18}${ACTIVE_AT.slice(4, 10)}`;
    const eighteenTomorrow = addDays(eighteenToday, 1);
    expect(read(mother, eighteenTomorrow)).toBe('family');
    expect(read(mother, eighteenToday)).toBe('unknown');
    expect(read(child, eighteenToday)).toBe('family');
  });
});
