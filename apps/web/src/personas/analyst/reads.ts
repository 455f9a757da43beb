/**
 * The answers of the reads the analyst persona uses, whose shape the API's OpenAPI description leaves
 * out (its read endpoints declare no response schema yet). Declared here, not in shared/api/reads.ts,
 * and checked at compile time against the server's own types by test/web/analyst-read-types.spec.ts:
 * if the server stops sending a field the pages read, the type check fails. Plain types only.
 */

export type AreaLevel = 'municipality' | 'county' | 'all';
export type PeriodLevel = 'month' | 'quarter' | 'year';
export type Breakdown = 'none' | 'ageBand' | 'level' | 'sector';
export type MetricKind = 'count' | 'mean' | 'share';

/** One metric as the catalogue defines it: the plain-language definition is its formula. */
export interface MetricDefinition {
  id: string;
  title: string;
  kind: MetricKind;
  unit: string;
  formula: string;
  sources: readonly string[];
}

/** `GET /metrics`: every metric with its definition, the definitions' version and the threshold. */
export interface MetricCatalogue {
  definitionsVersion: string;
  /** Cells built from fewer children than this are suppressed ("<5"). */
  minChildren: number;
  breakdowns: readonly Breakdown[];
  metrics: (MetricDefinition & { stock: boolean })[];
  /** The municipalities the tables name by id, with their names and counties. */
  municipalities: { id: string; name: string; county: string }[];
}

/**
 * One cell of a metric table. A suppressed cell is `value: null, suppressed: true`: it is shown as
 * "<threshold>" and never as a number, whatever `value` holds.
 */
export interface MetricCell {
  period: string;
  areaLevel: AreaLevel;
  areaId: string;
  /** A breakdown value (`0-5`, `2`, `skole` …) or `total`. */
  category: string;
  value: number | null;
  suppressed: boolean;
  /** For one municipality: the value in the period of its baseline, and the change since. */
  baselineValue?: number | null;
  changeFromBaseline?: number | null;
}

/** `GET /metrics/:id`: one metric's table, a cell per area, period and category. */
export interface MetricTable {
  metric: MetricDefinition;
  definitionsVersion: string;
  areaLevel: AreaLevel;
  period: PeriodLevel;
  by: Breakdown;
  minChildren: number;
  baseline: { date: string; period: string } | null;
  cells: MetricCell[];
}

/** One service of a municipality and how it uses the stafettlogg: counts only, no case content. */
export interface ServiceUse {
  serviceId: string;
  name: string;
  sector: string;
  openLogs: number;
  logsHeld: number;
  overdueEvaluations: number;
  handoversWaiting: number;
  concernsPastDeadline: number;
  consentsToRenew: number;
  activityByMonth: { month: string; events: number }[];
}

/** `GET /municipalities/:id/use?months=`: the leaders' view of use per service. */
export interface MunicipalityUse {
  municipalityId: string;
  asOf: string;
  services: ServiceUse[];
}

/** One initiative of the programme register, with the children it reached (suppressed when few). */
export interface InitiativeFigures {
  initiativeId: string;
  name: string;
  status: string;
  childrenReached: number | null;
  suppressed: boolean;
  sectorsInvolved: string[];
  committedNok: Record<string, number>;
}

/** `GET /metrics/initiatives?municipalityId=`: per initiative, and the grants per year and scheme. */
export interface InitiativeMetrics {
  municipalityId: string;
  initiatives: InitiativeFigures[];
  allocations: { year: number; scheme: string; amountNok: number }[];
}

/** `GET /admin/event-types`: how many events of each type the log holds, per municipality. */
export interface EventTypeCount {
  /** null for the installation's own events. */
  municipalityId: string | null;
  /** The municipality's name (null for the installation's own events, or one not enrolled). */
  municipalityName: string | null;
  type: string;
  count: number;
  lastRecordedAt: string;
}
