import {
  addDays,
  ageOn,
  concernDecider,
  DEFAULT_HANDLINGSVEILEDER,
  familyDecider,
  foldEvents,
  GRANT_SCHEMES,
  municipalityDecider,
  SIGN_IN_FROM_AGE,
  stafettloggDecider,
  YOUTH_FROM_AGE,
  youthConsentsAlone,
  type Actor,
  type ArenaEvent,
  type BtiLevel,
  type ConcernEvent,
  type DiscussionEvent,
  type EnrolledMunicipality,
  type FamilyEvent,
  type GrantScheme,
  type InformationCategory,
  type MeetingEvent,
  type MunicipalityEvent,
  type MunicipalityState,
  type NotedConcern,
  type ProgrammeEvent,
  type RegisteredFamily,
  type Sector,
  type StaffRef,
  type StafettloggCommand,
  type StafettloggEvent,
  type StafettloggFacts,
} from '@bti/domain';
import { deterministicUuid, type MetadataActor } from '@bti/event-store';
import {
  ADULT_NAMES,
  DEMO_SERVICES,
  FIRST_NAMES,
  PILOT_MUNICIPALITIES,
  SURNAMES,
  type PilotMunicipality,
} from './pilot-municipalities';

type AnyEvent =
  | MunicipalityEvent
  | FamilyEvent
  | ConcernEvent
  | StafettloggEvent
  | MeetingEvent
  | ArenaEvent
  | DiscussionEvent
  | ProgrammeEvent;

/** One event as the generator makes it: what, when it happened, and who did it. */
export interface GeneratedEvent {
  readonly event: AnyEvent;
  readonly at: string;
  readonly actor: MetadataActor;
}

export interface GeneratedStream {
  readonly stream: string;
  readonly events: GeneratedEvent[];
}

/** Streams written together and in order (a family, then its concerns, logs and meetings). */
export type GeneratedUnit = readonly GeneratedStream[];

export interface PilotOptions {
  /** Synthetic children over all twelve municipalities, sized by population. */
  readonly subjects: number;
  readonly seed: number;
  /** The day the histories end (they span the two years before it). */
  readonly now: Date;
  /** Service ids a municipality already has (the hand-written Vestre Toten demo), by municipality. */
  readonly existingServices?: ReadonlyMap<string, readonly string[]>;
}

/** A small, fast, seeded generator: the same seed gives the same families. */
function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = ReturnType<typeof mulberry32>;
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)];
const chance = (random: Random, p: number) => random() < p;
const between = (random: Random, min: number, max: number) =>
  min + Math.floor(random() * (max - min + 1));
const instant = (day: string, hour: number) => `${day}T${String(hour).padStart(2, '0')}:00:00.000Z`;

const CATEGORIES_BY_SECTOR: Partial<Record<Sector, InformationCategory>> = {
  helsestasjon: 'health',
  barnehage: 'kindergarten_situation',
  skole: 'school_situation',
  ppt: 'development_and_learning',
  barnevern: 'child_welfare',
  nav: 'economy_and_housing',
  kultur: 'leisure',
};

interface ServiceInfo {
  readonly serviceId: string;
  readonly name: string;
  readonly sector: Sector;
  readonly staff: readonly string[];
}

/** How many children each municipality gets: by population, at least three. */
export function childrenPerMunicipality(total: number): Map<string, number> {
  const population = PILOT_MUNICIPALITIES.reduce((sum, m) => sum + m.populationThousands, 0);
  return new Map(
    PILOT_MUNICIPALITIES.map((m) => [
      m.municipalityId,
      Math.max(3, Math.round((total * m.populationThousands) / population)),
    ]),
  );
}

/** The pilot allocation of a year split over the five schemes as the 2019 grants were. */
function splitBySchemes(m: PilotMunicipality, amount: number): [GrantScheme, number][] {
  const total = GRANT_SCHEMES.reduce((sum, s) => sum + m.grants2019[s], 0);
  if (total === 0) return [['kap-765-post-60', amount]];
  const parts = GRANT_SCHEMES.filter((s) => m.grants2019[s] > 0).map((s): [GrantScheme, number] => [
    s,
    Math.floor((amount * m.grants2019[s]) / total),
  ]);
  const rest = amount - parts.reduce((sum, [, a]) => sum + a, 0);
  const largest = parts.reduce((max, part) => (part[1] > max[1] ? part : max));
  largest[1] += rest;
  return parts;
}

/**
 * Realistic synthetic histories for the twelve pilot municipalities: each with its services, staff,
 * a kompetanseteam, a handlingsveileder, an initiative and its 2019 grants and 2020–2022 pilot
 * allocations; then families (fake names) whose children go through the BTI journey over two years —
 * a concern, a decision, often consent and a log, entries, measures evaluated on time or late,
 * handovers, samordningsmøter with the family's evaluation and the ettermøte, sometimes a team, and
 * often an end. Deterministic for a seed and a day.
 */
