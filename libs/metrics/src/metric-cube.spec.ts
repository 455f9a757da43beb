import { MetricCube, TOTAL, type Cell, type Unit } from './metric-cube';

const municipalities = [
  { id: 'a', county: 'K' },
  { id: 'b', county: 'K' },
  { id: 'c', county: 'K' },
  { id: 'd', county: 'L' },
];
const months = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];

/** `children` distinct children in a municipality, month and category, each counted once. */
function units(
  municipalityId: string,
  month: string,
  children: number,
  category = 'x',
  prefix = '',
): Unit[] {
  return Array.from({ length: children }, (_, i) => ({
    municipalityId,
    month,
    categories: [category],
    subject: `${prefix}${municipalityId}-${month}-${category}-${i}`,
    value: 1,
  }));
}

/** A pseudo-random sequence in [0, 1) that is the same on every run. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

/** A random table: up to `most` − 1 children in each municipality, month and category x and y. */
function randomUnits(random: () => number, most: number, prefix: string): Unit[] {
  const all: Unit[] = [];
  for (const m of municipalities)
    for (const month of months)
      for (const category of ['x', 'y'])
        all.push(...units(m.id, month, Math.floor(random() * most), category, prefix));
  return all;
}

const cube = (all: Unit[], categories: string[] = ['x', 'y']) =>
  new MetricCube({ kind: 'count', minChildren: 5, municipalities, months, categories }, all);

/** Every published cell, over every slice a caller could ask for. */
function everything(c: MetricCube): Cell[] {
  const cells: Cell[] = [];
  for (const areaLevel of ['municipality', 'county', 'all'] as const)
    for (const periodLevel of ['month', 'quarter', 'year'] as const)
      cells.push(...c.slice({ areaLevel, periodLevel }));
  return cells;
}

/**
 * The attacker's move: take a published parent and subtract its published children; if exactly one
 * child is hidden, its value is the remainder. Returns every value recovered that way.
 */
function recoverBySubtraction(c: MetricCube, categories: string[], stock = false): string[] {
  const recovered: string[] = [];
  const get = (...args: Parameters<MetricCube['cell']>) => c.cell(...args);
  const tryLine = (parent: Cell, children: Cell[]) => {
    const hidden = [parent, ...children].filter((cell) => cell.suppressed);
    if (hidden.length === 1) recovered.push(JSON.stringify(hidden[0]));
  };
  const cats = [...categories, TOTAL];
  const quarters = ['2026-Q1', '2026-Q2'];
  for (const category of cats) {
    for (const [periodLevel, period] of [
      ...months.map((m) => ['month', m] as const),
      ...quarters.map((q) => ['quarter', q] as const),
      ['year', '2026'] as const,
    ]) {
      tryLine(get('county', 'K', periodLevel, period, category), [
        get('municipality', 'a', periodLevel, period, category),
        get('municipality', 'b', periodLevel, period, category),
        get('municipality', 'c', periodLevel, period, category),
      ]);
      tryLine(get('all', 'all', periodLevel, period, category), [
        get('county', 'K', periodLevel, period, category),
        get('county', 'L', periodLevel, period, category),
      ]);
    }
    for (const area of [
      ['municipality', 'a'],
      ['municipality', 'b'],
      ['municipality', 'c'],
      ['municipality', 'd'],
      ['county', 'K'],
      ['county', 'L'],
      ['all', 'all'],
    ] as const) {
      if (stock) {
        // A stock's quarter and year show their last month's value: equal, not a sum.
        const sameAs = (cell: Cell, month: Cell) => {
          if (cell.suppressed !== month.suppressed)
            recovered.push(JSON.stringify(cell.suppressed ? cell : month));
        };
        const monthCell = (m: string) => get(area[0], area[1], 'month', m, category);
        sameAs(get(area[0], area[1], 'quarter', '2026-Q1', category), monthCell('2026-03'));
        sameAs(get(area[0], area[1], 'quarter', '2026-Q2', category), monthCell('2026-06'));
        sameAs(get(area[0], area[1], 'year', '2026', category), monthCell('2026-06'));
        continue;
      }
      tryLine(get(area[0], area[1], 'year', '2026', category), [
        get(area[0], area[1], 'quarter', '2026-Q1', category),
        get(area[0], area[1], 'quarter', '2026-Q2', category),
      ]);
      tryLine(
        get(area[0], area[1], 'quarter', '2026-Q1', category),
        months.slice(0, 3).map((m) => get(area[0], area[1], 'month', m, category)),
      );
      tryLine(
        get(area[0], area[1], 'quarter', '2026-Q2', category),
        months.slice(3).map((m) => get(area[0], area[1], 'month', m, category)),
      );
    }
  }
  if (categories.length > 0)
    for (const cell of everything(c).filter((cell) => cell.category === TOTAL))
      tryLine(
        cell,
        categories.map((category) =>
          get(cell.areaLevel, cell.areaId, cell.periodLevel, cell.period, category),
        ),
      );
  return recovered;
}

