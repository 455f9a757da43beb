/**
 * Aggregation and small-number suppression. A metric's contributions ("units": a log opened, a
 * meeting held, an evaluation done …) are summed into one cube over three hierarchies — area
 * (municipality ⊂ county ⊂ all), period (month ⊂ quarter ⊂ year) and category (a breakdown value ⊂
 * the total) — and the suppression pattern is decided once, over the whole cube. Every table any
 * request publishes is a slice of that one pattern, so two requests cannot be subtracted from each
 * other any more than two cells of one table can.
 */

import { determinedHiddenCells, sharedConsequences, type Equation } from './determined-cells';
import type { HiddenCells } from './published-suppression';

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

export const quarterOf = (month: string) =>
  `${month.slice(0, 4)}-Q${Math.floor((Number(month.slice(5, 7)) - 1) / 3) + 1}`;
export const yearOf = (month: string) => month.slice(0, 4);
export const periodOf = (level: PeriodLevel, month: string) =>
  level === 'month' ? month : level === 'quarter' ? quarterOf(month) : yearOf(month);

const round1 = (value: number) => Math.round(value * 10) / 10;

/** Where a unit of one municipality, or of one month, lands on each level of its hierarchy. */
type Slots = readonly [number, number, number];

/**
 * The cube's cells live in typed arrays (sum, units, suppressed), indexed by area, period and
 * category slot: a unit adds to 9 × (categories + 1) cells, and looking each up by a string key (built
 * anew every time) was most of the cost of a cube — measured, a cold metric request at 100,000
 * children took seconds. Every metric × breakdown keeps a cube in memory: as columns of numbers
 * instead of an object per cell they take a third of the room.
 */
export class MetricCube {
  private sums = new Float64Array(0);
  private unitCounts = new Float64Array(0);
  /** 1 when the cell is suppressed; every cell starts suppressed until its children are counted. */
  private suppressed = new Uint8Array(0);
  /** Distinct children per cell, kept only until there are enough not to suppress, while filling. */
  private children: (Set<string> | undefined)[] = [];
  private readonly countyOf = new Map<string, string>();
  private readonly endMonths = new Map<string, string>();
  /** Area slots: every municipality, every county, then all. */
  private readonly areaSlots = new Map<string, number>();
  private readonly areaSlotsOfMunicipality = new Map<string, Slots>();
  /** Period slots: every month, quarter and year of the cube. */
  private readonly periodSlots = new Map<string, number>();
  private readonly periodSlotsOfMonth = new Map<string, Slots>();
  private readonly categorySlots = new Map<string, number>();

  /**
   * With `units`, the cube is complete and its suppression decided; without, units are `add`ed (one
   * pass over a metric's units can fill the cubes of all its breakdowns) until `complete()`.
   */
  constructor(
    private readonly shape: CubeShape,
    units?: Iterable<Unit>,
  ) {
    for (const m of shape.municipalities) this.countyOf.set(m.id, m.county);
    this.fill();
    if (units === undefined) return;
    for (const unit of units) this.add(unit);
    this.complete();
  }

  /**
   * Decides the suppression of every cell once all units are added. `stillHidden`: the cells an
   * earlier build published hidden (`hiddenCells`); each that holds the same value stays hidden, so
   * this build and that one cannot be set side by side to work it out (`PublishedSuppression`).
   */
  complete(stillHidden?: HiddenCells): void {
    // An empty cell names no one and is published as such; one with 1–4 children is not.
    for (let cell = 0; cell < this.suppressed.length; cell++) {
      const children = this.children[cell]?.size ?? 0;
      this.suppressed[cell] = children > 0 && children < this.shape.minChildren ? 1 : 0;
    }
    this.children = [];
    if (stillHidden?.size)
      this.eachCell((key, cell) => {
        if (stillHidden.get(key) === this.held(cell)) this.suppressed[cell] = 1;
      });
    this.suppressSecondary();
    this.forgetLines();
  }

  /** Every suppressed cell by its key, with what it holds: to be kept hidden while that is so. */
  hiddenCells(): HiddenCells {
    const hidden = new Map<string, string>();
    this.eachCell((key, cell) => {
      if (this.suppressed[cell] === 1) hidden.set(key, this.held(cell));
    });
    return hidden;
  }

