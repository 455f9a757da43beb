import type Database from 'better-sqlite3';
import { AGE_BANDS, SECTORS, monthOf, notFound } from '@bti/domain';
// Not the library's index: the metrics thread loads this file, and the index brings Nest with it.
import { releaseHeapAfterBurst } from '@bti/read-models/heap-release';
import {
  METRICS,
  DEFINITIONS_VERSION,
  type MetricDefinition,
  type RawUnit,
} from './metric-catalogue';
import type { PublishedSuppression } from './published-suppression';
import { MetricCube, periodOf, type AreaLevel, type Cell, type PeriodLevel } from './metric-cube';
import {
  METRIC_AGE_BANDS,
  MetricFacts,
  monthsBefore,
  monthsBetween,
  programmeMunicipalitiesQuery,
  type ProgrammeMunicipality,
} from './metric-facts';

export const BREAKDOWNS = ['none', 'ageBand', 'level', 'sector'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

/** Every metric with how it is computed, and the areas the tables name. */
export interface MetricCatalogue {
  definitionsVersion: string;
  /** Cells built from fewer children than this are suppressed. */
  minChildren: number;
  breakdowns: readonly Breakdown[];
  metrics: (Pick<MetricDefinition, 'id' | 'title' | 'kind' | 'unit' | 'formula' | 'sources'> & {
    stock: boolean;
  })[];
  municipalities: ProgrammeMunicipality[];
}

/** A municipality's initiatives with their figures, and its grant allocations per year and scheme. */
export interface InitiativeMetrics {
  municipalityId: string;
  initiatives: InitiativeFigures[];
  allocations: { year: number; scheme: string; amountNok: number }[];
}

function categoriesFor(by: Breakdown, facts: MetricFacts): readonly string[] {
  switch (by) {
    case 'none':
      return [];
    case 'ageBand':
      return facts.anyBirthErased ? METRIC_AGE_BANDS : AGE_BANDS;
    case 'level':
      return ['0', '1', '2', '3'];
    case 'sector':
      return SECTORS;
  }
}

function categoriesOf(unit: RawUnit, breakdown: Breakdown): string[] {
  switch (breakdown) {
    case 'none':
      return [];
    case 'ageBand':
      return [unit.ageBand];
    case 'level':
      return unit.level === null ? [] : [String(unit.level)];
    case 'sector':
      return [...unit.sectors];
  }
}

export interface MetricQuery {
  readonly metricId: string;
  readonly areaLevel: AreaLevel;
  readonly areaId?: string;
  readonly period: PeriodLevel;
  /** YYYY-MM, both inclusive. */
  readonly from?: string;
  readonly to?: string;
  readonly by: Breakdown;
}

export interface PublishedCell {
  period: string;
  areaLevel: AreaLevel;
  areaId: string;
  category: string;
  value: number | null;
  suppressed: boolean;
  /** For one municipality: the value in the period of its baseline, and the change since. */
  baselineValue?: number | null;
  changeFromBaseline?: number | null;
}

export interface MetricTable {
  metric: Pick<MetricDefinition, 'id' | 'title' | 'kind' | 'unit' | 'formula' | 'sources'>;
  definitionsVersion: string;
  areaLevel: AreaLevel;
  period: PeriodLevel;
  by: Breakdown;
  /** Cells built from fewer children than this, and cells that would give one away, are suppressed. */
  minChildren: number;
  baseline: { date: string; period: string } | null;
  cells: PublishedCell[];
}

export interface InitiativeFigures {
  initiativeId: string;
  name: string;
  status: string;
  /** Distinct children with a measure under the initiative; null when suppressed (1–4). */
  childrenReached: number | null;
  suppressed: boolean;
  /** The sectors whose measures reached them; null when the count is suppressed. */
  sectorsInvolved: string[] | null;
  committedNok: Record<string, number>;
}

/** How the API sends metric tables: one as JSON, several as a JSON array, or CSV with one header. */
export type MetricTablesFormat = 'json-table' | 'json-tables' | 'csv';

/**
 * Metric tables as the API sends them, computed and written off its thread where the file allows:
 * the text crosses between threads as it is, where the tables as objects would be copied field by field.
 */
export interface MetricTables {
  render(
    queries: readonly MetricQuery[],
    now: Date,
    minPosition: bigint,
    format: MetricTablesFormat,
  ): Promise<string>;
}
export const METRIC_TABLES = Symbol('METRIC_TABLES');

/** How long computed metrics may be reused while new events arrive (they are monthly figures). */
export const METRICS_MAX_AGE_MS = 5 * 60_000;

/**
 * How far before the first concern, log, discussion or referral a unit may lie and still be counted:
 * a measure can be recorded as started before its log, but not decades before anything happened.
 */
export const UNITS_BEFORE_FIRST_MONTH = 60;

/**
 * Metric tables, computed from the metric facts only and cached: a cube is built on its first request
 * and reused until the month turns, or — once new events have arrived — for at most
 * METRICS_MAX_AGE_MS, unless the caller asks for a position (its own write) the cache does not hold.
 * A live programme writes all the time; rebuilding every figure on every write would not scale.
 */
export class MetricsReader {
  private cache: {
    month: string;
    checkpoint: bigint;
    builtAt: number;
    facts: MetricFacts;
    cubes: Map<string, MetricCube>;
  } | null = null;

  private readonly baselineOf;
  private readonly municipalities;

  constructor(
    private readonly db: Database.Database,
    private readonly checkpoint: () => bigint,
    private readonly minChildren: number,
    private readonly clock: () => number = Date.now,
    /** The cells published hidden before, kept hidden while they hold the same (none: no memory). */
    private readonly suppression?: PublishedSuppression,
  ) {
    this.baselineOf = db.prepare<[string], { date: string }>(
      'SELECT date FROM metric_baselines WHERE municipality_id = ?',
    );
    this.municipalities = programmeMunicipalitiesQuery(db);
  }

  catalogue(): MetricCatalogue {
    return {
      definitionsVersion: DEFINITIONS_VERSION,
      minChildren: this.minChildren,
      breakdowns: BREAKDOWNS,
      metrics: METRICS.map(({ id, title, kind, unit, formula, sources, stock }) => ({
        id,
        title,
        kind,
        unit,
        formula,
        sources,
        stock: stock ?? false,
      })),
      // The areas a table's cells name by id, with the names people know them by.
      municipalities: this.municipalities.all(),
    };
  }

  table(query: MetricQuery, now: Date, minPosition = 0n): MetricTable {
    const definition = METRICS.find((m) => m.id === query.metricId);
    if (!definition) throw notFound('METRIC_NOT_FOUND');
    const currentMonth = monthOf(now.toISOString());
    const { facts, cube } = this.cubeFor(definition, query.by, currentMonth, minPosition);
    if (
      query.areaId &&
      !(
        (query.areaLevel === 'municipality' &&
          facts.municipalities.some((m) => m.id === query.areaId)) ||
        (query.areaLevel === 'county' &&
          facts.municipalities.some((m) => m.county === query.areaId))
      )
    )
      throw notFound('AREA_NOT_FOUND');
    const cells = cube.slice({
      areaLevel: query.areaLevel,
      areaId: query.areaLevel === 'all' ? undefined : query.areaId,
      periodLevel: query.period,
      from: query.from,
      to: query.to,
    });
    const baselineDate =
      query.areaLevel === 'municipality' && query.areaId
        ? (this.baselineOf.get(query.areaId)?.date ?? null)
        : null;
    const baselinePeriod = baselineDate ? periodOf(query.period, monthOf(baselineDate)) : null;
    const published = cells.map((cell) => this.publish(cell, cube, query.period, baselinePeriod));
    return {
      metric: {
        id: definition.id,
        title: definition.title,
        kind: definition.kind,
        unit: definition.unit,
        formula: definition.formula,
        sources: definition.sources,
      },
      definitionsVersion: DEFINITIONS_VERSION,
      areaLevel: query.areaLevel,
      period: query.period,
      by: query.by,
      minChildren: this.minChildren,
      baseline:
        baselineDate && baselinePeriod ? { date: baselineDate, period: baselinePeriod } : null,
      cells: published,
    };
  }

  /** The tables of `queries`, each at `now`, written in `format`: what the API sends. */
  render(
    queries: readonly MetricQuery[],
    now: Date,
    minPosition: bigint,
    format: MetricTablesFormat,
  ): string {
    return renderMetricTables(
      queries.map((query) => this.table(query, now, minPosition)),
      format,
    );
  }

  /** Whether the programme has this municipality (enrolled, so its metrics exist). */
  knowsMunicipality(municipalityId: string): boolean {
    return this.municipalities.all().some((m) => m.id === municipalityId);
  }

  /** Per initiative of a municipality: children reached (suppressed when few), sectors, funds committed. */
  initiatives(municipalityId: string): InitiativeFigures[] {
    const rows = this.db
      .prepare<[string], { initiative_id: string; name: string; status: string }>(
        'SELECT initiative_id, name, status FROM metric_initiatives WHERE municipality_id = ? ORDER BY initiative_id',
      )
      .all(municipalityId);
    const reached = this.db.prepare<unknown[], { children: number }>(
      `SELECT count(DISTINCT l.family_id || '/' || l.subject_id) AS children FROM metric_measures m
       JOIN metric_logs l USING (log_id) WHERE m.initiative_id = ? AND l.municipality_id = ?`,
    );
    const sectors = this.db.prepare<unknown[], { sector: string }>(
      `SELECT DISTINCT s.sector FROM metric_measures m JOIN metric_logs l USING (log_id)
       JOIN metric_services s ON s.municipality_id = l.municipality_id AND s.service_id = m.responsible_service
       WHERE m.initiative_id = ? AND l.municipality_id = ? ORDER BY s.sector`,
    );
    const committed = this.db.prepare<unknown[], { scheme: string; amount: number }>(
      `SELECT scheme, sum(amount_nok) AS amount FROM metric_grants
       WHERE initiative_id = ? AND municipality_id = ? AND kind = 'commitment' GROUP BY scheme ORDER BY scheme`,
    );
    return rows.map((row) => {
      const children = reached.get(row.initiative_id, municipalityId)?.children ?? 0;
      // None reached names no one and is published as 0, as an empty cell is; 1–4 are hidden, and
      // with them the sectors that reached them (found from outside: a hidden count beside
      // "barnevern" told that one of a few children had a child-welfare measure).
      const suppressed = children > 0 && children < this.minChildren;
      return {
        initiativeId: row.initiative_id,
        name: row.name,
        status: row.status,
        childrenReached: suppressed ? null : children,
        suppressed,
        sectorsInvolved: suppressed
          ? null
          : sectors.all(row.initiative_id, municipalityId).map((s) => s.sector),
        committedNok: Object.fromEntries(
          committed.all(row.initiative_id, municipalityId).map((c) => [c.scheme, c.amount]),
        ),
      };
    });
  }

  /** The pooled-grant allocations of a municipality, per year and scheme. */
  allocations(municipalityId: string): { year: number; scheme: string; amountNok: number }[] {
    return this.db
      .prepare<[string], { year: number; scheme: string; amountNok: number }>(
        `SELECT year, scheme, sum(amount_nok) AS amountNok FROM metric_grants
         WHERE municipality_id = ? AND kind = 'allocation' GROUP BY year, scheme ORDER BY year, scheme`,
      )
      .all(municipalityId);
  }

  private publish(
    cell: Cell,
    cube: MetricCube,
    period: PeriodLevel,
    baselinePeriod: string | null,
  ): PublishedCell {
    const published: PublishedCell = {
      period: cell.period,
      areaLevel: cell.areaLevel,
      areaId: cell.areaId,
      category: cell.category,
      value: cell.value,
      suppressed: cell.suppressed,
    };
    if (!baselinePeriod) return published;
    const base = cube.cell(cell.areaLevel, cell.areaId, period, baselinePeriod, cell.category);
    published.baselineValue = base.value;
    published.changeFromBaseline =
      base.value === null || cell.value === null
        ? null
        : Math.round((cell.value - base.value) * 10) / 10;
    return published;
  }

  private cachedFacts(currentMonth: string, minPosition: bigint) {
    const checkpoint = this.checkpoint();
    const cache = this.cache;
    const fresh =
      cache !== null &&
      cache.month === currentMonth &&
      cache.checkpoint >= minPosition &&
      (cache.checkpoint === checkpoint || this.clock() - cache.builtAt < METRICS_MAX_AGE_MS);
    if (!fresh)
      this.cache = {
        month: currentMonth,
        checkpoint,
        builtAt: this.clock(),
        facts: new MetricFacts(this.db),
        cubes: new Map(),
      };
    return (this.cache as NonNullable<MetricsReader['cache']>).facts;
  }

  private cubeFor(
    definition: MetricDefinition,
    by: Breakdown,
    currentMonth: string,
    minPosition: bigint,
  ) {
    const facts = this.cachedFacts(currentMonth, minPosition);
    const cache = this.cache as NonNullable<MetricsReader['cache']>;
    const cubeKey = (breakdown: Breakdown) => `${definition.id}|${breakdown}`;
    if (!cache.cubes.has(cubeKey(by))) {
      const cubes = this.buildCubes(definition, facts, currentMonth);
      for (const breakdown of BREAKDOWNS)
        cache.cubes.set(cubeKey(breakdown), cubes.get(breakdown) as MetricCube);
      // Building the cubes reads every fact once: the first requests of many metrics grow the heap.
      releaseHeapAfterBurst();
    }
    return { facts, cube: cache.cubes.get(cubeKey(by)) as MetricCube };
  }

  /**
   * The metric's cube for every breakdown, built together: one pass over its units fills them all,
   * and their totals — the same units add up to each — are suppressed alike
   * (`MetricCube.shareSuppressedTotals`), or a total one table hides would be published by another.
   */
  private buildCubes(
    definition: MetricDefinition,
    facts: MetricFacts,
    currentMonth: string,
  ): Map<Breakdown, MetricCube> {
    // Units stream into the cubes: a metric over every log's months has millions of them at
    // 100,000 children, and holding them all at once was most of the API's memory.
    const build = (first: string) => {
      const months = monthsBetween(first, currentMonth);
      const cubes = new Map(
        BREAKDOWNS.map((by) => [
          by,
          new MetricCube({
            kind: definition.kind,
            stock: definition.stock,
            minChildren: this.minChildren,
            municipalities: facts.municipalities,
            months,
            categories: categoriesFor(by, facts),
          }),
        ]),
      );
      let early: string | null = null;
      for (const unit of definition.units(facts, currentMonth)) {
        // A unit before the first month anything happened needs cubes that start earlier — but no
        // earlier than the floor: a measure recorded as started in year 0 made a cube of 24,000
        // months, and its months' text broke the build (found from outside).
        if (unit.month < first) {
          if (unit.month >= floor && (early === null || unit.month < early)) early = unit.month;
          continue;
        }
        for (const [by, cube] of cubes)
          cube.add({
            municipalityId: unit.municipalityId,
            month: unit.month,
            categories: categoriesOf(unit, by),
            subject: unit.subject,
            value: unit.value,
          });
      }
      return { cubes, early };
    };
    const firstMonth = facts.firstMonth ?? currentMonth;
    const floor = monthsBefore(firstMonth, UNITS_BEFORE_FIRST_MONTH);
    const first = build(firstMonth);
    const { cubes } = first.early === null ? first : build(first.early);
    const published = this.suppression?.recall(definition.id);
    for (const [by, cube] of cubes) cube.complete(published?.get(by));
    MetricCube.shareSuppressedTotals([...cubes.values()]);
    this.suppression?.remember(
      definition.id,
      new Map([...cubes].map(([by, cube]) => [by, cube.hiddenCells()])),
    );
    return cubes;
  }
}

/** A metric table as CSV: one row per cell, the suppression marker in its own column. */
export function metricTableCsv(table: MetricTable): string {
  const header = [
    'metric',
    'definitions_version',
    'area_level',
    'area_id',
    'period',
    'category',
    'value',
    'suppressed',
    'baseline_value',
    'change_from_baseline',
  ];
  const quote = (value: string | number | boolean | null | undefined) => {
    let text = value === null || value === undefined ? '' : String(value);
    // A spreadsheet reads a text cell that begins so as a formula, quoted or not (OWASP CSV
    // injection): a leading ' keeps it text. Numbers stay numbers (a change of -3 is no formula).
    if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = table.cells.map((cell) =>
    [
      table.metric.id,
      table.definitionsVersion,
      cell.areaLevel,
      cell.areaId,
      cell.period,
      cell.category,
      cell.value,
      cell.suppressed,
      cell.baselineValue,
      cell.changeFromBaseline,
    ]
      .map(quote)
      .join(','),
  );
  return `${[header.join(','), ...rows].join('\n')}\n`;
}

/** The text of `tables` in `format`: JSON as the API would write it, or one CSV with one header. */
export function renderMetricTables(
  tables: readonly MetricTable[],
  format: MetricTablesFormat,
): string {
  switch (format) {
    case 'json-table':
      return JSON.stringify(tables[0]);
    case 'json-tables':
      return JSON.stringify(tables);
    case 'csv':
      return tables
        .map((table, index) => {
          const csv = metricTableCsv(table);
          return index === 0 ? csv : csv.slice(csv.indexOf('\n') + 1);
        })
        .join('');
  }
}