describe('small-number suppression', () => {
  it('hides every cell built from fewer than five children, and never shows its value', () => {
    const c = cube([...units('a', '2026-01', 4), ...units('b', '2026-01', 9)]);
    expect(c.cell('municipality', 'a', 'month', '2026-01', 'x')).toMatchObject({
      value: null,
      suppressed: true,
    });
    expect(c.cell('municipality', 'b', 'month', '2026-01', 'x')).toMatchObject({
      value: null,
      suppressed: true,
    });
    expect(c.cell('county', 'K', 'month', '2026-01', 'x')).toMatchObject({
      value: 13,
      suppressed: false,
    });
    for (const cell of everything(c)) if (cell.suppressed) expect(cell.value).toBeNull();
  });

  it('hides a second cell where one hidden cell could be worked out from a total', () => {
    const c = cube([
      ...units('a', '2026-01', 2),
      ...units('b', '2026-01', 20),
      ...units('c', '2026-01', 8),
      ...units('d', '2026-01', 30),
    ]);
    // a is hidden for having 2 children; c, the smallest of the rest, goes with it.
    expect(c.cell('municipality', 'a', 'month', '2026-01', 'x').suppressed).toBe(true);
    expect(c.cell('municipality', 'c', 'month', '2026-01', 'x').suppressed).toBe(true);
    expect(c.cell('municipality', 'b', 'month', '2026-01', 'x').value).toBe(20);
    expect(c.cell('county', 'K', 'month', '2026-01', 'x').value).toBe(30);
    expect(recoverBySubtraction(c, ['x', 'y'])).toEqual([]);
  });

  it('cannot be undone by subtraction along any row, column or period, over random data', () => {
    const random = seededRandom(7);
    for (let round = 0; round < 25; round += 1) {
      const all = randomUnits(random, 12, `r${round}-`);
      const c = cube(all);
      expect(recoverBySubtraction(c, ['x', 'y'])).toEqual([]);
      // Nothing is hidden that need not be: a large enough table still publishes most of its cells.
      expect(everything(c).some((cell) => !cell.suppressed)).toBe(true);
    }
  });

  it('keeps a cell published hidden hidden in the next build while it holds the same value, over random data', () => {
    const random = seededRandom(11);
    const shape = {
      kind: 'count',
      minChildren: 5,
      municipalities,
      months,
      categories: ['x', 'y'],
    } as const;
    const keyOf = (cell: Cell) =>
      [cell.areaLevel, cell.areaId, cell.periodLevel, cell.period, cell.category].join('|');
    /**
     * Cells of county K (a, b, c and K itself: untouched by the second build's one more child, in
     * d of county L) that the first build hid and the second publishes: set side by side, the two
     * tables give them away.
     */
    const givenAway = (first: MetricCube, second: MetricCube) => {
      const published = new Set(
        everything(second)
          .filter((cell) => !cell.suppressed)
          .map(keyOf),
      );
      return everything(first)
        .filter((cell) => cell.suppressed && ['a', 'b', 'c', 'K'].includes(cell.areaId))
        .filter((cell) => published.has(keyOf(cell)));
    };
    let givenAwayWithoutMemory = 0;
    for (let round = 0; round < 40; round += 1) {
      const all = randomUnits(random, 9, `r${round}-`);
      const first = cube(all);
      const more = [...all, ...units('d', months[Math.floor(random() * 6)], 1, 'y', `n${round}-`)];
      const remembering = new MetricCube(shape);
      for (const unit of more) remembering.add(unit);
      remembering.complete(first.hiddenCells());
      expect(givenAway(first, remembering)).toEqual([]);
      expect(recoverBySubtraction(remembering, ['x', 'y'])).toEqual([]);
      givenAwayWithoutMemory += givenAway(first, cube(more)).length;
    }
    // Without the memory, builds do publish cells an earlier one hid: the test above can fail.
    expect(givenAwayWithoutMemory).toBeGreaterThan(0);
  });

  it('hides a stock’s quarter and year with the month whose value they show, over random data', () => {
    const random = seededRandom(5);
    const stockCube = (all: Unit[]) =>
      new MetricCube(
        {
          kind: 'count',
          stock: true,
          minChildren: 5,
          municipalities,
          months,
          categories: ['x', 'y'],
        },
        all,
      );
    for (let round = 0; round < 25; round += 1) {
      const all: Unit[] = [];
      for (const m of municipalities)
        for (const month of months)
          for (const category of ['x', 'y'])
            all.push(...units(m.id, month, Math.floor(random() * 12), category, `s${round}-`));
      const c = stockCube(all);
      // The year shows June's stock, the first quarter March's.
      const year = c.cell('county', 'K', 'year', '2026', TOTAL);
      const june = c.cell('county', 'K', 'month', '2026-06', TOTAL);
      expect(year.value).toBe(june.value);
      expect(recoverBySubtraction(c, ['x', 'y'], true)).toEqual([]);
      expect(everything(c).some((cell) => !cell.suppressed)).toBe(true);
    }
  });

  it('counts children, not contributions: one child’s many events stay hidden', () => {
    const one: Unit[] = Array.from({ length: 40 }, () => ({
      municipalityId: 'd',
      month: '2026-03',
      categories: ['x'],
      subject: 'the-only-child',
      value: 1,
    }));
    const c = cube([...one, ...units('a', '2026-03', 30)]);
    expect(c.cell('municipality', 'd', 'month', '2026-03', 'x').suppressed).toBe(true);
    expect(c.cell('county', 'L', 'year', '2026', TOTAL).suppressed).toBe(true);
  });

  it('averages and shares over the units of a cell', () => {
    const mean = new MetricCube(
      { kind: 'mean', minChildren: 2, municipalities, months, categories: [] },
      [3, 4, 8].map((value, i) => ({
        municipalityId: 'a',
        month: '2026-02',
        categories: [],
        subject: `s${i}`,
        value,
      })),
    );
    expect(mean.cell('municipality', 'a', 'month', '2026-02', TOTAL).value).toBe(5);
    const share = new MetricCube(
      { kind: 'share', minChildren: 2, municipalities, months, categories: [] },
      [1, 0, 1].map((value, i) => ({
        municipalityId: 'a',
        month: '2026-02',
        categories: [],
        subject: `s${i}`,
        value,
      })),
    );
    expect(share.cell('municipality', 'a', 'quarter', '2026-Q1', TOTAL).value).toBe(66.7);
  });

  it('hides a total alike in every breakdown’s table: one table’s hidden total is not another’s published one', () => {
    // 3 children on level x (hidden), 6 with no level: the level table's line total = x + y has one
    // hidden cell and nothing else to hide but the total (9). The table without levels has no such line.
    const all = [...units('a', '2026-01', 3, 'x'), ...units('a', '2026-01', 6, 'no level')];
    const byLevel = cube(all);
    const total = cube(all, []);
    const totalOfA = (c: MetricCube) => c.cell('municipality', 'a', 'month', '2026-01', TOTAL);
    expect(totalOfA(byLevel).suppressed).toBe(true);
    expect(totalOfA(total)).toMatchObject({ value: 9, suppressed: false });
    MetricCube.shareSuppressedTotals([byLevel, total]);
    expect(totalOfA(total)).toMatchObject({ value: null, suppressed: true });
    // The lines of the table without levels are closed again around the total it now hides.
    expect(recoverBySubtraction(total, [])).toEqual([]);
  });

  it('publishes the same totals in every breakdown, and none can be undone, over random data', () => {
    const random = seededRandom(11);
    let differedBefore = 0;
    for (let round = 0; round < 25; round += 1) {
      const all: Unit[] = [];
      for (const m of municipalities)
        for (const month of months)
          for (const category of ['x', 'y', 'no category'])
            all.push(...units(m.id, month, Math.floor(random() * 9), category, `r${round}-`));
      const cubes = [cube(all), cube(all, ['x']), cube(all, [])];
      const totals = (c: MetricCube) =>
        everything(c)
          .filter((cell) => cell.category === TOTAL)
          .map((cell) => cell.suppressed);
      if (cubes.some((c) => JSON.stringify(totals(c)) !== JSON.stringify(totals(cubes[0]))))
        differedBefore += 1;
      MetricCube.shareSuppressedTotals(cubes);
      for (const c of cubes) expect(totals(c)).toEqual(totals(cubes[0]));
      expect(recoverBySubtraction(cubes[0], ['x', 'y'])).toEqual([]);
      expect(recoverBySubtraction(cubes[1], ['x'])).toEqual([]);
      expect(recoverBySubtraction(cubes[2], [])).toEqual([]);
      expect(everything(cubes[2]).some((cell) => !cell.suppressed)).toBe(true);
    }
    // The data is such that the breakdowns' own patterns differ: sharing is what makes them agree.
    expect(differedBefore).toBeGreaterThan(0);
  });
});
