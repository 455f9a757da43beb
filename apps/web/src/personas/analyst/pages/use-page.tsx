import {
  Alert,
  Details,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  Table,
  Tag,
} from '@digdir/designsystemet-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMunicipalityName, useMunicipalityUse } from '../api';
import { BarChart } from '../components/bar-chart';
import { ReadState } from '../components/read-state';
import { TrendChart } from '../components/trend-chart';
import { FiguresPage } from '../components/figures-page';
import { useAnalystFormat, type AnalystFormat } from '../format';
import type { MunicipalityUse, ServiceUse } from '../reads';

const MONTH_CHOICES = [6, 12, 24, 36] as const;

/**
 * A sum of counts of which some may be suppressed (null, in an analyst's answer): the counts shown
 * added up, and how many are hidden. Each hidden count is at least 1, so the sum is at least
 * `known + hidden` — all a reader may know of it; the page never says more.
 */
interface Sum {
  readonly known: number;
  readonly hidden: number;
}

const sumOf = (counts: readonly (number | null)[]): Sum =>
  counts.reduce<Sum>(
    (sum, count) =>
      count === null
        ? { known: sum.known, hidden: sum.hidden + 1 }
        : { known: sum.known + count, hidden: sum.hidden },
    { known: 0, hidden: 0 },
  );

const eventsOf = (service: ServiceUse) => sumOf(service.activityByMonth.map((m) => m.events));

/** No events at all: not one shown, not one hidden (a hidden count is at least 1). */
const isSilent = (sum: Sum) => sum.known === 0 && sum.hidden === 0;

const COUNT_COLUMNS = [
  'openLogs',
  'logsHeld',
  'overdueEvaluations',
  'handoversWaiting',
  'concernsPastDeadline',
  'consentsToRenew',
] as const;

/**
 * The leaders' view of use per unit: for each service of the municipality, the open logs it takes
 * part in, the batons it holds, what is overdue or waiting, the consents to renew, and its activity
 * over time — counts only, no child and no content. Which services never use the log is the
 * question the pilot could not answer. An analyst sees small counts as the metrics show a
 * suppressed cell ("<5"), and a sum with one in it as "at least …" or not at all (a month's sum in
 * the trend is drawn suppressed); the admin and coordinators see every count.
 */
export function UsePage() {
  const { t } = useTranslation('analyst');
  return (
    <FiguresPage title={t('use.title')}>
      {(_person, access) => (
        <>
          {access.useOf ? (
            <UseOf municipalityId={access.useOf} />
          ) : (
            <Alert data-color="info">{t('use.noMunicipality')}</Alert>
          )}
        </>
      )}
    </FiguresPage>
  );
}

function UseOf({ municipalityId }: { municipalityId: string }) {
  const { t } = useTranslation('analyst');
  const format = useAnalystFormat();
  const id = useId();
  const [months, setMonths] = useState<number>(12);
  const use = useMunicipalityUse(municipalityId, months);
  const municipalityName = useMunicipalityName();
  return (
    <div className="stack">
      <Paragraph>{t('use.intro', { municipality: municipalityName(municipalityId) })}</Paragraph>
      <Field className="use-months">
        <Label htmlFor={`${id}-months`}>{t('use.months')}</Label>
        <Select
          id={`${id}-months`}
          value={String(months)}
          onChange={(event) => setMonths(Number(event.target.value))}
        >
          {MONTH_CHOICES.map((choice) => (
            <Select.Option key={choice} value={String(choice)}>
              {t('use.monthsChoice', { count: choice })}
            </Select.Option>
          ))}
        </Select>
      </Field>
      <ReadState query={use}>
        {(data) => <UseView use={data} months={months} format={format} />}
      </ReadState>
    </div>
  );
}

