import type Database from 'better-sqlite3';
import { AGE_BANDS, addDays, dayOf, monthOf, startOfDay } from '@bti/domain';

type Row = Record<string, string | number | null>;

/** The projection's name: metric queries wait for it, and their cache is keyed by its checkpoint. */
export const METRIC_FACTS = 'metric-facts';

/**
 * The age bands a metric is broken down by: the five of the programme, and `unknown` for a child
 * whose birth date was erased with the family's personal data — counted, but in no age.
 */
export const METRIC_AGE_BANDS = [...AGE_BANDS, 'unknown'] as const;
export type MetricAgeBand = (typeof METRIC_AGE_BANDS)[number];

/**
 * What the facts know of a subject's birth: the date, null before birth (a pregnancy), or
 * {@link BIRTH_ERASED} once the family's personal data is erased.
 */
export const BIRTH_ERASED = Symbol('birth date erased');
export type BirthFact = string | null | typeof BIRTH_ERASED;

/** The age band of a subject on a day: pregnancy before birth, then 0–5, 6–12, 13–18, 19–24. */
export function ageBandAt(birthDate: BirthFact, day: string): MetricAgeBand {
  if (birthDate === BIRTH_ERASED) return 'unknown';
  const date = dayOf(day);
  if (!birthDate || date < birthDate) return 'pregnancy';
  // Dates are YYYY-MM-DD, so month and day compare as text: no arrays to build for every unit.
  const age =
    Number(date.slice(0, 4)) -
    Number(birthDate.slice(0, 4)) -
    (date.slice(5) < birthDate.slice(5) ? 1 : 0);
  if (age <= 5) return '0-5';
  if (age <= 12) return '6-12';
  if (age <= 18) return '13-18';
  return '19-24';
}

/** Whole and fractional days from one instant or date to another. */
export const daysBetween = (from: string, to: string) =>
  Math.round(((Date.parse(to) - Date.parse(from)) / 86_400_000) * 10) / 10;

