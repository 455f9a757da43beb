import { Details, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { PERSONA_BASE_PATHS } from '../../../shared/paths';
import { ANALYST_PATHS } from '../access';
import type { AnalystFormat, MetricWords } from '../format';
import type { MetricCell, MetricTable } from '../reads';
import { MetricDataTable, shapeOf } from './metric-data-table';
import { MetricDefinitionText } from './metric-definition';
import { largestValue } from './chart-scale';
import { TrendChart, type ChartBaseline, type ChartPoint } from './trend-chart';

interface MetricViewProps {
  readonly table: MetricTable;
  /** What the table's area is called (its municipality's name, the county, or all). */
  readonly areaName: string;
  /** The catalogue's definitions version (the words are translated for one version only). */
  readonly definitionsVersion: string;
  readonly format: AnalystFormat;
  readonly stock: boolean;
  /** The table of the previous choice, shown while the next one is on its way. */
  readonly stale?: boolean;
}

/**
 * One metric's table as charts — the total's trend against the municipality's own baseline, then
 * one small chart per category of the breakdown on a shared scale — with the definition one click
 * away and every figure in a table behind the charts.
 */
export function MetricView({
  table,
  areaName,
  definitionsVersion,
  format,
  stock,
  stale = false,
}: MetricViewProps) {
  const { t } = useTranslation('analyst');
  // Everything said about the table comes from the table itself, so a table still on screen while
  // the next loads is never labelled with the next one's choices.
  const words: MetricWords = format.metric(table.metric, definitionsVersion);
  const { periods, categories, cell } = shapeOf(table);
  const kind = table.metric.kind;
  const threshold = table.minChildren;
  const suppressedText = format.suppressed(threshold);
  const periodWord = format.periodLevel(table.period);

  const pointsOf = (category: string): ChartPoint[] =>
    periods.map((period) => {
      const c: MetricCell | undefined = cell(period, category);
      const text = c ? format.cell(c, kind, threshold) : t('format.noValue');
      return {
        key: period,
        axisLabel: format.period(period, 'short'),
        value: c && !c.suppressed ? c.value : null,
        suppressed: c?.suppressed ?? false,
        text,
        hint: t('chart.hint', { period: format.period(period), value: text }),
      };
    });

  const baselineOf = (category: string): ChartBaseline | null => {
    if (!table.baseline) return null;
    const inTable = cell(table.baseline.period, category);
    const first = table.cells.find((c) => c.category === category);
    const value = inTable
      ? inTable.suppressed
        ? null
        : inTable.value
      : (first?.baselineValue ?? null);
    const text = inTable
      ? format.cell(inTable, kind, threshold)
      : value === null
        ? t('format.noValue')
        : format.value(value, kind);
    return {
      value,
      key: table.baseline.period,
      label: t('chart.baselineLine', { value: text }),
      markerLabel: t('chart.baselineMarker', { period: format.period(table.baseline.period) }),
    };
  };

  const describe = (points: ChartPoint[], baseline: ChartBaseline | null, name: string) => {
    if (points.length === 0) return t('chart.empty');
    const last = points[points.length - 1];
    const hidden = points.filter((p) => p.suppressed).length;
    return [
      t('chart.describe', {
        metric: name,
        from: format.period(points[0].key),
        to: format.period(last.key),
        last: last.text,
      }),
      hidden > 0 ? t('chart.describeHidden', { count: hidden, threshold: suppressedText }) : '',
      baseline ? t('chart.describeBaseline', { value: baseline.label }) : '',
    ]
      .filter(Boolean)
      .join(' ');
  };

  const totalPoints = pointsOf('total');
  const totalBaseline = baselineOf('total');
  const title = t('chart.title', { metric: words.title, area: areaName, period: periodWord });
  const breakdown = table.by === 'none' ? [] : categories.filter((c) => c !== 'total');
  const shown = breakdown.filter((category) =>
    pointsOf(category).some((p) => p.suppressed || (p.value !== null && p.value !== 0)),
  );
  const allZero = breakdown.filter((category) => !shown.includes(category));
  const sharedTop = Math.max(
    0,
    ...shown.map((category) =>
      largestValue(pointsOf(category), baselineOf(category)?.value ?? null),
    ),
  );
  const integers = kind === 'count';

  return (
    <section
      className={stale ? 'metric-view metric-view--stale stack' : 'metric-view stack'}
      aria-labelledby="metric-view-heading"
    >
      <div>
        <Heading level={2} data-size="md" id="metric-view-heading" lang={words.lang}>
          {words.title}
        </Heading>
        <Paragraph data-size="sm" className="metric-view__meta">
          {t('view.meta', {
            area: areaName,
            period: periodWord,
            unit: words.unit,
          })}
        </Paragraph>
      </div>

      <Details>
        <Details.Summary>{t('view.whatItMeans')}</Details.Summary>
        <Details.Content>
          <MetricDefinitionText
            definition={table.metric}
            words={words}
            stock={stock}
            definitionsVersion={table.definitionsVersion}
          />
          <Paragraph data-size="sm">
            <Link asChild>
              <RouterLink to={`${PERSONA_BASE_PATHS.analyst}/${ANALYST_PATHS.definitions}`}>
                {t('view.allDefinitions')}
              </RouterLink>
            </Link>
          </Paragraph>
        </Details.Content>
      </Details>

      <Paragraph data-size="sm">
        {table.baseline
          ? t('view.baseline', {
              date: format.date(table.baseline.date),
              period: format.period(table.baseline.period),
            })
          : table.areaLevel === 'municipality'
            ? t('view.noBaseline')
            : t('view.baselineOnlyMunicipality')}
      </Paragraph>

      <figure className="chart-figure">
        <TrendChart
          title={title}
          description={describe(totalPoints, totalBaseline, words.title)}
          points={totalPoints}
          baseline={totalBaseline}
          integers={integers}
          formatTick={(value) => format.value(value, kind)}
          suppressedText={suppressedText}
        />
        <figcaption className="chart-legend">
          <span className="chart-legend__item">
            <span className="chart-legend__swatch chart-legend__swatch--line" aria-hidden />
            {t('legend.value', { metric: words.title })}
          </span>
          {totalBaseline && (
            <span className="chart-legend__item">
              <span className="chart-legend__swatch chart-legend__swatch--baseline" aria-hidden />
              {totalBaseline.value === null
                ? t('legend.baselineHidden', { value: totalBaseline.label })
                : t('legend.baseline', { value: totalBaseline.label })}
            </span>
          )}
          <span className="chart-legend__item">
            <span className="chart-legend__swatch chart-legend__swatch--suppressed" aria-hidden />
            {t('legend.suppressed', {
              threshold: suppressedText,
              min: format.number(threshold),
            })}
          </span>
        </figcaption>
      </figure>

      {breakdown.length > 0 && table.by !== 'none' && (
        <section className="stack" aria-labelledby="metric-breakdown-heading">
          <Heading level={3} data-size="sm" id="metric-breakdown-heading">
            {t(`view.breakdownHeading.${table.by}`)}
          </Heading>
          <Paragraph data-size="sm">{t('view.sharedScale')}</Paragraph>
          <ul className="small-multiples">
            {shown.map((category) => {
              const points = pointsOf(category);
              const baseline = baselineOf(category);
              const name = format.category(table.by, category);
              return (
                <li key={category} className="small-multiples__item">
                  <Heading level={4} data-size="2xs">
                    {name}
                  </Heading>
                  <TrendChart
                    size="small"
                    title={t('chart.title', {
                      metric: `${words.title}: ${name}`,
                      area: areaName,
                      period: periodWord,
                    })}
                    description={describe(points, baseline, name)}
                    points={points}
                    baseline={baseline}
                    yMax={sharedTop}
                    integers={integers}
                    formatTick={(value) => format.value(value, kind)}
                    suppressedText={suppressedText}
                  />
                </li>
              );
            })}
          </ul>
          {allZero.length > 0 && (
            <Paragraph data-size="sm">
              {t('view.allZero', {
                categories: format.list(allZero.map((c) => format.category(table.by, c))),
              })}
            </Paragraph>
          )}
        </section>
      )}

      <Details>
        <Details.Summary>{t('view.showTable')}</Details.Summary>
        <Details.Content>
          <MetricDataTable table={table} words={words} caption={title} format={format} />
          <Paragraph data-size="sm">
            {t('legend.tableNote', {
              threshold: suppressedText,
              min: format.number(threshold),
              noValue: t('format.noValue'),
            })}
          </Paragraph>
        </Details.Content>
      </Details>
    </section>
  );
}
