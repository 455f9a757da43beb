import { projectionSpec, type GivenEvent } from '@bti/read-models/testing';
import { METRICS } from './metric-catalogue';
import { metricFactsProjection } from './metrics.projection';
import {
  METRICS_MAX_AGE_MS,
  metricTableCsv,
  MetricsReader,
  UNITS_BEFORE_FIRST_MONTH,
  type MetricQuery,
  type MetricTable,
} from './metrics-reader';
import { MunicipalityUseReader } from './municipality-use-reader';
import { PublishedSuppression } from './published-suppression';
import { e, history, hs, initiatedL1, L1, L2, rules } from './testing/hand-worked-history';

/** The year 2026, all areas, no breakdown: each metric's value worked out by hand from the history. */
const EXPECTED_2026: Record<string, number | null> = {
  logs_opened: 2,
  logs_active: 1, // a stock: the end of August (l2 open, l1 closed in April)
  logs_closed: 1,
  logs_awaiting_consent: 0,
  logs_inactive: 1, // l2: nothing since 5 May; at the end of August June–August are quiet
  concerns_decided_in_time: 50,
  days_concern_to_consent: 19, // (10.0 + 28.0) / 2
  days_concern_to_first_meeting: 36,
  days_concern_to_first_measure: 19.6,
  days_without_stafettholder_at_start: 10,
  handovers_offered: 2,
  handover_acceptance_days: 2,
  handovers_declined: 1,
  measures_planned: 2,
  measures_started: 1,
  evaluations_on_time: 0,
  evaluations_overdue: 1, // x2, due 31 March, never evaluated
  evaluations_goal_reached: 0,
  evaluations_goal_partly: 100,
  evaluations_goal_not_reached: 0,
  services_per_log: 1.5,
  sectors_per_log: 1.5,
  logs_with_two_or_more_sectors: 50,
  meetings_held: 1,
  meetings_guardians_present: 100,
  meetings_guardians_first: 100,
  meetings_childs_voice_recorded: 100,
  meeting_score_coordination: 4,
  meeting_score_being_heard: 5,
  meeting_score_usefulness: 3,
  ettermote_equal_dialogue: 4,
  ettermote_chair_steering: 5,
  ettermote_team_support: 3,
  ettermote_form_and_content: 4,
  ettermote_childs_voice_heard: 100,
  ettermote_confidentiality_reminded: 100,
  consents_given: 2,
  consents_withdrawn: 1,
  consents_refused: 0,
  consents_expiring: 0, // a stock; s1 was expiring at the end of January only
  anonymous_discussions: 2,
  discussions_recommending_consent: 50,
  referrals: 2,
  referrals_accepted: 1,
  referrals_declined: 1,
  closing_score_coordination: 5,
  closing_score_accessibility: 4,
  closing_score_participation: 3,
};

const NOW = new Date('2026-08-15T12:00:00.000Z');