/** A month as YYYY-MM: four digits for the year, whatever it is (year 0 is '0000'). */
const monthText = (year: number, month: number) =>
  `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;

/** The month `count` months before `month` (YYYY-MM). */
export function monthsBefore(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - count;
  return monthText(Math.floor(index / 12), (index % 12) + 1);
}

/** The months from one to another, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    months.push(monthText(y, m));
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return months;
}

const monthEnds = new Map<string, string>();

/** The last day of a month, as a date (asked for by every unit of a stock metric: remembered). */
export function monthEnd(month: string): string {
  let end = monthEnds.get(month);
  if (end === undefined) {
    const [y, m] = month.split('-').map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    end = `${month}-${String(last).padStart(2, '0')}`;
    if (monthEnds.size < 10_000) monthEnds.set(month, end);
  }
  return end;
}

const monthEndInstants = new Map<string, string>();

/**
 * The instant (UTC) a month ends in Norway: the start of the next day there. Asked for every open log
 * at every month's end by the inactivity metric: remembered.
 */
export function monthEndInstant(month: string): string {
  let instant = monthEndInstants.get(month);
  if (instant === undefined) {
    instant = startOfDay(addDays(monthEnd(month), 1));
    if (monthEndInstants.size < 10_000) monthEndInstants.set(month, instant);
  }
  return instant;
}

export interface ProgrammeMunicipality {
  id: string;
  name: string;
  county: string;
}

/** The programme's municipalities, by id: what the tables name, with names and counties. */
export function programmeMunicipalitiesQuery(
  db: Database.Database,
): Database.Statement<[], ProgrammeMunicipality> {
  return db.prepare<[], ProgrammeMunicipality>(
    'SELECT municipality_id AS id, name, county FROM metric_municipalities ORDER BY municipality_id',
  );
}

export interface LogFact {
  logId: string;
  municipalityId: string;
  subject: string;
  birthDate: BirthFact;
  concernNotedAt: string | null;
  initiatedAt: string;
  firstConsentAt: string | null;
  openedAt: string | null;
  levelAtOpen: number | null;
  level: number | null;
  closedAt: string | null;
  firstMeetingAt: string | null;
  firstMeasureOn: string | null;
  inactivityDays: number | null;
  closing: { coordination: number; accessibility: number; participation: number } | null;
  sectors: string[];
  services: number;
  /** Level changes in time order, from the opening. */
  levels: { at: string; level: number }[];
  activeMonths: Set<string>;
}

/**
 * Everything the catalogue computes from, read from the metric facts in a few table scans: each
 * metric then walks rows in memory. Built once per checkpoint and shared by every metric.
 */
export class MetricFacts {
  readonly municipalities: ProgrammeMunicipality[];
  readonly logs: LogFact[];
  readonly logsById: Map<string, LogFact>;
  /** The first month anything happened: every metric's cube starts there. */
  readonly firstMonth: string | null;
  private readonly sectors = new Map<string, string>();
  private readonly birthDates = new Map<string, BirthFact>();
  /** Whether any child's birth date was erased: only then do age-band tables have `unknown`. */
  readonly anyBirthErased: boolean;

  constructor(private readonly db: Database.Database) {
    // Every row brings its own copy of a string: the same months, municipalities and children over
    // and over. One copy each keeps 100,000 children's facts in a fraction of the memory.
    const strings = new Map<string, string>();
    const intern = (value: string): string => {
      const known = strings.get(value);
      if (known !== undefined) return known;
      strings.set(value, value);
      return value;
    };
    this.municipalities = programmeMunicipalitiesQuery(db).all();
    for (const row of this.rows('SELECT municipality_id, service_id, sector FROM metric_services'))
      this.sectors.set(`${row.municipality_id}/${row.service_id}`, String(row.sector));
    let anyBirthErased = false;
    for (const row of this.rows(
      'SELECT family_id, subject_id, birth_date, erased FROM metric_subjects',
    )) {
      anyBirthErased ||= Boolean(row.erased);
      this.birthDates.set(
        intern(`${row.family_id}/${row.subject_id}`),
        row.erased ? BIRTH_ERASED : row.birth_date === null ? null : intern(String(row.birth_date)),
      );
    }
    this.anyBirthErased = anyBirthErased;
    const concernsNoted = new Map<string, string>();
    for (const row of this.rows('SELECT concern_id, noted_at FROM metric_concerns'))
      concernsNoted.set(String(row.concern_id), String(row.noted_at));
    const servicesOf = new Map<string, string[]>();
    for (const row of this.rows('SELECT log_id, service_id FROM metric_log_services')) {
      const list = servicesOf.get(String(row.log_id)) ?? [];
      list.push(String(row.service_id));
      servicesOf.set(String(row.log_id), list);
    }
    const levelsOf = new Map<string, { at: string; level: number }[]>();
    for (const row of this.rows(
      'SELECT log_id, at, level FROM metric_levels ORDER BY log_id, at',
    )) {
      const list = levelsOf.get(String(row.log_id)) ?? [];
      list.push({ at: String(row.at), level: Number(row.level) });
      levelsOf.set(String(row.log_id), list);
    }
    const activity = new Map<string, Set<string>>();
    for (const row of this.rows('SELECT log_id, month FROM metric_log_activity')) {
      const months = activity.get(String(row.log_id)) ?? new Set<string>();
      months.add(intern(String(row.month)));
      activity.set(String(row.log_id), months);
    }
    const logs: LogFact[] = [];
    for (const row of this.rows('SELECT * FROM metric_logs ORDER BY log_id')) {
      const logId = String(row.log_id);
      const municipalityId = intern(String(row.municipality_id));
      const subject = intern(`${row.family_id}/${row.subject_id}`);
      const services = servicesOf.get(logId) ?? [];
      const str = (value: string | number | null) => (value === null ? null : String(value));
      const num = (value: string | number | null) => (value === null ? null : Number(value));
      logs.push({
        logId,
        municipalityId,
        subject,
        birthDate: this.birthDates.get(subject) ?? null,
        concernNotedAt: concernsNoted.get(String(row.concern_id)) ?? null,
        initiatedAt: String(row.initiated_at),
        firstConsentAt: str(row.first_consent_at),
        openedAt: str(row.opened_at),
        levelAtOpen: num(row.level_at_open),
        level: num(row.level),
        closedAt: str(row.closed_at),
        firstMeetingAt: str(row.first_meeting_at),
        firstMeasureOn: str(row.first_measure_on),
        inactivityDays: num(row.inactivity_days),
        closing:
          row.closing_coordination === null
            ? null
            : {
                coordination: Number(row.closing_coordination),
                accessibility: Number(row.closing_accessibility),
                participation: Number(row.closing_participation),
              },
        sectors: [...new Set(services.map((s) => this.sectorOf(municipalityId, s)))],
        services: services.length,
        levels: levelsOf.get(logId) ?? [],
        activeMonths: activity.get(logId) ?? new Set(),
      });
    }
    this.logs = logs;
    this.logsById = new Map(this.logs.map((log) => [log.logId, log]));
    const first = this.all(
      `SELECT min(at) AS at FROM (SELECT min(noted_at) AS at FROM metric_concerns
         UNION ALL SELECT min(initiated_at) FROM metric_logs
         UNION ALL SELECT min(opened_at) FROM metric_discussions
         UNION ALL SELECT min(referred_at) FROM metric_referrals)`,
    )[0]?.at;
    this.firstMonth = typeof first === 'string' ? monthOf(first) : null;
  }

  all(sql: string): Row[] {
    return this.db.prepare<[], Row>(sql).all();
  }

  /**
   * A table's rows one at a time: the big ones (a row per log and month) held whole as arrays of
   * objects, only to be folded into maps, raised the API's memory by hundreds of megabytes for good.
   */
  rows(sql: string): IterableIterator<Row> {
    return this.db.prepare<[], Row>(sql).iterate();
  }

  sectorOf(municipalityId: string, serviceId: string): string {
    return this.sectors.get(`${municipalityId}/${serviceId}`) ?? 'annet';
  }

  birthDateOf(familyId: string, subjectId: string): BirthFact {
    return this.birthDates.get(`${familyId}/${subjectId}`) ?? null;
  }

  /** The log's level at the end of a day, or of an instant's day in Norway (null before it opened). */
  levelAt(log: LogFact, dayOrInstant: string): number | null {
    const day = dayOf(dayOrInstant);
    let level: number | null = null;
    for (const change of log.levels) if (dayOf(change.at) <= day) level = change.level;
    return level;
  }
}