  private eachCell(visit: (key: string, cell: number) => void): void {
    for (const [areaKey, area] of this.areaSlots)
      for (const [periodKey, time] of this.periodSlots)
        for (const [category, slot] of this.categorySlots)
          visit(`${areaKey}#${periodKey}#${category}`, this.index(area, time, slot));
  }

  /** What a cell holds, as a suppressed one is remembered by: its sum and its count of units. */
  private held(cell: number): string {
    return `${this.sums[cell]}/${this.unitCounts[cell]}`;
  }

  /**
   * The cubes of one metric's breakdowns share their totals: the same units add up to each. A total
   * hidden in one and published in another gives away what the first hid (the "by level" table hides
   * its total so level 2 cannot be worked out — and the table without a breakdown published it). Each
   * total hidden in any cube is hidden in all, and each cube's lines are closed again, until no cube
   * hides a total the others publish.
   */
  static shareSuppressedTotals(cubes: readonly MetricCube[]): void {
    for (;;) {
      for (let changed = true; changed;) {
        const hidden = new Set<string>();
        for (const cube of cubes) for (const key of cube.suppressedTotals()) hidden.add(key);
        changed = false;
        for (const cube of cubes) if (cube.suppressTotals(hidden)) changed = true;
      }
      // The tables together: each one's lines hold its total cells, which are the others' too, so a
      // combination of two tables' lines can give away what neither gives away alone.
      if (!MetricCube.hideBesideGivenAwayTogether(cubes)) break;
    }
    for (const cube of cubes) cube.forgetLines();
  }

  /**
   * Solves the lines of every table of one metric together, a total being one unknown in all of them,
   * and hides one more cell beside each hidden cell they give away. True when any was hidden. Each
   * table is solved with what the others' lines fix about the totals (their own cells eliminated):
   * the same answers as one system of every table, in the room of one table.
   */
  private static hideBesideGivenAwayTogether(cubes: readonly MetricCube[]): boolean {
    if (cubes.length < 2) return false;
    // A total is the same unknown in every table: its id is its (area, period) slot; any other cell's
    // is its own, past the totals.
    const totals = cubes[0].areaSlots.size * cubes[0].periodSlots.size;
    const isTotal = (id: number) => id < totals;
    const totalSlot = (cube: MetricCube) => cube.categorySlots.get(TOTAL) as number;
    const idOf = (cube: MetricCube, cell: number) => {
      const categories = cube.categorySlots.size;
      return cell % categories === totalSlot(cube) ? Math.floor(cell / categories) : totals + cell;
    };
    const cellOf = (cube: MetricCube, id: number) =>
      isTotal(id) ? id * cube.categorySlots.size + totalSlot(cube) : id - totals;
    const tables = cubes.map((cube) => {
      const equations = cube
        .equations()
        .map((equation) => equation.map(([cell, c]) => [idOf(cube, cell), c] as const));
      const isHidden = (id: number) => cube.suppressed[cellOf(cube, id)] === 1;
      return {
        cube,
        equations,
        isHidden,
        consequences: sharedConsequences(equations, isHidden, isTotal),
      };
    });
    const changed = new Set<MetricCube>();
    tables.forEach(({ cube, equations, isHidden }, k) => {
      const others = tables.flatMap((table, j) => (j === k ? [] : table.consequences));
      for (const id of determinedHiddenCells([...equations, ...others], isHidden))
        if (cube.hideBeside(cellOf(cube, id))) changed.add(cube);
    });
    // A cell hidden beside one may leave another of its lines with one hidden cell: closed again.
    for (const cube of changed) cube.suppressSecondary();
    return changed.size > 0;
  }

  /** The (area, period) of every suppressed total. */
  private *suppressedTotals(): Iterable<string> {
    const total = this.categorySlots.get(TOTAL) as number;
    for (const [areaKey, area] of this.areaSlots)
      for (const [periodKey, time] of this.periodSlots)
        if (this.suppressed[this.index(area, time, total)] === 1) yield `${areaKey}#${periodKey}`;
  }