describe('programme metrics, against values worked out by hand', () => {
  const spec = projectionSpec(metricFactsProjection);
  const store = spec.given(history);
  const reader = new MetricsReader(store.db, () => 1n, 1);
  const value = (
    query: Partial<MetricQuery> & { metricId: string },
    period: string,
    category = 'total',
  ) => {
    const table = reader.table({ areaLevel: 'all', period: 'year', by: 'none', ...query }, NOW);
    const cell = table.cells.find((c) => c.period === period && c.category === category);
    return cell?.value;
  };

  it('has a hand-worked value for every metric in the catalogue', () => {
    expect(Object.keys(EXPECTED_2026).sort()).toEqual(METRICS.map((m) => m.id).sort());
  });

  it.each(Object.entries(EXPECTED_2026))('%s for 2026 is %p', (metricId, expected) => {
    expect(value({ metricId }, '2026')).toBe(expected);
  });

  it('counts a stock at each month’s end, and a flow in the month it happened', () => {
    expect(value({ metricId: 'logs_awaiting_consent', period: 'month' }, '2026-02')).toBe(1);
    expect(value({ metricId: 'consents_expiring', period: 'month' }, '2026-01')).toBe(1);
    expect(value({ metricId: 'logs_active', period: 'quarter' }, '2026-Q1')).toBe(2);
    expect(value({ metricId: 'logs_inactive', period: 'month' }, '2026-06')).toBe(0);
    expect(value({ metricId: 'logs_inactive', period: 'month' }, '2026-07')).toBe(1);
    expect(value({ metricId: 'evaluations_overdue', period: 'month' }, '2026-03')).toBe(0);
    expect(value({ metricId: 'evaluations_overdue', period: 'month' }, '2026-04')).toBe(1);
    expect(value({ metricId: 'logs_opened', period: 'quarter' }, '2026-Q1')).toBe(2);
    expect(value({ metricId: 'logs_opened', period: 'quarter' }, '2026-Q2')).toBe(0);
  });

  it('breaks down by level, age band and sector', () => {
    expect(value({ metricId: 'logs_opened', by: 'level' }, '2026', '2')).toBe(1);
    expect(value({ metricId: 'logs_opened', by: 'level' }, '2026', '3')).toBe(1);
    expect(value({ metricId: 'logs_opened', by: 'ageBand' }, '2026', '0-5')).toBe(1);
    expect(value({ metricId: 'logs_opened', by: 'ageBand' }, '2026', '13-18')).toBe(1);
    expect(value({ metricId: 'logs_opened', by: 'ageBand' }, '2026', '6-12')).toBe(0);
    expect(value({ metricId: 'logs_opened', by: 'sector' }, '2026', 'barnehage')).toBe(1);
    expect(value({ metricId: 'logs_opened', by: 'sector' }, '2026', 'nav')).toBe(1);
    expect(value({ metricId: 'logs_opened', by: 'sector' }, '2026', 'total')).toBe(2);
    expect(value({ metricId: 'measures_planned', by: 'sector' }, '2026', 'nav')).toBe(1);
    // l2 opened at level 3 and moved to 2: active at the end of August at level 2.
    expect(value({ metricId: 'logs_active', by: 'level' }, '2026', '2')).toBe(1);
    expect(value({ metricId: 'anonymous_discussions', by: 'ageBand' }, '2026', '6-12')).toBe(1);
  });

  it('builds every table over a measure recorded in year 0, counting nothing before its floor', () => {
    // A year-0 date is a real ISO date; before dates were bounded at the edge, one was stored, and
    // its months (written '0-02') broke every table of the installation.
    const yearZero = [
      ...history,
      // On the log still open: its evaluation is overdue every month since.
      e(L2, 'MeasurePlanned', {
        measureId: 'x0',
        responsible: hs,
        startDate: '0000-01-01',
        evaluationDate: '0000-02-12',
        initiativeId: null,
        catalogueEntryId: null,
        plannedBy: hs,
        at: '2026-02-02T10:00:00.000Z',
        personal: { goal: 'g' },
      }),
    ];
    const reader = new MetricsReader(spec.given(yearZero).db, () => 1n, 1);
    for (const metric of METRICS) {
      const table = reader.table(
        { metricId: metric.id, areaLevel: 'all', period: 'year', by: 'none' },
        NOW,
      );
      const years = table.cells.map((cell) => cell.period);
      // The first concern is of 2026: five years before it is the floor.
      expect(years.every((year) => year >= `${2026 - UNITS_BEFORE_FIRST_MONTH / 12 - 1}`)).toBe(
        true,
      );
    }
  });

  it('counts a child whose birth date was erased in the unknown age band, not as a pregnancy', () => {
    // The family's personal data erased: the birth date reads back null, marked erased.
    const erasedHistory = history.map((event) =>
      event.type === 'SubjectAdded' && (event.data as { subjectId: string }).subjectId === 'c2'
        ? {
            ...event,
            data: {
              ...event.data,
              personal: { name: null, birthDate: null, expectedBirthDate: null, erased: true },
            },
          }
        : event,
    );
    const erased = new MetricsReader(spec.given(erasedHistory).db, () => 1n, 1);
    const band = (category: string) =>
      erased
        .table({ metricId: 'logs_opened', areaLevel: 'all', period: 'year', by: 'ageBand' }, NOW)
        .cells.find((c) => c.period === '2026' && c.category === category)?.value;
    expect(band('unknown')).toBe(1);
    expect(band('13-18')).toBe(0);
    expect(band('pregnancy')).toBe(0);
    expect(band('0-5')).toBe(1);
    expect(band('total')).toBe(2);
    // Where no child's birth date is erased, the tables have no such column at all.
    expect(value({ metricId: 'logs_opened', by: 'ageBand' }, '2026', 'unknown')).toBeUndefined();
  });

  it('shows a municipality’s trend against its own baseline', () => {
    const table = reader.table(
      {
        metricId: 'logs_opened',
        areaLevel: 'municipality',
        areaId: 'm',
        period: 'quarter',
        by: 'none',
      },
      NOW,
    );
    expect(table.baseline).toEqual({ date: '2026-01-01', period: '2026-Q1' });
    expect(table.cells.find((c) => c.period === '2026-Q2')).toMatchObject({
      value: 0,
      baselineValue: 2,
      changeFromBaseline: -2,
    });
  });

  it('gives each initiative its children, sectors and funds', () => {
    expect(reader.initiatives('m')).toEqual([
      {
        initiativeId: 'familiekoordinator',
        name: 'Familiekoordinator',
        status: 'running',
        childrenReached: 1,
        suppressed: false,
        sectorsInvolved: ['barnehage'],
        committedNok: { 'kap-765-post-60': 400_000 },
      },
    ]);
    expect(reader.allocations('m')).toEqual([
      { year: 2026, scheme: 'kap-765-post-60', amountNok: 1_000_000 },
    ]);
    // One child of five: hidden, and the sectors that reached them with it.
    const strict = new MetricsReader(store.db, () => 1n, 5);
    expect(strict.initiatives('m')[0]).toMatchObject({
      childrenReached: null,
      suppressed: true,
      sectorsInvolved: null,
    });
  });

  it('suppresses all of it at the real threshold: two children are too few to publish', () => {
    const strict = new MetricsReader(store.db, () => 1n, 5);
    for (const metric of METRICS) {
      const table = strict.table(
        {
          metricId: metric.id,
          areaLevel: 'municipality',
          areaId: 'm',
          period: 'month',
          by: 'ageBand',
        },
        NOW,
      );
      for (const cell of table.cells)
        if (cell.suppressed) expect(cell.value).toBeNull();
        else expect([0, null]).toContain(cell.value);
    }
  });

  it('hides a total in the table of every breakdown if it hides it in one', () => {
    const reader2 = new MetricsReader(store.db, () => 1n, 2);
    const totals = (metricId: string, by: MetricQuery['by']) =>
      (['month', 'quarter', 'year'] as const).flatMap((period) =>
        reader2
          .table({ metricId, areaLevel: 'all', period, by }, NOW)
          .cells.filter((cell) => cell.category === 'total')
          .map((cell) => `${cell.period} ${cell.suppressed ? 'hidden' : cell.value}`),
      );
    for (const metric of METRICS) {
      const withoutBreakdown = totals(metric.id, 'none');
      for (const by of ['level', 'ageBand', 'sector'] as const)
        expect({ metric: metric.id, by, totals: totals(metric.id, by) }).toEqual({
          metric: metric.id,
          by,
          totals: withoutBreakdown,
        });
    }
  });

  it('exports CSV with the definitions version, period, area and suppression marker', () => {
    const strict = new MetricsReader(store.db, () => 1n, 5);
    const csv = metricTableCsv(
      strict.table({ metricId: 'logs_opened', areaLevel: 'all', period: 'year', by: 'none' }, NOW),
    );
    expect(csv.split('\n')[0]).toBe(
      'metric,definitions_version,area_level,area_id,period,category,value,suppressed,baseline_value,change_from_baseline',
    );
    expect(csv.split('\n')[1]).toMatch(/^logs_opened,[^,]+,all,all,2026,total,,true,,$/);
  });

  it('keeps what each build published hidden, for the next build to hide alike', () => {
    const published = new PublishedSuppression(':memory:');
    const query = {
      metricId: 'logs_opened',
      areaLevel: 'all',
      period: 'year',
      by: 'none',
    } as const;
    const first = new MetricsReader(store.db, () => 1n, 5, Date.now, published).table(query, NOW);
    const kept = published.recall('logs_opened');
    expect([...kept.keys()].sort()).toEqual(['ageBand', 'level', 'none', 'sector']);
    expect(kept.get('none')?.get('all|all#year|2026#total')).toEqual(expect.any(String));
    // A build that recalls them hides them again: its tables are the first's.
    const again = new MetricsReader(store.db, () => 1n, 5, Date.now, published).table(query, NOW);
    expect(again).toEqual(first);
    expect(published.recall('logs_opened')).toEqual(kept);
    published.close();
  });

  it('keeps every text cell of the CSV text in a spreadsheet, and a negative change a number', () => {
    const csv = metricTableCsv({
      metric: { id: 'logs_opened' },
      definitionsVersion: '1',
      cells: [
        {
          areaLevel: 'county',
          areaId: '=HYPERLINK("http://x";"klikk")',
          period: '2026',
          category: '@SUM(A1)',
          value: 7,
          suppressed: false,
          baselineValue: 10,
          changeFromBaseline: -3,
        },
      ],
    } as unknown as MetricTable);
    expect(csv.split('\n')[1]).toBe(
      `logs_opened,1,county,"'=HYPERLINK(""http://x"";""klikk"")",2026,'@SUM(A1),7,false,10,-3`,
    );
  });

  it('shows leaders the use of each unit: counts only, by service and month', () => {
    const use = new MunicipalityUseReader(store.db).use('m', 12, NOW);
    const activity = (serviceId: string) =>
      Object.fromEntries(
        (use.services.find((s) => s.serviceId === serviceId)?.activityByMonth ?? [])
          .filter((m) => m.events !== 0)
          .map((m) => [m.month, m.events]),
      );
    expect(use.services.map((s) => s.serviceId)).toEqual(['bh', 'hs', 'nav']);
    expect(use.services.find((s) => s.serviceId === 'nav')).toMatchObject({
      name: 'NAV',
      sector: 'nav',
      openLogs: 1,
      logsHeld: 1,
      overdueEvaluations: 1,
      handoversWaiting: 0,
      concernsPastDeadline: 0,
      consentsToRenew: 0,
    });
    expect(use.services.find((s) => s.serviceId === 'bh')).toMatchObject({
      openLogs: 0,
      logsHeld: 0,
    });
    expect(activity('nav')).toEqual({ '2026-02': 2, '2026-03': 4 });
    expect(activity('hs')).toEqual({ '2026-01': 5, '2026-02': 1, '2026-03': 1 });
    expect(activity('bh')).toEqual({ '2026-01': 1, '2026-02': 1, '2026-03': 1, '2026-04': 1 });
    expect(use.services[0].activityByMonth.map((m) => m.month)).toEqual([
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
    ]);
  });

  it('reuses computed figures for a while as events arrive, unless the caller asks for its own write', () => {
    const own = spec.given(history);
    let checkpoint = 100n;
    let clock = 0;
    const cached = new MetricsReader(
      own.db,
      () => checkpoint,
      1,
      () => clock,
    );
    const opened = (minPosition = 0n) =>
      cached
        .table(
          { metricId: 'logs_opened', areaLevel: 'all', period: 'year', by: 'none' },
          NOW,
          minPosition,
        )
        .cells.find((c) => c.category === 'total')?.value;
    expect(opened()).toBe(2);
    own.db
      .prepare(
        `INSERT INTO metric_logs (log_id, municipality_id, family_id, subject_id, concern_id, initiated_at, opened_at, level_at_open, level)
         VALUES ('l3', 'm', 'f1', 'c2', 'k2', '2026-06-01T10:00:00.000Z', '2026-06-02T10:00:00.000Z', 1, 1)`,
      )
      .run();
    checkpoint = 101n;
    clock = 1_000;
    expect(opened()).toBe(2); // a second later: the figures built a moment ago
    expect(opened(101n)).toBe(3); // the caller's own write: built again
    own.db.prepare(`UPDATE metric_logs SET opened_at = NULL WHERE log_id = 'l3'`).run();
    checkpoint = 102n;
    clock = 1_000 + METRICS_MAX_AGE_MS + 1;
    expect(opened()).toBe(2); // too old once new events came: built again
  });

  it('puts each fact in its month in Oslo: opened at 00:30 on 1 October there is October’s, though UTC says September', () => {
    const nearMidnight: GivenEvent[] = [
      ...history.slice(0, 8), // the municipality, its services, the family and its children, k1
      { ...initiatedL1, occurredAt: '2026-09-30T21:30:00.000Z' },
      e(
        L1,
        'StafettloggOpened',
        { level: 2, stafettholder: hs, rules, openedBy: hs, openedAt: '2026-09-30T22:30:00.000Z' },
        '2026-09-30T22:30:00.000Z',
      ),
    ];
    const own = new MetricsReader(spec.given(nearMidnight).db, () => 1n, 1);
    // 23:30 UTC on 31 October is 00:30 on 1 November in Oslo: November is this month, the last.
    const justPastMidnight = new Date('2026-10-31T23:30:00.000Z');
    const monthly = (metricId: string, by: MetricQuery['by'] = 'none', category = 'total') =>
      Object.fromEntries(
        own
          .table({ metricId, areaLevel: 'all', period: 'month', by }, justPastMidnight)
          .cells.filter((c) => c.category === category && c.period >= '2026-09')
          .map((c) => [c.period, c.value]),
      );
    expect(monthly('logs_opened')).toEqual({ '2026-09': 0, '2026-10': 1, '2026-11': 0 });
    expect(monthly('logs_active')).toEqual({ '2026-09': 0, '2026-10': 1, '2026-11': 1 });
    // At level 2 from the moment it opened: on its day in Oslo, not "before it opened" in UTC.
    expect(monthly('services_per_log', 'level', '2')).toEqual({
      '2026-09': null,
      '2026-10': 1,
      '2026-11': null,
    });
    const use = new MunicipalityUseReader(spec.given(nearMidnight).db).use(
      'm',
      2,
      justPastMidnight,
    );
    expect(
      use.services
        .find((s) => s.serviceId === 'hs')
        ?.activityByMonth.map((m) => [m.month, m.events]),
    ).toEqual([
      ['2026-10', 1],
      ['2026-11', 0],
    ]);
  });

  it('builds the same facts one event at a time as all at once', () => {
    expect(spec.given(history, 1).dumpProjection(metricFactsProjection)).toEqual(
      spec.given(history).dumpProjection(metricFactsProjection),
    );
  });
});

