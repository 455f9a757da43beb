import {
  ensure as ensureRule,
  unreachable,
  type Decider,
  type DomainEvent,
  type Ensure,
} from '../shared/decider';
import { isBlank } from '../shared/text';

export const MUNICIPALITY_RULE_CODES = [
  'MUNICIPALITY_ALREADY_ENROLLED',
  'MUNICIPALITY_NOT_ENROLLED',
  'SERVICE_ALREADY_REGISTERED',
  'INVALID_HOSTING',
  'UNKNOWN_SERVICE',
  'STAFF_ALREADY_REGISTERED',
  'STAFF_NOT_FOUND',
  'NO_CHANGE',
  'INVALID_LEVELS',
  'INVALID_CONSENT_AGE',
  'INVALID_DEADLINE',
  'CATALOGUE_ENTRY_EXISTS',
] as const;
export type MunicipalityRuleCode = (typeof MUNICIPALITY_RULE_CODES)[number];
const ensure: Ensure<MunicipalityRuleCode> = ensureRule;

export const SECTORS = [
  'barnehage',
  'skole',
  'helsestasjon',
  'ppt',
  'barnevern',
  'nav',
  'bup',
  'fastlege',
  'psykisk_helse_rus',
  'kultur',
  'flyktningtjeneste',
  'voksenopplaering',
  'frivillighet',
  'politi',
  'annet',
] as const;
export type Sector = (typeof SECTORS)[number];

/**
 * Norway's counties (fylker) by name: those of 2020–2023, when the 0–24 pilot ran, and those since
 * 2024. A county is an area every analyst table names, so it is one of these, not free text (a
 * county typed as a spreadsheet formula reached the CSV export — found from outside).
 */
export const COUNTIES = [
  'Agder',
  'Akershus',
  'Buskerud',
  'Finnmark',
  'Innlandet',
  'Møre og Romsdal',
  'Nordland',
  'Oslo',
  'Rogaland',
  'Telemark',
  'Troms',
  'Troms og Finnmark',
  'Trøndelag',
  'Vestfold',
  'Vestfold og Telemark',
  'Vestland',
  'Viken',
  'Østfold',
] as const;
export type County = (typeof COUNTIES)[number];

export const BTI_LEVELS = [0, 1, 2, 3] as const;
export type BtiLevel = (typeof BTI_LEVELS)[number];

export interface LevelName {
  readonly level: BtiLevel;
  readonly name: string;
}

/** The municipality's handlingsveileder rules that the software enforces. */
export interface Handlingsveileder {
  readonly version: number;
  readonly levels: readonly LevelName[];
  /** Days an employee has to decide on a nivå-0 concern (Tromsø: 14). */
  readonly concernDecisionDeadlineDays: number;
  /** Default days from a measure's start to its evaluation. */
  readonly measureEvaluationIntervalDays: number;
  /** From this age the young person consents alone (15 or 16; needs legal review per municipality). */
  readonly consentAge: 15 | 16;
  /** A log with no activity for this many days is flagged. */
  readonly inactivityThresholdDays: number;
}

export const DEFAULT_HANDLINGSVEILEDER: Handlingsveileder = {
  version: 1,
  levels: [
    { level: 0, name: 'Nivå 0: undring og avklaring' },
    { level: 1, name: 'Nivå 1: hjelp i egen tjeneste' },
    { level: 2, name: 'Nivå 2: enkel samhandling' },
    { level: 3, name: 'Nivå 3: bred samhandling' },
  ],
  concernDecisionDeadlineDays: 14,
  measureEvaluationIntervalDays: 42,
  consentAge: 16,
  inactivityThresholdDays: 60,
};

export interface ServiceUnit {
  readonly serviceId: string;
  readonly name: string;
  readonly sector: Sector;
  /** Other municipalities this service also serves (inter-municipal barnevern, PPT, NAV …). */
  readonly alsoServes: readonly string[];
}