  /** Suppresses these totals, and closes the lines again: true when any was published before. */
  private suppressTotals(totals: ReadonlySet<string>): boolean {
    const total = this.categorySlots.get(TOTAL) as number;
    let changed = false;
    for (const [areaKey, area] of this.areaSlots)
      for (const [periodKey, time] of this.periodSlots) {
        const cell = this.index(area, time, total);
        if (this.suppressed[cell] === 0 && totals.has(`${areaKey}#${periodKey}`)) {
          this.suppressed[cell] = 1;
          changed = true;
        }
      }
    if (changed) this.suppressSecondary();
    return changed;
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
    const at = this.at(areaLevel, areaId, periodLevel, period, category);
    const suppressed = at === undefined || this.suppressed[at] === 1;
    return {
      areaLevel,
      areaId,
      periodLevel,
      period,
      category,
      value: at === undefined || suppressed ? null : this.valueOf(at),
      suppressed,
    };
  }

  /** The index of a cell, or undefined for a cell outside the cube. */
  private at(
    areaLevel: AreaLevel,
    areaId: string,
    periodLevel: PeriodLevel,
    period: string,
    category: string,
  ): number | undefined {
    const area = this.areaSlots.get(`${areaLevel}|${areaId}`);
    const time = this.periodSlots.get(`${periodLevel}|${period}`);
    const cat = this.categorySlots.get(category);
    if (area === undefined || time === undefined || cat === undefined) return undefined;
    return this.index(area, time, cat);
  }

  private index(area: number, time: number, category: number): number {
    return (area * this.periodSlots.size + time) * this.categorySlots.size + category;
  }

