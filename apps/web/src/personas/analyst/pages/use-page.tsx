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

const sumOf = (counts: readonly number[]): number => counts.reduce((sum, n) => sum + n, 0);

const eventsOf = (service: ServiceUse) => sumOf(service.activityByMonth.map((m) => m.events));

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
 * question the pilot could not answer. For those who run the services (the municipality's admin;
 * coordinators have a persona of their own): exact counts. Analysts do not get this view — they
 * read the metric tables, whose one suppression pattern is the only one published (docs/metrics.md).
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
            <Alert data-color="info">{t('use.notForRole')}</Alert>
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
  const silent = services.filter((service) => eventsOf(service) === 0);
  const monthKeys = services[0]?.activityByMonth.map((m) => m.month) ?? [];
  const eventsIn = (service: ServiceUse, month: string): number =>
    service.activityByMonth.find((m) => m.month === month)?.events ?? 0;
  const perMonth = monthKeys.map((month) =>
    sumOf(services.map((service) => eventsIn(service, month))),
  );
  const periodText = t('use.window', { count: months });
  const barsTitle = t('use.barsTitle', { window: periodText });
  const trendTitle = t('use.trendTitle', { window: periodText });
  const number = (value: number) => format.number(value);

  if (services.length === 0) return <Alert data-color="info">{t('use.noServices')}</Alert>;

  return (
    <div className="stack">
      <Paragraph data-size="sm">{t('use.asOf', { at: format.dateTime(use.asOf) })}</Paragraph>
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
            return {
              key: service.serviceId,
              label: service.name,
              value: events,
              text: events === 0 ? t('use.none') : number(events),
              flagged: events === 0,
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
          description={t('use.trendDescribe', {
            from: monthKeys[0] ? format.period(monthKeys[0]) : '',
            to: monthKeys.length ? format.period(monthKeys[monthKeys.length - 1]) : '',
            total: number(sumOf(perMonth)),
          })}
          points={monthKeys.map((month, index) => ({
            key: month,
            axisLabel: format.period(month, 'short'),
            value: perMonth[index],
            suppressed: false,
            text: number(perMonth[index]),
            hint: t('chart.hint', { period: format.period(month), value: number(perMonth[index]) }),
          }))}
          integers
          formatTick={number}
          // Exact counts: no point is suppressed, so this text is never drawn.
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
                      {monthKeys.map((month) => (
                        <Table.Cell key={month} className="metric-table__number">
                          {number(eventsIn(service, month))}
                        </Table.Cell>
                      ))}
                    </Table.Row>
                  ))}
                  <Table.Row>
                    <Table.HeaderCell scope="row">{t('format.total')}</Table.HeaderCell>
                    {perMonth.map((sum, index) => (
                      <Table.Cell key={monthKeys[index]} className="metric-table__number">
                        {number(sum)}
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
                        {events === 0 && (
                          <Tag data-color="warning" data-size="sm">
                            {t('use.silentTag')}
                          </Tag>
                        )}
                      </span>
                    </Table.HeaderCell>
                    <Table.Cell>{format.sector(service.sector)}</Table.Cell>
                    {COUNT_COLUMNS.map((column) => (
                      <Table.Cell key={column} className="metric-table__number">
                        {number(service[column])}
                      </Table.Cell>
                    ))}
                    <Table.Cell className="metric-table__number">{number(events)}</Table.Cell>
                  </Table.Row>
                );
              })}
            </Table.Body>
          </Table>
        </div>
        <Paragraph data-size="sm">{t('use.note')}</Paragraph>
      </section>
    </div>
  );
}
