import { Alert, Details, Heading, Paragraph, Table } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import { useEventTypes } from '../api';
import { AnalystNav } from '../components/analyst-nav';
import { ReadState } from '../components/read-state';
import { useAnalystAccess } from '../components/use-access';
import { useAnalystFormat, type AnalystFormat } from '../format';
import type { EventTypeCount } from '../reads';

/**
 * The events in the log per municipality and type — counts only, no case and no content: the
 * operator's view of the whole installation, an admin's of their own municipality. Whether the log
 * grows where it should is the first sign of use, and of trouble.
 */
export function EventsPage() {
  const { t } = useTranslation('analyst');
  const { me, access } = useAnalystAccess();
  // Asked whatever the role: for a role that may not read it the API's 403 says so.
  const events = useEventTypes(me.isSuccess);
  const ownId = me.data?.municipalityId ?? '';
  const ownName =
    events.data?.find((row) => row.municipalityId === ownId)?.municipalityName ?? ownId;
  return (
    <Page title={t('events.title')}>
      {me.isError && <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />}
      {access ? <AnalystNav access={access} /> : me.isPending && <Loading />}
      {me.data && (
        <Paragraph>
          {me.data.role === 'operator'
            ? t('events.introAll')
            : t('events.introOwn', { municipality: ownName })}
        </Paragraph>
      )}
      <ReadState query={events}>{(rows) => <EventsView rows={rows} />}</ReadState>
    </Page>
  );
}

function EventsView({ rows }: { rows: EventTypeCount[] }) {
  const { t } = useTranslation('analyst');
  const format = useAnalystFormat();
  if (rows.length === 0) return <Alert data-color="info">{t('events.none')}</Alert>;
  const byArea = new Map<string, EventTypeCount[]>();
  for (const row of rows) {
    const key = row.municipalityId ?? '';
    byArea.set(key, [...(byArea.get(key) ?? []), row]);
  }
  const areas = [...byArea.entries()]
    .map(([id, types]) => ({
      id,
      name: id ? (types[0].municipalityName ?? id) : t('events.installation'),
      types: [...types].sort((a, b) => b.count - a.count || a.type.localeCompare(b.type)),
      total: types.reduce((sum, type) => sum + type.count, 0),
      last: types.reduce(
        (latest, type) => (type.lastRecordedAt > latest ? type.lastRecordedAt : latest),
        '',
      ),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'nb'));
  return (
    <div className="stack">
      <section className="stack" aria-labelledby="events-summary">
        <Heading level={2} data-size="sm" id="events-summary">
          {t('events.summaryHeading')}
        </Heading>
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="events-summary">
          <Table zebra border data-size="sm" className="events-table">
            <caption>{t('events.summaryCaption')}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell scope="col">{t('events.columns.area')}</Table.HeaderCell>
                <Table.HeaderCell scope="col" className="metric-table__number">
                  {t('events.columns.total')}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col" className="metric-table__number">
                  {t('events.columns.types')}
                </Table.HeaderCell>
                <Table.HeaderCell scope="col">{t('events.columns.last')}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {areas.map((area) => (
                <Table.Row key={area.id}>
                  <Table.HeaderCell scope="row">{area.name}</Table.HeaderCell>
                  <Table.Cell className="metric-table__number">
                    {format.number(area.total)}
                  </Table.Cell>
                  <Table.Cell className="metric-table__number">
                    {format.number(area.types.length)}
                  </Table.Cell>
                  <Table.Cell>
                    {area.last ? format.dateTime(area.last) : t('format.noValue')}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </div>
      </section>
      {areas.map((area) => (
        <Details key={area.id}>
          <Details.Summary>
            {t('events.typesOf', { area: area.name, count: area.types.length })}
          </Details.Summary>
          <Details.Content>
            <TypesTable name={area.name} types={area.types} format={format} />
          </Details.Content>
        </Details>
      ))}
    </div>
  );
}

function TypesTable({
  name,
  types,
  format,
}: {
  name: string;
  types: EventTypeCount[];
  format: AnalystFormat;
}) {
  const { t } = useTranslation('analyst');
  const caption = t('events.typesCaption', { area: name });
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <Table zebra border data-size="sm">
        <caption>{caption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell scope="col">{t('events.columns.type')}</Table.HeaderCell>
            <Table.HeaderCell scope="col" className="metric-table__number">
              {t('events.columns.count')}
            </Table.HeaderCell>
            <Table.HeaderCell scope="col">{t('events.columns.last')}</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {types.map((type) => (
            <Table.Row key={type.type}>
              <Table.HeaderCell scope="row" lang="en">
                {type.type}
              </Table.HeaderCell>
              <Table.Cell className="metric-table__number">{format.number(type.count)}</Table.Cell>
              <Table.Cell>{format.dateTime(type.lastRecordedAt)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  );
}
