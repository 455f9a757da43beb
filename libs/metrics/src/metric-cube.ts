/**
 * Aggregation and small-number suppression. A metric's contributions ("units": a log opened, a
 * meeting held, an evaluation done …) are summed into one cube over three hierarchies — area
 * (municipality ⊂ county ⊂ all), period (month ⊂ quarter ⊂ year) and category (a breakdown value ⊂
 * the total) — and the suppression pattern is decided once, over the whole cube. Every table any
 * request publishes is a slice of that one pattern, so two requests cannot be subtracted from each
 * other any more than two cells of one table can.
 */

export const AREA_LEVELS = ['municipality', 'county', 'all'] as const;
export type AreaLevel = (typeof AREA_LEVELS)[number];
export const PERIOD_LEVELS = ['month', 'quarter', 'year'] as const;
export type PeriodLevel = (typeof PERIOD_LEVELS)[number];
export const TOTAL = 'total';

export type MetricKind = 'count' | 'mean' | 'share';

/** One contribution to a metric. */
export interface Unit {
  readonly municipalityId: string;
  /** YYYY-MM */
  readonly month: string;
  /** The categories of the breakdown this unit falls in (none for the total alone). */
  readonly categories: readonly string[];
  /** Who the unit is about, to count children for suppression (never published). */
  readonly subject: string;
  /** 1 for a count; the measured value for a mean; 1 or 0 for a share. */
  readonly value: number;
}

export interface CubeShape {
  readonly kind: MetricKind;
  /** Cells built from fewer children than this are suppressed. */
  readonly minChildren: number;
  /** Every municipality with its county, so areas without data are cells too. */
  readonly municipalities: readonly { readonly id: string; readonly county: string }[];
  /** Every month of the cube, in order. */
  readonly months: readonly string[];
  /** The breakdown's categories (empty: the total only). */
  readonly categories: readonly string[];
  /**
   * A stock (logs active at the end of a month): a quarter or a year shows its last month's value
   * (or the current month's, for the period under way), never a sum of months.
   */
  readonly stock?: boolean;
}

export interface Cell {
  readonly areaLevel: AreaLevel;
  readonly areaId: string;
  readonly periodLevel: PeriodLevel;
  readonly period: string;
  readonly category: string;
  /** The published value, or null when suppressed (or nothing to average). An empty count is 0. */
  readonly value: number | null;
  readonly suppressed: boolean;
}

interface Accumulator {
  sum: number;
  units: number;
  /** Distinct children, kept only until there are enough not to suppress, and dropped once decided. */
  children: Set<string> | null;
  suppressed: boolean;
}