export function* pilotHistory(options: PilotOptions): Generator<GeneratedUnit> {
  const random = mulberry32(options.seed);
  // Histories end yesterday: nothing generated lies in the future, whatever the hour.
  const today = addDays(options.now.toISOString().slice(0, 10), -1);
  const start = addDays(today, -730);
  const id = (...parts: (string | number)[]) => deterministicUuid('pilot-demo', parts.join('/'));
  const counts = childrenPerMunicipality(options.subjects);
  const servicesOf = new Map<string, ServiceInfo[]>();
  const municipalities = new Map<string, EnrolledMunicipality>();

  for (const m of PILOT_MUNICIPALITIES) {
    const M = m.municipalityId;
    const admin: MetadataActor = {
      subject: `admin-${M}`,
      role: 'admin',
      municipalityId: M,
      serviceId: null,
    };
    const existing = options.existingServices?.get(M);
    const setup: GeneratedEvent[] = [];
    const setupAt = instant(addDays(start, -30), 8);
    const add = (event: MunicipalityEvent) => setup.push({ event, at: setupAt, actor: admin });
    if (!existing)
      add({
        type: 'MunicipalityEnrolled',
        data: {
          municipalityId: M,
          name: m.name,
          county: m.county,
          handlingsveileder: DEFAULT_HANDLINGSVEILEDER,
        },
      });
    const services: ServiceInfo[] = DEMO_SERVICES.map((s) => {
      const serviceId = existing?.find((e) => e.startsWith(s.suffix)) ?? `${s.suffix}-${M}`;
      if (!existing?.includes(serviceId))
        add({
          type: 'ServiceRegistered',
          data: { serviceId, name: s.name, sector: s.sector, alsoServes: [] },
        });
      const staff = [1, 2].map((n) => `${M}-${s.suffix}-${n}`);
      staff.forEach((staffId, n) =>
        add({
          type: 'StaffRegistered',
          data: {
            staffId,
            serviceId,
            displayName: `${pick(random, ADULT_NAMES)} ${pick(random, SURNAMES)}`,
            role: n === 0 && s.sector === 'helsestasjon' ? 'coordinator' : 'staff',
          },
        }),
      );
      return { serviceId, name: s.name, sector: s.sector, staff };
    });
    servicesOf.set(M, services);
    municipalities.set(M, municipalityFacts(m, services, setup, existing !== undefined));

    const arenaId = id(M, 'kompetanseteam');
    const members = services.filter((s) =>
      ['helsestasjon', 'barnehage', 'ppt', 'skole'].includes(s.sector),
    );
    const arena: GeneratedEvent = {
      at: setupAt,
      actor: admin,
      event: {
        type: 'ArenaEstablished',
        data: {
          arenaId,
          municipalityId: M,
          kind: 'kompetanseteam',
          name: 'Kompetanseteam 0–18',
          mandate: 'Gi råd til ansatte om barn og unge de undrer seg over',
          intakeCriteria: 'Undring der egen tjeneste står fast; med samtykke eller anonymt',
          memberServices: members.map((s) => s.serviceId),
          meetingRhythm: 'Annenhver tirsdag',
          acceptsCitizenReferrals: true,
          by: admin.subject,
          at: setupAt,
        },
      },
    };
    const initiativeId = `familieteam-${M}`;
    const programme: GeneratedEvent[] = [
      {
        at: setupAt,
        actor: admin,
        event: {
          type: 'InitiativeRegistered',
          data: {
            initiativeId,
            municipalityId: M,
            status: 'in_operation',
            name: 'Tverrfaglig familieteam',
            purpose: 'Samordnet hjelp til familier med sammensatte behov',
            targetGroup: 'Barn og unge 0–24 og deres familier',
            serviceIds: members.map((s) => s.serviceId),
            sectors: members.map((s) => s.sector),
            evaluationMethod: 'Følgeevaluering og familiens egne vurderinger',
            by: admin.subject,
            at: setupAt,
          },
        },
      },
    ];
    const grant = (allocationId: string, year: number, scheme: GrantScheme, amountNok: number) =>
      programme.push({
        at: setupAt,
        actor: admin,
        event: {
          type: 'GrantAllocated',
          data: { allocationId, year, scheme, amountNok, by: admin.subject, at: setupAt },
        },
      });
    for (const scheme of GRANT_SCHEMES)
      if (m.grants2019[scheme] > 0)
        grant(id(M, 'grant-2019', scheme), 2019, scheme, m.grants2019[scheme] * 1000);
    m.pilotAllocations.forEach((amount, index) => {
      const year = 2020 + index;
      for (const [scheme, part] of splitBySchemes(m, amount)) {
        grant(id(M, 'pilot', year, scheme), year, scheme, part);
        programme.push({
          at: setupAt,
          actor: admin,
          event: {
            type: 'FundsCommitted',
            data: {
              commitmentId: id(M, 'commit', year, scheme),
              initiativeId,
              year,
              scheme,
              amountNok: Math.floor(part * 0.6),
              by: admin.subject,
              at: setupAt,
            },
          },
        });
      }
    });
    programme.push({
      at: setupAt,
      actor: admin,
      event: {
        type: 'BaselineMarked',
        data: { date: start, note: 'Oppstart av demo-historikken', by: admin.subject, at: setupAt },
      },
    });
    yield [
      { stream: `municipality-${M}`, events: setup },
      { stream: `arena-${arenaId}`, events: [arena] },
      { stream: `programme-${M}`, events: programme },
    ];
  }

  for (const m of PILOT_MUNICIPALITIES) {
    const services = servicesOf.get(m.municipalityId) as ServiceInfo[];
    const children = counts.get(m.municipalityId) ?? 0;
    yield* discussionsIn(random, m, services, children, today, id);
    for (let n = 0; n < children; n++)
      yield familyHistory(
        random,
        m,
        services,
        municipalities.get(m.municipalityId) as EnrolledMunicipality,
        n,
        id,
        start,
        today,
        id(m.municipalityId, 'kompetanseteam'),
      );
  }
}