/**
 * A person in the staff register. `staffId` is their sign-in subject at the municipality's identity
 * provider: the token says who someone is, the register says where they work and in which role.
 */
export interface StaffMember {
  readonly staffId: string;
  readonly serviceId: string;
  readonly displayName: string;
  readonly role: 'staff' | 'coordinator';
}

export interface CatalogueEntry {
  readonly entryId: string;
  readonly name: string;
  readonly description: string;
  readonly targetGroup: string;
  readonly contact: string;
  readonly serviceId: string | null;
}

export type MunicipalityEvent =
  | DomainEvent<
      'MunicipalityEnrolled',
      { municipalityId: string; name: string; county: string; handlingsveileder: Handlingsveileder }
    >
  | DomainEvent<'ServiceRegistered', ServiceUnit>
  | DomainEvent<'StaffRegistered', StaffMember>
  | DomainEvent<'StaffDeactivated', { staffId: string }>
  | DomainEvent<'StaffReactivated', { staffId: string }>
  | DomainEvent<'HandlingsveilederConfigured', Handlingsveileder>
  | DomainEvent<'CatalogueEntryAdded', CatalogueEntry>;

export type MunicipalityCommand =
  | { type: 'EnrolMunicipality'; municipalityId: string; name: string; county: string }
  | { type: 'RegisterService'; service: ServiceUnit }
  | { type: 'RegisterStaff'; staff: StaffMember }
  | { type: 'DeactivateStaff'; staffId: string }
  | { type: 'ReactivateStaff'; staffId: string }
  | { type: 'ConfigureHandlingsveileder'; rules: Omit<Handlingsveileder, 'version'> }
  | { type: 'AddCatalogueEntry'; entry: CatalogueEntry };

export type MunicipalityState =
  | { status: 'unknown' }
  | {
      status: 'enrolled';
      municipalityId: string;
      name: string;
      county: string;
      handlingsveileder: Handlingsveileder;
      services: Record<string, ServiceUnit>;
      staff: Record<string, RegisteredStaff>;
      catalogue: Record<string, CatalogueEntry>;
    };

/** A register entry; a deactivated person keeps their history but may no longer act. */
export interface RegisteredStaff extends StaffMember {
  readonly active: boolean;
}

export type EnrolledMunicipality = Extract<MunicipalityState, { status: 'enrolled' }>;

/** What registering a service needs to know from other municipalities' streams. */
export interface MunicipalityFacts {
  /** Those of the municipalities the service also serves that are enrolled. */
  readonly enrolledNeighbours: readonly string[];
}

export const NO_MUNICIPALITY_FACTS: MunicipalityFacts = { enrolledNeighbours: [] };

export function assertEnrolled(state: MunicipalityState): asserts state is EnrolledMunicipality {
  ensure(
    state.status === 'enrolled',
    'MUNICIPALITY_NOT_ENROLLED',
    'The municipality is not enrolled',
  );
}

/** Whether two sets of rules say the same: levels are named by their number, so their order says nothing. */
function sameRules(
  a: Omit<Handlingsveileder, 'version'>,
  b: Omit<Handlingsveileder, 'version'>,
): boolean {
  const levels = (rules: Omit<Handlingsveileder, 'version'>) =>
    JSON.stringify(
      [...rules.levels].sort((x, y) => x.level - y.level).map((l) => [l.level, l.name]),
    );
  return (
    levels(a) === levels(b) &&
    a.concernDecisionDeadlineDays === b.concernDecisionDeadlineDays &&
    a.measureEvaluationIntervalDays === b.measureEvaluationIntervalDays &&
    a.consentAge === b.consentAge &&
    a.inactivityThresholdDays === b.inactivityThresholdDays
  );
}