function UseView({
  use,
  months,
  format,
}: {
  use: MunicipalityUse;
  months: number;
  format: AnalystFormat;
}) {
  const { t } = useTranslation('analyst');
  const services = [...use.services].sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  const silent = services.filter((service) => isSilent(eventsOf(service)));
  const monthKeys = services[0]?.activityByMonth.map((m) => m.month) ?? [];
  // A suppressed month is null, and stays null here (not `?? 0`): only a missing month is 0.
  const eventsIn = (service: ServiceUse, month: string): number | null => {
    const found = service.activityByMonth.find((m) => m.month === month);
    return found ? found.events : 0;
  };
  const perMonth = monthKeys.map((month) =>
    sumOf(services.map((service) => eventsIn(service, month))),
  );
  const hiddenMonths = perMonth.filter((sum) => sum.hidden > 0).length;
  const allMonths = perMonth.reduce<Sum>(
    (all, sum) => ({ known: all.known + sum.known, hidden: all.hidden + sum.hidden }),
    { known: 0, hidden: 0 },
  );
  const periodText = t('use.window', { count: months });
  const barsTitle = t('use.barsTitle', { window: periodText });
  const trendTitle = t('use.trendTitle', { window: periodText });
  const number = (value: number) => format.number(value);
  // An analyst's answer has small counts suppressed (null): shown as the metrics show a suppressed
  // cell ("<5"), and a sum with one in it as "at least …" — never as a number worked out of it.
  const below = use.suppressedBelow;
  const suppressedText = format.suppressed(below ?? 0);
  const count = (value: number | null) => (value === null ? suppressedText : number(value));
  const sumText = (sum: Sum) => {
    if (sum.hidden === 0) return number(sum.known);
    if (sum.known === 0 && sum.hidden === 1) return suppressedText; // the sum is the hidden count
    return t('use.atLeast', { value: number(sum.known + sum.hidden) });
  };
  const suppressedMark = (hidden: boolean) => (hidden ? 'true' : undefined);

  if (services.length === 0) return <Alert data-color="info">{t('use.noServices')}</Alert>;

  return (
    <div className="stack">
      <Paragraph data-size="sm">{t('use.asOf', { at: format.dateTime(use.asOf) })}</Paragraph>
      {below !== null && (
        <Paragraph data-size="sm">
          {t('use.suppressed', { threshold: suppressedText, min: number(below) })}
        </Paragraph>
      )}
      {silent.length > 0 ? (
        <Alert data-color="warning">
          <Heading level={2} data-size="xs">
            {t('use.silentTitle', { count: silent.length, window: periodText })}
          </Heading>
          <Paragraph>{format.list(silent.map((s) => s.name))}</Paragraph>
        </Alert>
      ) : (
        <Alert data-color="success">{t('use.noneSilent', { window: periodText })}</Alert>
      )}

      <section className="stack" aria-labelledby={`use-bars`}>
        <Heading level={2} data-size="sm" id="use-bars">
          {barsTitle}
        </Heading>
        <BarChart
          title={barsTitle}
          description={t('use.barsDescribe', {
            count: services.length,
            silent: silent.length,
          })}
          bars={services.map((service) => {
            const events = eventsOf(service);
            // Drawn as far as its counts shown go: a hidden month is never drawn as a number, only
            // said in the text ("<5", "minst 7"), as the metrics draw a suppressed cell.
            return {
              key: service.serviceId,
              label: service.name,
              value: events.known,
              text: isSilent(events) ? t('use.none') : sumText(events),
              flagged: isSilent(events),
            };
          })}
          formatTick={number}
        />
      </section>

      <section className="stack" aria-labelledby="use-trend">
        <Heading level={2} data-size="sm" id="use-trend">
          {trendTitle}
        </Heading>
        <TrendChart
          title={trendTitle}
          description={[
            t('use.trendDescribe', {
              from: monthKeys[0] ? format.period(monthKeys[0]) : '',
              to: monthKeys.length ? format.period(monthKeys[monthKeys.length - 1]) : '',
              total: sumText(allMonths),
            }),
            hiddenMonths > 0 ? t('use.trendDescribeHidden', { count: hiddenMonths }) : '',
          ]
            .filter(Boolean)
            .join(' ')}
          points={monthKeys.map((month, index) => {
            // A month with a hidden count is drawn as suppressed: its sum is not known.
            const sum = perMonth[index];
            return {
              key: month,
              axisLabel: format.period(month, 'short'),
              value: sum.hidden > 0 ? null : sum.known,
              suppressed: sum.hidden > 0,
              text: sumText(sum),
              hint: t('chart.hint', { period: format.period(month), value: sumText(sum) }),
            };
          })}
          integers
          formatTick={number}
          suppressedText={t('format.suppressedNoThreshold')}
        />
        <Details>
          <Details.Summary>{t('use.activityTable')}</Details.Summary>
          <Details.Content>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={trendTitle}>
              <Table zebra border data-size="sm" className="use-activity-table">
                <caption>{t('use.activityCaption', { window: periodText })}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell scope="col">{t('use.columns.service')}</Table.HeaderCell>
                    {monthKeys.map((month) => (
                      <Table.HeaderCell scope="col" key={month} className="metric-table__number">
                        {format.period(month, 'short')}
                      </Table.HeaderCell>
                    ))}
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {services.map((service) => (
                    <Table.Row key={service.serviceId}>
                      <Table.HeaderCell scope="row">{service.name}</Table.HeaderCell>
                      {monthKeys.map((month) => {
                        const events = eventsIn(service, month);
                        return (
                          <Table.Cell
                            key={month}
                            className="metric-table__number"
                            data-suppressed={suppressedMark(events === null)}
                          >
                            {count(events)}
                          </Table.Cell>
                        );
                      })}
                    </Table.Row>
                  ))}
                  <Table.Row>
                    <Table.HeaderCell scope="row">{t('format.total')}</Table.HeaderCell>
                    {perMonth.map((sum, index) => (
                      <Table.Cell
                        key={monthKeys[index]}
                        className="metric-table__number"
                        data-suppressed={suppressedMark(sum.hidden > 0)}
                      >
                        {sumText(sum)}
                      </Table.Cell>
                    ))}
                  </Table.Row>
                </Table.Body>
              </Table>
            </div>
          </Details.Content>
        </Details>
      </section>

      <section className="stack" aria-labelledby="use-table">
        <Heading level={2} data-size="sm" id="use-table">
          {t('use.tableHeading')}
        </Heading>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="use-table">
          <Table zebra border data-size="sm" className="use-table">
            <caption>{t('use.tableCaption', { window: periodText })}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t('use.columns.service')}</Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('use.columns.sector')}</Table.HeaderCell>
                {COUNT_COLUMNS.map((column) => (
                  <Table.HeaderCell scope="col" key={column} className="metric-table__number">
                    {t(`use.columns.${column}`)}
                  </Table.HeaderCell>
                ))}
                <Table.HeaderCell scope="col" className="metric-table__number">
                  {t('use.columns.events', { window: periodText })}
                </Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {services.map((service) => {
                const events = eventsOf(service);
                return (
                  <Table.Row key={service.serviceId}>
                    <Table.HeaderCell scope="row">
                      <span className="use-table__service">
                        {service.name}
                        {isSilent(events) && (
                          <Tag data-color="warning" data-size="sm">
                            {t('use.silentTag')}
                          </Tag>
                        )}
                      </span>
                    </Table.HeaderCell>
                    <Table.Cell>{format.sector(service.sector)}</Table.Cell>
                    {COUNT_COLUMNS.map((column) => (
                      <Table.Cell
                        key={column}
                        className="metric-table__number"
                        data-suppressed={suppressedMark(service[column] === null)}
                      >
                        {count(service[column])}
                      </Table.Cell>
                    ))}
                    <Table.Cell
                      className="metric-table__number"
                      data-suppressed={suppressedMark(events.hidden > 0)}
                    >
                      {sumText(events)}
                    </Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </div>
        <Paragraph data-size="sm">
          {below === null ? t('use.note') : t('use.noteSuppressed', { min: number(below) })}
        </Paragraph>
      </section>
    </div>
  );
}