export const quarterOf = (month: string) =>
  `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
export const yearOf = (month: string) => month.slice(0, 4);
export const periodOf = (level: PeriodLevel, month: string) =>
  level === 'month' ? month : level === 'quarter' ? quarterOf(month) : yearOf(month);

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Where a unit of one municipality, or of one month, lands on each level of its hierarchy. */
type Slots = readonly [number, number, number];

/**
 * The cube's cells live in one array, indexed by area, period and category slot: a unit adds to
 * 9 × (categories + 1) cells, and looking each up by a string key (built anew every time) was most of
 * the cost of a cube — measured, a cold metric request at 100,000 children took seconds.
 */
export class MetricCube {
  private readonly cells: Accumulator[] = [];
  private readonly countyOf = new Map<string, string>();
  private readonly endMonths = new Map<string, string>();
  /** Area slots: every municipality, every county, then all. */
  private readonly areaSlots = new Map<string, number>();
  private readonly areaSlotsOfMunicipality = new Map<string, Slots>();
  /** Period slots: every month, quarter and year of the cube. */
  private readonly periodSlots = new Map<string, number>();
  private readonly periodSlotsOfMonth = new Map<string, Slots>();
  private readonly categorySlots = new Map<string, number>();

  constructor(
    private readonly shape: CubeShape,
    units: Iterable<Unit>,
  ) {
    for (const m of shape.municipalities) this.countyOf.set(m.id, m.county);
    this.fill();
    for (const unit of units) this.add(unit);
    // An empty cell names no one and is published as such; one with 1–4 children is not.
    for (const cell of this.cells) {
      const children = cell.children?.size ?? 0;
      cell.suppressed = children > 0 && children < shape.minChildren;
      cell.children = null;
    }
    this.suppressSecondary();
  }

  /** The published cells of one slice. */
  slice(options: {
    areaLevel: AreaLevel;
    areaId?: string;
    periodLevel: PeriodLevel;
    from?: string;
    to?: string;
    categories?: readonly string[];
  }): Cell[] {
    const periods = this.periods(options.periodLevel).filter(
      (period) =>
        (!options.from || period >= periodOf(options.periodLevel, options.from)) &&
        (!options.to || period <= periodOf(options.periodLevel, options.to)),
    );
    const areas = this.areas(options.areaLevel).filter(
      (id) => !options.areaId || id === options.areaId,
    );
    const categories = [...(options.categories ?? this.shape.categories), TOTAL];
    const cells: Cell[] = [];
    for (const areaId of areas)
      for (const period of periods)
        for (const category of categories)
          cells.push(this.cell(options.areaLevel, areaId, options.periodLevel, period, category));
    return cells;
  }

  cell(
    areaLevel: AreaLevel,
    areaId: string,
    periodLevel: PeriodLevel,
    period: string,
    category: string,
  ): Cell {
    const acc = this.at(areaLevel, areaId, periodLevel, period, category);
    const suppressed = acc?.suppressed ?? true;
    return {
      areaLevel,
      areaId,
      periodLevel,
      period,
      category,
      value: !acc || suppressed ? null : this.valueOf(acc),
      suppressed,
    };
  }

  private at(
    areaLevel: AreaLevel,
    areaId: string,
    periodLevel: PeriodLevel,
    period: string,
    category: string,
  ): Accumulator | undefined {
    const area = this.areaSlots.get(`${areaLevel}|${areaId}`);
    const time = this.periodSlots.get(`${periodLevel}|${period}`);
    const cat = this.categorySlots.get(category);
    if (area === undefined || time === undefined || cat === undefined) return undefined;
    return this.cells[this.index(area, time, cat)];
  }

  private index(area: number, time: number, category: number): number {
    return (area * this.periodSlots.size + time) * this.categorySlots.size + category;
  }

  private valueOf(acc: Accumulator): number | null {
    if (this.shape.kind === 'count') return acc.sum;
    if (acc.units === 0) return null;
    return round1(this.shape.kind === 'mean' ? acc.sum / acc.units : (100 * acc.sum) / acc.units);
  }

  private areas(level: AreaLevel): string[] {
    if (level === 'all') return ['all'];
    if (level === 'county') return [...new Set(this.countyOf.values())].sort();
    return [...this.countyOf.keys()].sort();
  }

  private periods(level: PeriodLevel): string[] {
    return [...new Set(this.shape.months.map((month) => periodOf(level, month)))];
  }

  private fill(): void {
    for (const areaLevel of AREA_LEVELS)
      for (const areaId of this.areas(areaLevel))
        this.areaSlots.set(`${areaLevel}|${areaId}`, this.areaSlots.size);
    for (const periodLevel of PERIOD_LEVELS)
      for (const period of this.periods(periodLevel))
        this.periodSlots.set(`${periodLevel}|${period}`, this.periodSlots.size);
    for (const category of [...this.shape.categories, TOTAL])
      if (!this.categorySlots.has(category))
        this.categorySlots.set(category, this.categorySlots.size);
    for (const [id, county] of this.countyOf)
      this.areaSlotsOfMunicipality.set(id, [
        this.areaSlots.get(`municipality|${id}`) as number,
        this.areaSlots.get(`county|${county}`) as number,
        this.areaSlots.get('all|all') as number,
      ]);
    for (const month of this.shape.months)
      this.periodSlotsOfMonth.set(
        month,
        PERIOD_LEVELS.map(
          (level) => this.periodSlots.get(`${level}|${periodOf(level, month)}`) as number,
        ) as unknown as Slots,
      );
    const size = this.areaSlots.size * this.periodSlots.size * this.categorySlots.size;
    for (let i = 0; i < size; i++)
      this.cells.push({ sum: 0, units: 0, children: null, suppressed: true });
  }

  /** The month whose stock a period shows: its last, or the last of the cube for the period under way. */
  private endMonthOf(level: PeriodLevel, period: string): string {
    const key = `${level}|${period}`;
    let end = this.endMonths.get(key);
    if (end === undefined) {
      const months = this.shape.months.filter((month) => periodOf(level, month) === period);
      end = months[months.length - 1];
      this.endMonths.set(key, end);
    }
    return end;
  }

  private add(unit: Unit): void {
    const areas = this.areaSlotsOfMunicipality.get(unit.municipalityId);
    const times = this.periodSlotsOfMonth.get(unit.month);
    if (areas === undefined || times === undefined) return;
    const total = this.categorySlots.get(TOTAL) as number;
    const categories: number[] = [total];
    for (const category of unit.categories) {
      const slot = this.categorySlots.get(category);
      if (slot !== undefined && !categories.includes(slot)) categories.push(slot);
    }
    for (let level = 0; level < PERIOD_LEVELS.length; level++) {
      const periodLevel = PERIOD_LEVELS[level];
      if (
        this.shape.stock &&
        periodLevel !== 'month' &&
        this.endMonthOf(periodLevel, periodOf(periodLevel, unit.month)) !== unit.month
      )
        continue;
      for (const area of areas)
        for (const category of categories) {
          const acc = this.cells[this.index(area, times[level], category)];
          acc.sum += unit.value;
          acc.units += 1;
          acc.children ??= new Set();
          if (acc.children.size < this.shape.minChildren) acc.children.add(unit.subject);
        }
    }
  }

  /** Each parent cell with the cells that add up to it, along each of the three hierarchies. */
  private lines(): Accumulator[][] {
    const lines: Accumulator[][] = [];
    const at = (a: AreaLevel, id: string, p: PeriodLevel, period: string, c: string) =>
      this.at(a, id, p, period, c) as Accumulator;
    const categories = [...this.shape.categories, TOTAL];
    const counties = this.areas('county');
    const municipalitiesIn = (county: string) =>
      this.areas('municipality').filter((m) => this.countyOf.get(m) === county);
    const childPeriods = (level: PeriodLevel, period: string): [PeriodLevel, string[]] | null => {
      if (level === 'month') return null;
      const child: PeriodLevel = level === 'year' ? 'quarter' : 'month';
      return [
        child,
        this.periods(child).filter((p) =>
          level === 'year' ? p.startsWith(period) : quarterOf(p) === period,
        ),
      ];
    };
    for (const p of PERIOD_LEVELS)
      for (const period of this.periods(p))
        for (const c of categories) {
          lines.push([
            at('all', 'all', p, period, c),
            ...counties.map((k) => at('county', k, p, period, c)),
          ]);
          for (const county of counties)
            lines.push([
              at('county', county, p, period, c),
              ...municipalitiesIn(county).map((m) => at('municipality', m, p, period, c)),
            ]);
        }
    for (const a of AREA_LEVELS)
      for (const id of this.areas(a))
        for (const c of categories)
          for (const p of PERIOD_LEVELS)
            for (const period of this.periods(p)) {
              const children = childPeriods(p, period);
              if (children)
                lines.push([
                  at(a, id, p, period, c),
                  ...children[1].map((child) => at(a, id, children[0], child, c)),
                ]);
            }
    if (this.shape.categories.length > 0)
      for (const a of AREA_LEVELS)
        for (const id of this.areas(a))
          for (const p of PERIOD_LEVELS)
            for (const period of this.periods(p))
              lines.push([
                at(a, id, p, period, TOTAL),
                ...this.shape.categories.map((c) => at(a, id, p, period, c)),
              ]);
    return lines;
  }

  /**
   * A line (a parent and the cells that add up to it) with exactly one suppressed cell gives that
   * cell away by subtraction; suppress one more — the smallest of the rest — and repeat until no line
   * has exactly one.
   */
  private suppressSecondary(): void {
    const lines = this.lines();
    for (let changed = true; changed;) {
      changed = false;
      for (const line of lines) {
        const hidden = line.filter((cell) => cell.suppressed);
        if (hidden.length !== 1) continue;
        const [parent, ...children] = line;
        const pick = complement(parent, children);
        if (!pick) continue;
        pick.suppressed = true;
        changed = true;
      }
    }
  }
}

/**
 * The cell to hide with a line's one hidden cell: the smallest child that has data (hiding an empty
 * cell protects little: it is easily guessed), else the parent, else an empty child.
 */
function complement(parent: Accumulator, children: Accumulator[]): Accumulator | null {
  const open = children.filter((cell) => !cell.suppressed);
  const smallest = (cells: Accumulator[]) =>
    cells.reduce<Accumulator | null>(
      (min, cell) => (min === null || cell.units < min.units ? cell : min),
      null,
    );
  return (
    smallest(open.filter((cell) => cell.units > 0)) ??
    (parent.suppressed ? null : parent) ??
    smallest(open)
  );
}