  private valueOf(cell: number): number | null {
    const sum = this.sums[cell];
    const units = this.unitCounts[cell];
    if (this.shape.kind === 'count') return sum;
    if (units === 0) return null;
    return round1(this.shape.kind === 'mean' ? sum / units : (100 * sum) / units);
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
    this.sums = new Float64Array(size);
    this.unitCounts = new Float64Array(size);
    this.suppressed = new Uint8Array(size).fill(1);
    this.children = new Array<Set<string> | undefined>(size);
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

  add(unit: Unit): void {
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
          const cell = this.index(area, times[level], category);
          this.sums[cell] += unit.value;
          this.unitCounts[cell] += 1;
          const children = (this.children[cell] ??= new Set());
          if (children.size < this.shape.minChildren) children.add(unit.subject);
        }
    }
  }

  /** Each parent cell with the cells that add up to it, along each of the three hierarchies. */
  private lines(): number[][] {
    const lines: number[][] = [];
    const at = (a: AreaLevel, id: string, p: PeriodLevel, period: string, c: string) =>
      this.at(a, id, p, period, c) as number;
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
    // A stock's quarter or year is not the sum of its months but the same value as its last one:
    // those two cells are a line of their own (see `suppressSecondary`), not a sum.
    if (!this.shape.stock)
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
   * Pairs of cells that publish the same value: a stock's quarter and year with the month whose
   * stock they show. One hidden and the other published would give the hidden one away (found from
   * outside: a year's cell published what its December hid).
   */
  private sameValues(): [number, number][] {
    if (!this.shape.stock) return [];
    const pairs: [number, number][] = [];
    for (const a of AREA_LEVELS)
      for (const id of this.areas(a))
        for (const c of [...this.shape.categories, TOTAL])
          for (const p of ['quarter', 'year'] as const)
            for (const period of this.periods(p)) {
              const end = this.at(a, id, 'month', this.endMonthOf(p, period), c);
              const cell = this.at(a, id, p, period, c);
              if (end !== undefined && cell !== undefined) pairs.push([cell, end]);
            }
    return pairs;
  }

  /**
   * A line (a parent and the cells that add up to it) with exactly one suppressed cell gives that
   * cell away by subtraction; suppress one more — the smallest of the rest — and repeat until no line
   * has exactly one. Then the lines are solved together (`determinedHiddenCells`): a hidden cell that
   * a combination of lines still gives away gets one more cell hidden beside it in one of its lines,
   * and all is checked again, until none is given away.
   */
  private suppressSecondary(): void {
    const lines = this.cachedLines();
    const sameValues = this.sameValues();
    for (;;) {
      this.closeLines(lines, sameValues);
      const givenAway = determinedHiddenCells(
        this.equations(),
        (cell) => this.suppressed[cell] === 1,
      );
      let hidMore = false;
      for (const cell of givenAway) if (this.hideBeside(cell)) hidMore = true;
      // None given away, or every line of each hidden whole: nothing left to hide beside them.
      if (!hidMore) return;
    }
  }

  /**
   * The lines and their equations while suppression is decided, forgotten after: every metric ×
   * breakdown keeps its cube in memory, and its lines are several times the cube's own size (kept,
   * they ran the metrics thread out of its heap).
   */
  private linesMemo?: number[][];
  private equationsMemo?: Equation[];
  private linesOfCellMemo?: Map<number, number[][]>;

  private forgetLines(): void {
    this.linesMemo = undefined;
    this.equationsMemo = undefined;
    this.linesOfCellMemo = undefined;
  }

  private cachedLines(): number[][] {
    return (this.linesMemo ??= this.lines());
  }

  /** Each line as an equation (parent − children = 0), and each pair of one value (a − b = 0). */
  private equations(): Equation[] {
    return (this.equationsMemo ??= [
      ...this.cachedLines().map(([parent, ...children]) => [
        [parent, 1] as const,
        ...children.map((cell) => [cell, -1] as const),
      ]),
      ...this.sameValues().map(([one, other]) => [[one, 1] as const, [other, -1] as const]),
    ]);
  }

  /**
   * Hides one more cell in one of the lines of a hidden cell that is given away. A given-away cell
   * that holds nothing names no child, and is left as it is. True when a cell was hidden.
   */
  private hideBeside(cell: number): boolean {
    if (this.suppressed[cell] === 0 || this.unitCounts[cell] === 0) return false;
    this.linesOfCellMemo ??= cellsToLines(this.cachedLines());
    for (const [parent, ...children] of this.linesOfCellMemo.get(cell) ?? []) {
      const pick = this.complement(parent, children);
      if (pick === null) continue;
      this.suppressed[pick] = 1;
      return true;
    }
    return false;
  }

  /** Closes each line alone: no line, and no pair of cells of one value, with exactly one hidden. */
  private closeLines(lines: readonly number[][], sameValues: readonly [number, number][]): void {
    for (let changed = true; changed;) {
      changed = false;
      for (const [one, other] of sameValues)
        if (this.suppressed[one] !== this.suppressed[other]) {
          this.suppressed[one] = 1;
          this.suppressed[other] = 1;
          changed = true;
        }
      for (const line of lines) {
        let hidden = 0;
        for (const cell of line) hidden += this.suppressed[cell];
        if (hidden !== 1) continue;
        const [parent, ...children] = line;
        const pick = this.complement(parent, children);
        if (pick === null) continue;
        this.suppressed[pick] = 1;
        changed = true;
      }
    }
  }

  /**
   * The cell to hide with a line's one hidden cell: the smallest child that has data (hiding an empty
   * cell protects little: it is easily guessed), else the parent, else an empty child.
   */
  private complement(parent: number, children: number[]): number | null {
    const open = children.filter((cell) => this.suppressed[cell] === 0);
    const smallest = (cells: number[]) =>
      cells.reduce<number | null>(
        (min, cell) => (min === null || this.unitCounts[cell] < this.unitCounts[min] ? cell : min),
        null,
      );
    return (
      smallest(open.filter((cell) => this.unitCounts[cell] > 0)) ??
      (this.suppressed[parent] === 1 ? null : parent) ??
      smallest(open)
    );
  }
}

/** Each cell with the lines it is in. */
function cellsToLines(lines: readonly number[][]): Map<number, number[][]> {
  const byCell = new Map<number, number[][]>();
  for (const line of lines)
    for (const cell of line) {
      const of = byCell.get(cell);
      if (of) of.push(line);
      else byCell.set(cell, [line]);
    }
  return byCell;
}