function validateHosting(
  service: ServiceUnit,
  state: EnrolledMunicipality,
  facts: MunicipalityFacts,
) {
  ensure(
    !service.alsoServes.includes(state.municipalityId),
    'INVALID_HOSTING',
    'A service serves its own municipality already',
  );
  ensure(
    new Set(service.alsoServes).size === service.alsoServes.length,
    'INVALID_HOSTING',
    'Name each municipality the service also serves once',
  );
  // Any well-formed id was kept as served, a typo or a municipality never enrolled (found from outside).
  for (const municipalityId of service.alsoServes)
    ensure(
      facts.enrolledNeighbours.includes(municipalityId),
      'MUNICIPALITY_NOT_ENROLLED',
      'A municipality the service also serves must be enrolled',
      { municipalityId },
    );
}

/** White space, format characters and the blank look-alikes `isBlank` knows: nothing on a screen. */
const SHOWS_NOTHING = /^[\s\p{Z}\p{Cf}\u2800\u3164\u1160\uffa0\u115f]$/u;
const COMBINING = /^\p{M}$/u;
/** Marks that mark nothing: the grapheme joiner, Khmer's inherent vowels, variation selectors. */
const marksNothing = (codePoint: number) =>
  codePoint === 0x34f ||
  codePoint === 0x17b4 ||
  codePoint === 0x17b5 ||
  (codePoint >= 0x180b && codePoint <= 0x180d) ||
  (codePoint >= 0xfe00 && codePoint <= 0xfe0f) ||
  (codePoint >= 0xe0100 && codePoint <= 0xe01ef);

/**
 * Whether a name begins or ends with what shows nothing, or begins with a combining mark. A mark last
 * is an accent (å as a + ring), and a name as any.
 */
function blankAtAnEnd(name: string): boolean {
  const characters = [...name];
  const first = characters[0] ?? '';
  const last = characters[characters.length - 1] ?? '';
  return (
    SHOWS_NOTHING.test(first) ||
    COMBINING.test(first) ||
    SHOWS_NOTHING.test(last) ||
    marksNothing(last.codePointAt(0) ?? 0)
  );
}

function validateRules(rules: Omit<Handlingsveileder, 'version'>): void {
  const levels = rules.levels.map((l) => l.level);
  ensure(
    levels.length > 0 && new Set(levels).size === levels.length,
    'INVALID_LEVELS',
    'Each level may be named once',
  );
  ensure(levels.includes(0), 'INVALID_LEVELS', 'Level 0 (clarifying a concern) is always used');
  // A name with a space or an invisible character at either end reads as another one: the same rules
  // sent again with one made a new version (found from outside).
  for (const { level, name } of rules.levels) {
    ensure(
      !isBlank(name) && !blankAtAnEnd(name),
      'INVALID_LEVELS',
      'A level’s name is written without blanks or invisible characters at its ends',
      { level },
    );
  }
  ensure(
    levels.some((l) => l > 0),
    'INVALID_LEVELS',
    'At least one level above 0 is needed for a stafettlogg',
  );
  ensure(
    rules.consentAge === 15 || rules.consentAge === 16,
    'INVALID_CONSENT_AGE',
    'The consent age is 15 or 16',
  );
  for (const [name, days] of [
    ['concernDecisionDeadlineDays', rules.concernDecisionDeadlineDays],
    ['measureEvaluationIntervalDays', rules.measureEvaluationIntervalDays],
    ['inactivityThresholdDays', rules.inactivityThresholdDays],
  ] as const) {
    ensure(
      Number.isInteger(days) && days >= 1 && days <= 365,
      'INVALID_DEADLINE',
      `${name} must be 1 to 365 days`,
      { field: name },
    );
  }
}

export const municipalityDecider: Decider<
  MunicipalityCommand,
  MunicipalityState,
  MunicipalityEvent,
  MunicipalityFacts