describe('a handover offer replaced, its recipient deactivated', () => {
  const spec = projectionSpec(metricFactsProjection);
  const gone = { staffId: 'gone', serviceId: 'hs' };
  const offer = (to: typeof hs, at: string) =>
    e(L2, 'StafettholderHandoverOffered', { to, offeredBy: hs, at });
  const store = spec.given([
    ...history,
    offer(gone, '2026-05-01T10:00:00.000Z'),
    offer(hs, '2026-05-10T10:00:00.000Z'),
    e(L2, 'StafettholderHandoverAccepted', {
      stafettholder: hs,
      previous: null,
      at: '2026-05-12T10:00:00.000Z',
    }),
  ]);
  const reader = new MetricsReader(store.db, () => 1n, 1);
  const value = (metricId: string) =>
    reader
      .table({ areaLevel: 'all', period: 'year', by: 'none', metricId }, NOW)
      .cells.find((c) => c.period === '2026' && c.category === 'total')?.value;

  it('counts both offers, neither as declined, and the acceptance from the offer accepted', () => {
    expect(value('handovers_offered')).toBe(4);
    expect(value('handovers_declined')).toBe(1);
    // L1's 2 days and this one's 2 — not 11 from the offer nobody could answer.
    expect(value('handover_acceptance_days')).toBe(2);
  });
});