/**
 * The municipality as the stafettlogg's rules see it: the generated set-up, on top of the services a
 * municipality set up already (the hand-written Vestre Toten demo) has registered.
 */
function municipalityFacts(
  m: PilotMunicipality,
  services: readonly ServiceInfo[],
  setup: readonly GeneratedEvent[],
  existing: boolean,
): EnrolledMunicipality {
  const before: MunicipalityState = existing
    ? {
        status: 'enrolled',
        municipalityId: m.municipalityId,
        name: m.name,
        county: m.county,
        handlingsveileder: DEFAULT_HANDLINGSVEILEDER,
        services: Object.fromEntries(
          services.map((s) => [
            s.serviceId,
            { serviceId: s.serviceId, name: s.name, sector: s.sector, alsoServes: [] },
          ]),
        ),
        staff: {},
        catalogue: {},
      }
    : municipalityDecider.initialState();
  const state = setup.reduce(
    (folded, { event }) => municipalityDecider.evolve(folded, event as MunicipalityEvent),
    before,
  );
  if (state.status !== 'enrolled') throw new Error(`${m.municipalityId} is not enrolled`);
  return state;
}

function familyHistory(
  random: Random,
  m: PilotMunicipality,
  services: readonly ServiceInfo[],
  municipality: EnrolledMunicipality,
  n: number,
  id: (...parts: (string | number)[]) => string,
  start: string,
  today: string,
  arenaId: string,
): GeneratedUnit {
  const M = m.municipalityId;
  const familyId = id(M, 'family', n);
  const subjectId = id(M, 'child', n);
  const guardianId = id(M, 'guardian', n);
  const surname = pick(random, SURNAMES);
  const firstDay = addDays(start, between(random, 0, 660));
  const staffOf = (service: ServiceInfo): StaffRef => ({
    staffId: pick(random, service.staff),
    serviceId: service.serviceId,
  });
  const actorOf = (ref: StaffRef): Actor => ({
    subject: ref.staffId,
    role: 'staff',
    municipalityId: M,
    serviceId: ref.serviceId,
  });
  const guardianActor: Actor = {
    subject: `idp|${M}-${n}-foresatt`,
    role: 'guardian',
    municipalityId: null,
    serviceId: null,
  };
  const bySector = (sector: Sector) => services.find((s) => s.sector === sector) as ServiceInfo;

  const ageYears = chance(random, 0.04) ? -1 : between(random, 0, 19);
  const birthDate =
    ageYears < 0 ? null : addDays(firstDay, -(ageYears * 365 + between(random, 0, 364)));
  const expectedBirthDate = birthDate ? null : addDays(firstDay, between(random, 30, 150));
  // Whole years on the day of registering: `ageYears` counts 365-day years, a day or two short of
  // calendar years over leap days, which made a few 12-year-olds young persons with a sign-in.
  const ageWhenRegistered = birthDate ? ageOn(birthDate, firstDay) : null;
  const firstName = pick(random, FIRST_NAMES);
  const registrar = staffOf(
    bySector(ageYears < 0 || ageYears <= 5 ? 'helsestasjon' : ageYears <= 15 ? 'skole' : 'nav'),
  );
  const family: GeneratedEvent[] = [];
  const famAt = instant(firstDay, 8);
  const fam = (event: FamilyEvent, at = famAt) =>
    family.push({ event, at, actor: actorOf(registrar) });
  fam({ type: 'FamilyRegistered', data: { familyId, municipalityId: M } });
  fam({
    type: 'SubjectAdded',
    data: {
      subjectId,
      kind:
        ageWhenRegistered === null
          ? 'pregnancy'
          : ageWhenRegistered >= YOUTH_FROM_AGE
            ? 'youth'
            : 'child',
      identitySubject:
        ageWhenRegistered !== null && ageWhenRegistered >= SIGN_IN_FROM_AGE
          ? `idp|${M}-${n}-ungdom`
          : null,
      personal: {
        name: birthDate ? `${firstName} ${surname}` : `Ufødt ${surname}`,
        birthDate,
        expectedBirthDate,
      },
    },
  });
  fam({
    type: 'GuardianAdded',
    data: {
      guardianId,
      identitySubject: guardianActor.subject,
      parentalResponsibility: true,
      personal: { name: `${pick(random, ADULT_NAMES)} ${surname}`, contact: null },
    },
  });
  if (!birthDate && expectedBirthDate && expectedBirthDate < today)
    fam(
      {
        type: 'ChildBorn',
        data: {
          subjectId,
          personal: {
            name: `${firstName} ${surname}`,
            birthDate: expectedBirthDate,
            // As a recorded birth keeps it: the child born still reads when it was expected.
            expectedBirthDate,
          },
        },
      },
      instant(expectedBirthDate, 12),
    );
  const unit: GeneratedStream[] = [
    { stream: `family-${familyId}`, events: family.sort((a, b) => a.at.localeCompare(b.at)) },
  ];

  // Nivå 0: a concern in the service that knows the child, talked over and decided.
  const noting =
    registrar.serviceId === bySector('skole').serviceId && chance(random, 0.4)
      ? bySector('barnehage')
      : (services.find((s) => s.serviceId === registrar.serviceId) as ServiceInfo);
  const noter = staffOf(noting);
  const concernId = id(M, 'concern', n);
  const notedAt = instant(firstDay, 9);
  const deadline = addDays(firstDay, DEFAULT_HANDLINGSVEILEDER.concernDecisionDeadlineDays);
  const decidedDay = addDays(
    firstDay,
    chance(random, 0.8) ? between(random, 1, 13) : between(random, 15, 30),
  );
  const outcome = pick(random, [
    'involve_others',
    'involve_others',
    'involve_others',
    'help_within_service',
    'closed',
  ] as const);
  const concern: GeneratedEvent[] = [
    {
      at: notedAt,
      actor: actorOf(noter),
      event: {
        type: 'ConcernNoted',
        data: {
          concernId,
          municipalityId: M,
          familyId,
          subjectId,
          serviceId: noting.serviceId,
          kind: chance(random, 0.7) ? 'undring' : 'bekymring',
          notedBy: noter.staffId,
          notedAt,
          decisionDeadline: deadline,
          personal: { summary: 'Undring over trivsel og samspill (syntetisk demo)' },
        },
      },
    },
    {
      at: instant(addDays(firstDay, 1), 10),
      actor: actorOf(noter),
      event: {
        type: 'ConcernTalkRecorded',
        data: {
          with: 'guardians',
          heldOn: addDays(firstDay, 1),
          recordedBy: noter.staffId,
          personal: { summary: 'Samtale med foresatte' },
        },
      },
    },
  ];
  if (decidedDay <= today)
    concern.push({
      at: instant(decidedDay, 11),
      actor: actorOf(noter),
      event: {
        type: 'ConcernDecided',
        data: {
          outcome,
          decidedBy: noter.staffId,
          decidedAt: instant(decidedDay, 11),
          late: decidedDay > deadline,
          personal: {
            reason: 'Vurdert sammen med foresatte',
            lateReason: decidedDay > deadline ? 'Ventet på samtale' : null,
          },
        },
      },
    });
  unit.push({ stream: `concern-${concernId}`, events: concern });
  if (outcome !== 'involve_others' || decidedDay > today) return unit;

  // The stafettlogg: consent asked for, mostly given, the log opened and lived in. Its history is
  // planned as commands, each by its actor at its time, and decided in time order by the domain's own
  // decider (`decideLog`): every log is one the domain itself would have written.
  const logId = id(M, 'log', n);
  const holder = noter;
  const others = services
    .filter(
      (s) => s.serviceId !== noting.serviceId && s.sector !== 'kultur' && chance(random, 0.35),
    )
    .slice(0, 3);
  const participants = [noting, ...others];
  const consentId = id(M, 'consent', n);
  const steps: LogStep[] = [];
  const S = (command: StafettloggCommand, at: string, actor: Actor) =>
    steps.push({ command, at, actor });
  const facts: StafettloggFacts = {
    municipality,
    family: foldEvents(
      familyDecider,
      family.map((e) => e.event as FamilyEvent),
    ) as RegisteredFamily,
    concern: foldEvents(
      concernDecider,
      concern.map((e) => e.event as ConcernEvent),
    ) as NotedConcern,
    initiatives: { [`familieteam-${M}`]: { status: 'in_operation' } },
  };
  const unitWithLog = () => {
    unit.push({ stream: `stafettlogg-${logId}`, events: decideLog(logId, steps, facts) });
    return unit;
  };
  // Before the consent age a guardian with parental responsibility answers; from it the young person.
  const youthActor: Actor = {
    subject: `idp|${M}-${n}-ungdom`,
    role: 'youth',
    municipalityId: null,
    serviceId: null,
  };
  const subjectBirthDate = facts.family?.subjects[subjectId]?.personal.birthDate ?? null;
  const consenter = (at: string): Actor =>
    youthConsentsAlone(subjectBirthDate, DEFAULT_HANDLINGSVEILEDER.consentAge, at)
      ? youthActor
      : guardianActor;
  const forThemselves = { givenByGuardianId: null, givenByYouth: null, paperFormReference: null };
  const initiated = instant(decidedDay, 12);
  S(
    {
      type: 'StartStafettlogg',
      logId,
      concernId,
      consentId,
      scope: {
        services: participants.map((s) => s.serviceId),
        categories: [
          ...new Set([
            ...participants.map((s) => CATEGORIES_BY_SECTOR[s.sector] ?? 'family_situation'),
            'family_situation' as const,
          ]),
        ],
        purpose: 'Samordne hjelpen rundt barnet',
      },
    },
    initiated,
    actorOf(holder),
  );
  const answerDay = addDays(decidedDay, between(random, 1, 14));
  if (answerDay > today || chance(random, 0.05)) return unitWithLog();
  if (chance(random, 0.08)) {
    const at = instant(answerDay, 18);
    S({ type: 'RefuseConsent', consentId, reason: null, ...forThemselves }, at, consenter(at));
    return unitWithLog();
  }
  const validUntil = addDays(answerDay, 364);
  const givenAt = instant(answerDay, 18);
  S(
    { type: 'GiveConsent', consentId, validFrom: answerDay, validUntil, ...forThemselves },
    givenAt,
    consenter(givenAt),
  );
  const openDay = addDays(answerDay, between(random, 1, 5));
  if (openDay > today) return unitWithLog();
  let level = pick(random, [1, 2, 2, 2, 3] as BtiLevel[]);
  // Opening makes the opener stafettholder and joins their service (the decider's ServiceJoined).
  S({ type: 'OpenStafettlogg', level }, instant(openDay, 9), actorOf(holder));
  let day = openDay;
  const visible: ServiceInfo[] = [];
  for (const other of others) {
    day = addDays(day, between(random, 0, 3));
    const hidden = other.sector === 'barnevern' && chance(random, 0.5);
    if (!hidden) visible.push(other);
    S(
      { type: 'JoinService', serviceId: other.serviceId, hidden },
      instant(day, 10),
      actorOf(holder),
    );
  }
  // Measures are planned once every participant has joined: the responsible's service must take part.
  const joined = day;
  const closeAfter = between(random, 60, 500);
  const end = addDays(openDay, closeAfter);
  const last = end < today ? end : today;
  // A log that outlives its consent has it renewed before it runs out (a year at a time).
  const renewDay = addDays(validUntil, -14);
  if (renewDay < last) {
    const at = instant(renewDay, 18);
    S(
      { type: 'RenewConsent', consentId, validUntil: addDays(validUntil, 364), ...forThemselves },
      at,
      consenter(at),
    );
  }
  let offered: StaffRef | null = null;
  const entries = between(random, 2, 10);
  for (let e = 0; e < entries; e++) {
    day = addDays(day, between(random, 3, 40));
    if (day >= last) break;
    const fromFamily = chance(random, 0.2);
    const service = pick(random, participants);
    const author = staffOf(service);
    S(
      {
        type: 'AddEntry',
        entryId: id(M, 'entry', n, e),
        kind: fromFamily
          ? 'guardians_voice'
          : pick(random, ['observation', 'conversation', 'agreement'] as const),
        category: fromFamily
          ? 'family_situation'
          : (CATEGORIES_BY_SECTOR[service.sector] ?? 'family_situation'),
        sharedWithGuardians: fromFamily || chance(random, 0.7),
        text: fromFamily
          ? 'Vi opplever at det går litt bedre hjemme.'
          : 'Observasjon fra hverdagen (syntetisk demo).',
        correctsEntryId: null,
      },
      instant(day, 13),
      fromFamily ? guardianActor : actorOf(author),
    );
  }
  // Measures still running when the log closes are ended first: a closed log has none under way.
  const running: { measureId: string; responsible: StaffRef }[] = [];
  const measures = between(random, 0, 2);
  for (let k = 0; k < measures; k++) {
    const planned = addDays(joined, between(random, 1, 20));
    if (planned >= last) break;
    const responsible = staffOf(pick(random, participants));
    const measureId = id(M, 'measure', n, k);
    const evaluationDate = addDays(
      planned,
      DEFAULT_HANDLINGSVEILEDER.measureEvaluationIntervalDays,
    );
    S(
      {
        type: 'PlanMeasure',
        measureId,
        goal: 'Et konkret mål avtalt med familien',
        responsibleServiceId: responsible.serviceId,
        responsibleStaffId: responsible.staffId,
        startDate: planned,
        evaluationDate,
        initiativeId: chance(random, 0.3) ? `familieteam-${M}` : null,
        catalogueEntryId: null,
      },
      instant(planned, 11),
      actorOf(holder),
    );
    S(
      { type: 'StartMeasure', measureId, startedOn: planned },
      instant(planned, 12),
      actorOf(responsible),
    );
    const evaluatedOn = addDays(
      evaluationDate,
      chance(random, 0.7) ? -between(random, 0, 5) : between(random, 1, 30),
    );
    const ends = evaluatedOn < last && chance(random, 0.4);
    if (evaluatedOn < last)
      // Ended at the evaluation: the decider writes MeasureEvaluated and MeasureEnded.
      S(
        {
          type: 'EvaluateMeasure',
          measureId,
          goalAttainment: pick(random, ['reached', 'partly', 'partly', 'not_reached'] as const),
          familyView: 'Familien opplever tiltaket som nyttig',
          decision: ends ? 'end' : 'continue',
          nextEvaluationDate: ends ? null : addDays(evaluatedOn, 42),
        },
        instant(evaluatedOn, 14),
        actorOf(responsible),
      );
    if (!ends) running.push({ measureId, responsible });
  }
  // The baton goes only to a service taking part openly: a hidden one cannot hold it.
  let handedOver: { to: StaffRef; at: string } | null = null;
  if (chance(random, 0.3) && visible.length > 0) {
    const handoverDay = addDays(openDay, between(random, 20, 120));
    if (handoverDay < last) {
      const to = staffOf(pick(random, visible));
      S(
        { type: 'OfferHandover', toStaffId: to.staffId, toServiceId: to.serviceId },
        instant(handoverDay, 9),
        actorOf(holder),
      );
      const answered = addDays(handoverDay, between(random, 0, 12));
      if (answered < last) {
        if (chance(random, 0.85)) {
          S({ type: 'AcceptHandover' }, instant(answered, 10), actorOf(to));
          handedOver = { to, at: instant(answered, 10) };
        } else S({ type: 'DeclineHandover' }, instant(answered, 10), actorOf(to));
      } else offered = to;
    }
  }
  // Who holds the baton at a time: the first holder until the new one accepts.
  const holderAt = (at: string): StaffRef =>
    handedOver && at >= handedOver.at ? handedOver.to : holder;
  const current = handedOver ? handedOver.to : holder;
  if (chance(random, 0.2) && offered === null) {
    const changeDay = addDays(openDay, between(random, 30, 200));
    const to = (level === 3 ? 2 : level + 1) as BtiLevel;
    if (changeDay < last) {
      const at = instant(changeDay, 11);
      S({ type: 'ChangeLevel', level: to, reason: 'Behovet er endret' }, at, actorOf(holderAt(at)));
      level = to;
    }
  }
  // Samordningsmøter: a quarter of the logs at level 2, most at level 3.
  if (level >= 2 && chance(random, level === 3 ? 0.8 : 0.4)) {
    const meetingDay = addDays(openDay, between(random, 7, 60));
    if (meetingDay < today)
      unit.push(
        meetingHistory(
          random,
          M,
          familyId,
          logId,
          guardianId,
          current,
          others,
          meetingDay,
          id(M, 'meeting', n),
          guardianActor,
          actorOf,
        ),
      );
  }
  if (chance(random, 0.1) && others.length > 0) {
    const referralDay = addDays(openDay, between(random, 5, 40));
    if (addDays(referralDay, 7) < last) {
      const answer = chance(random, 0.8);
      const referralId = id(M, 'referral', n);
      const teamMember: StaffRef = staffOf(bySector('ppt'));
      unit.push({
        stream: `arena-${arenaId}`,
        events: [
          {
            at: instant(referralDay, 10),
            actor: actorOf(current),
            event: {
              type: 'CaseReferredToArena',
              data: {
                referralId,
                familyId,
                logId,
                subjectId,
                level,
                referrer: { kind: 'staff', ...current },
                consentCoversArena: false,
                at: instant(referralDay, 10),
                personal: { reason: 'Ønsker råd fra teamet' },
              },
            },
          },
          answer
            ? {
                at: instant(addDays(referralDay, 7), 10),
                actor: actorOf(teamMember),
                event: {
                  type: 'ReferralAccepted',
                  data: {
                    referralId,
                    by: teamMember,
                    at: instant(addDays(referralDay, 7), 10),
                    personal: { note: null },
                  },
                },
              }
            : {
                at: instant(addDays(referralDay, 7), 10),
                actor: actorOf(teamMember),
                event: {
                  type: 'ReferralDeclined',
                  data: {
                    referralId,
                    by: teamMember,
                    redirectToArenaId: null,
                    at: instant(addDays(referralDay, 7), 10),
                    personal: { reason: 'Utenfor mandatet', advice: 'Ta kontakt med PPT direkte' },
                  },
                },
              },
        ],
      });
    }
  }
  let withdrawnDay: string | null = null;
  if (chance(random, 0.03) && addDays(last, -1) >= openDay) {
    withdrawnDay = addDays(last, -1);
    const at = instant(withdrawnDay, 20);
    S({ type: 'WithdrawConsent', consentId, ...forThemselves }, at, consenter(at));
  }
  if (end < today && offered === null) {
    // Ended while a consent still covers the services: before a withdrawal, else on the closing day.
    const endingAt = withdrawnDay ? instant(withdrawnDay, 19) : instant(end, 14);
    for (const { measureId, responsible } of running)
      S(
        { type: 'EndMeasure', measureId, reason: 'Stafettloggen avsluttes' },
        endingAt,
        actorOf(responsible),
      );
    const reason = pick(random, [
      'needs_met',
      'needs_met',
      'needs_met',
      'moved',
      'individual_plan',
      'other',
    ] as const);
    const familyEvaluation = chance(random, 0.7)
      ? {
          coordination: between(random, 2, 5),
          accessibility: between(random, 2, 5),
          participation: between(random, 3, 5),
          comment: null,
        }
      : null;
    S(
      {
        type: 'CloseStafettlogg',
        reason: withdrawnDay ? 'consent_withdrawn' : reason,
        familyEvaluation,
        evaluationMissingReason: familyEvaluation ? null : 'Familien ønsket ikke å svare',
      },
      instant(end, 15),
      actorOf(current),
    );
  }
  return unitWithLog();
}