> = {
  initialState: () => ({ status: 'unknown' }),

  decide(command, state, { facts }) {
    if (command.type === 'EnrolMunicipality') {
      ensure(
        state.status === 'unknown',
        'MUNICIPALITY_ALREADY_ENROLLED',
        'The municipality is already enrolled',
      );
      return [
        {
          type: 'MunicipalityEnrolled',
          data: {
            municipalityId: command.municipalityId,
            name: command.name,
            county: command.county,
            handlingsveileder: DEFAULT_HANDLINGSVEILEDER,
          },
        },
      ];
    }
    assertEnrolled(state);
    switch (command.type) {
      case 'RegisterService':
        ensure(
          !state.services[command.service.serviceId],
          'SERVICE_ALREADY_REGISTERED',
          'A service with this id is registered already',
        );
        validateHosting(command.service, state, facts);
        return [{ type: 'ServiceRegistered', data: command.service }];
      case 'RegisterStaff':
        ensure(
          state.services[command.staff.serviceId],
          'UNKNOWN_SERVICE',
          'Staff must belong to a registered service',
          { serviceId: command.staff.serviceId },
        );
        ensure(
          !state.staff[command.staff.staffId],
          'STAFF_ALREADY_REGISTERED',
          'This staff member is registered already',
        );
        return [{ type: 'StaffRegistered', data: command.staff }];
      case 'DeactivateStaff':
      case 'ReactivateStaff': {
        const staff = state.staff[command.staffId];
        ensure(staff, 'STAFF_NOT_FOUND', 'No such person in the staff register', {
          staffId: command.staffId,
        });
        const activate = command.type === 'ReactivateStaff';
        ensure(
          staff.active !== activate,
          'NO_CHANGE',
          activate ? 'This person is active already' : 'This person is deactivated already',
        );
        return [
          {
            type: activate ? 'StaffReactivated' : 'StaffDeactivated',
            data: { staffId: command.staffId },
          },
        ];
      }
      case 'ConfigureHandlingsveileder':
        validateRules(command.rules);
        // The same rules again made a new version (found from outside), which open logs could be
        // moved on to for nothing.
        ensure(
          !sameRules(command.rules, state.handlingsveileder),
          'NO_CHANGE',
          'These are the rules in force already',
        );
        return [
          {
            type: 'HandlingsveilederConfigured',
            data: { ...command.rules, version: state.handlingsveileder.version + 1 },
          },
        ];
      case 'AddCatalogueEntry':
        ensure(
          !state.catalogue[command.entry.entryId],
          'CATALOGUE_ENTRY_EXISTS',
          'A catalogue entry with this id exists already',
        );
        ensure(
          command.entry.serviceId === null || state.services[command.entry.serviceId],
          'UNKNOWN_SERVICE',
          'The catalogue entry names an unknown service',
        );
        return [{ type: 'CatalogueEntryAdded', data: command.entry }];
      default:
        return unreachable(command);
    }
  },

  evolve(state, event) {
    if (event.type === 'MunicipalityEnrolled') {
      return { status: 'enrolled', ...event.data, services: {}, staff: {}, catalogue: {} };
    }
    if (state.status !== 'enrolled') return state;
    switch (event.type) {
      case 'ServiceRegistered':
        return { ...state, services: { ...state.services, [event.data.serviceId]: event.data } };
      case 'StaffRegistered':
        return {
          ...state,
          staff: { ...state.staff, [event.data.staffId]: { ...event.data, active: true } },
        };
      case 'StaffDeactivated':
      case 'StaffReactivated': {
        const staff = state.staff[event.data.staffId];
        if (!staff) return state;
        const active = event.type === 'StaffReactivated';
        return { ...state, staff: { ...state.staff, [staff.staffId]: { ...staff, active } } };
      }
      case 'HandlingsveilederConfigured':
        return { ...state, handlingsveileder: event.data };
      case 'CatalogueEntryAdded':
        return { ...state, catalogue: { ...state.catalogue, [event.data.entryId]: event.data } };
      default:
        return unreachable(event);
    }
  },
};

export const municipalityStream = (municipalityId: string) => `municipality-${municipalityId}`;
