import { Table, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { AnalystFormat, MetricWords } from '../format';
import type { MetricCell, MetricTable } from '../reads';

/** The periods and the categories of a table, in the API's order (the total last). */
export function shapeOf(table: MetricTable) {
  const periods: string[] = [];
  const categories: string[] = [];
  const cells = new Map<string, MetricCell>();
  for (const cell of table.cells) {
    if (!periods.includes(cell.period)) periods.push(cell.period);
    if (!categories.includes(cell.category)) categories.push(cell.category);
    cells.set(`${cell.period}|${cell.category}`, cell);
  }
  return {
    periods,
    categories,
    cell: (period: string, category: string) => cells.get(`${period}|${category}`),
  };
}

interface MetricDataTableProps {
  readonly table: MetricTable;
  readonly words: MetricWords;
  readonly caption: string;
  readonly format: AnalystFormat;
}

/**
 * The chart's figures as a table, for those who do not read charts: a row per period, a column per
 * category (or the value, the baseline's and the change since, for one municipality). A suppressed
 * cell reads "<5" here too — its value is never put on the page.
 */
export function MetricDataTable({ table, words, caption, format }: MetricDataTableProps) {
  const { t } = useTranslation('analyst');
  const { periods, categories, cell } = shapeOf(table);
  const kind = table.metric.kind;
  const threshold = table.minChildren;
  const withChange = table.by === 'none' && table.baseline !== null;
  const columns = table.by === 'none' ? ['total'] : categories;
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <Table zebra border data-size="sm" className="metric-table">
        <caption>{caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t('table.period')}</Table.HeaderCell>
            {columns.map((category) => (
              <Table.HeaderCell scope="col" key={category} className="metric-table__number">
                {table.by === 'none'
                  ? t('table.value', { unit: words.unit })
                  : format.category(table.by, category)}
              </Table.HeaderCell>
            ))}
            {withChange && (
              <Table.HeaderCell scope="col" className="metric-table__number">
                {t('table.change')}
              </Table.HeaderCell>
            )}
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {periods.map((period) => {
            const total = cell(period, 'total');
            return (
              <Table.Row key={period}>
                <Table.HeaderCell scope="row">
                  <span className="metric-table__period">
                    {format.period(period)}
                    {table.baseline?.period === period && (
                      <Tag data-color="neutral" data-size="sm">
                        {t('table.baselineTag')}
                      </Tag>
                    )}
                  </span>
                </Table.HeaderCell>
                {columns.map((category) => {
                  const c = cell(period, category);
                  return (
                    <Table.Cell
                      key={category}
                      className="metric-table__number"
                      data-suppressed={c?.suppressed ? 'true' : undefined}
                    >
                      {c ? format.cell(c, kind, threshold) : t('format.noValue')}
                    </Table.Cell>
                  );
                })}
                {withChange && (
                  <Table.Cell className="metric-table__number">
                    {total && !total.suppressed && typeof total.changeFromBaseline === 'number'
                      ? format.change(total.changeFromBaseline, kind)
                      : t('format.noValue')}
                  </Table.Cell>
                )}
              </Table.Row>
            );
          })}
        </Table.Body>
      </Table>
    </div>
  );
}