interface LogStep {
  readonly command: StafettloggCommand;
  readonly at: string;
  readonly actor: Actor;
}

/**
 * A log's history as the domain writes it: its commands in time order (as planned, for one instant),
 * each decided by the stafettlogg's decider against the log so far, and its events folded in. A
 * command the domain would refuse is a bug in the generator: it throws rather than write a history
 * the domain would never have written.
 */
function decideLog(
  logId: string,
  steps: readonly LogStep[],
  facts: StafettloggFacts,
): GeneratedEvent[] {
  const events: GeneratedEvent[] = [];
  let state = stafettloggDecider.initialState();
  for (const { command, at, actor } of [...steps].sort((a, b) => a.at.localeCompare(b.at))) {
    let decided: StafettloggEvent[];
    try {
      decided = stafettloggDecider.decide(command, state, { by: actor, at, facts });
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      throw new Error(`Demo log ${logId}: ${command.type} at ${at} refused (${why})`, {
        cause: error,
      });
    }
    for (const event of decided) {
      state = stafettloggDecider.evolve(state, event);
      events.push({ event, at, actor });
    }
  }
  return events;
}

function meetingHistory(
  random: Random,
  M: string,
  familyId: string,
  logId: string,
  guardianId: string,
  chair: StaffRef,
  invited: readonly ServiceInfo[],
  day: string,
  meetingId: string,
  guardianActor: MetadataActor,
  actorOf: (ref: StaffRef) => MetadataActor,
): GeneratedStream {
  const events: GeneratedEvent[] = [];
  const E = (event: MeetingEvent, hour: number, actor = actorOf(chair)) =>
    events.push({ event, at: instant(day, hour), actor });
  const present = chance(random, 0.85);
  const invitedServices = invited.map((s) => s.serviceId).filter((s) => s !== chair.serviceId);
  events.push({
    at: instant(addDays(day, -7), 9),
    actor: actorOf(chair),
    event: {
      type: 'MeetingScheduled',
      data: {
        meetingId,
        municipalityId: M,
        familyId,
        logIds: [logId],
        startsAt: instant(day, 10),
        durationMinutes: 60,
        locationKind: 'place',
        chair,
        invitedServices,
        hiddenServices: [],
        invitedGuardians: [guardianId],
        invitedYouth: [],
        scheduledBy: chair,
        at: instant(addDays(day, -7), 9),
        personal: { agenda: [], location: { place: 'Rådhuset, møterom 2', link: null } },
      },
    },
  });
  E(
    {
      type: 'MeetingStarted',
      data: {
        attendance: [{ kind: 'guardian', guardianId, mode: present ? 'present' : 'absent' }],
        by: chair,
        at: instant(day, 10),
      },
    },
    10,
  );
  if (present)
    E(
      {
        type: 'GuardiansHeard',
        data: {
          speakers: [guardianId],
          recordedBy: { kind: 'staff', ...chair },
          at: instant(day, 11),
          personal: { text: 'Foreldrene forteller om hverdagen' },
        },
      },
      11,
    );
  E(
    {
      type: 'ServicePerspectiveRecorded',
      data: {
        serviceId: chair.serviceId,
        by: chair,
        at: instant(day, 12),
        personal: { text: 'Tjenestens perspektiv' },
      },
    },
    12,
  );
  const heard = chance(random, 0.7);
  E(
    {
      type: 'ChildsVoiceRecorded',
      data: {
        heard,
        by: chair,
        at: instant(day, 13),
        personal: {
          text: heard ? 'Barnet ønsker mer tid med venner' : null,
          reasonNotHeard: heard ? null : 'Barnet var ikke til stede',
        },
      },
    },
    13,
  );
  E(
    {
      type: 'MeetingDecisionRecorded',
      data: {
        decisionId: `${meetingId}-d1`,
        details: { kind: 'other' },
        responsible: chair,
        deadline: addDays(day, 30),
        formalDecision: null,
        by: chair,
        at: instant(day, 14),
        personal: { text: 'Ny samtale med familien', goal: null },
      },
    },
    14,
  );
  if (present)
    E(
      {
        type: 'MeetingEvaluatedByFamily',
        data: {
          evaluator: { kind: 'guardian', guardianId },
          coordination: between(random, 2, 5),
          beingHeard: between(random, 3, 5),
          usefulness: between(random, 2, 5),
          recordedBy: { kind: 'guardian', guardianId },
          at: instant(day, 15),
          personal: { comment: null },
        },
      },
      15,
      guardianActor,
    );
  E({ type: 'MeetingEnded', data: { nextMeetingDate: null, by: chair, at: instant(day, 16) } }, 16);
  E(
    {
      type: 'EttermoteRecorded',
      data: {
        confidentialityReminded: chance(random, 0.9),
        formAndContent: between(random, 3, 5),
        chairSteering: between(random, 3, 5),
        teamSupport: between(random, 2, 5),
        equalDialogue: between(random, 2, 5),
        childsVoiceHeard: heard ? 'yes' : pick(random, ['partly', 'no'] as const),
        by: chair,
        at: instant(day, 17),
        personal: { learned: null },
      },
    },
    17,
  );
  return { stream: `meeting-${meetingId}`, events };
}

/** Anonymous discussions in a municipality's team: about one for every five children. */
function* discussionsIn(
  random: Random,
  m: PilotMunicipality,
  services: readonly ServiceInfo[],
  children: number,
  today: string,
  id: (...parts: (string | number)[]) => string,
): Generator<GeneratedUnit> {
  const M = m.municipalityId;
  const arenaId = id(M, 'kompetanseteam');
  const service = (sector: Sector) => services.find((s) => s.sector === sector) as ServiceInfo;
  const asking = service('helsestasjon');
  const answering = service('ppt');
  const team = ['helsestasjon', 'barnehage', 'ppt', 'skole'].map(
    (sector) => service(sector as Sector).serviceId,
  );
  for (let k = 0; k < Math.max(2, Math.round(children / 5)); k++) {
    const discussionId = id(M, 'discussion', k);
    const day = addDays(today, -between(random, 10, 700));
    const askedBy = { staffId: asking.staff[1], serviceId: asking.serviceId };
    const advisedBy = { staffId: answering.staff[0], serviceId: answering.serviceId };
    const actor = (ref: StaffRef): MetadataActor => ({
      subject: ref.staffId,
      role: 'staff',
      municipalityId: M,
      serviceId: ref.serviceId,
    });
    yield [
      {
        stream: `discussion-${discussionId}`,
        events: [
          {
            at: instant(day, 9),
            actor: actor(askedBy),
            event: {
              type: 'AnonymousDiscussionOpened',
              data: {
                discussionId,
                municipalityId: M,
                arenaId,
                ageBand: pick(random, ['pregnancy', '0-5', '6-12', '13-18', '19-24'] as const),
                themes: [
                  pick(random, [
                    'wellbeing',
                    'school_attendance',
                    'language',
                    'family_situation',
                  ] as const),
                ],
                servicesInvolved: [asking.serviceId],
                teamServices: team,
                askedBy,
                at: instant(day, 9),
                question: 'Hvordan kan vi følge opp et barn som trekker seg unna i lek?',
              },
            },
          },
          {
            at: instant(addDays(day, 1), 9),
            actor: actor(advisedBy),
            event: {
              type: 'AnonymousDiscussionAdvised',
              data: {
                advice: 'Snakk med foreldrene og be om samtykke til samarbeid',
                outcome: pick(random, [
                  'advice_only',
                  'recommend_consent',
                  'recommend_consent',
                  'recommend_child_welfare_report',
                ] as const),
                by: advisedBy,
                at: instant(addDays(day, 1), 9),
              },
            },
          },
        ],
      },
    ];
  }
}
