import {
  Alert,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  Table,
} from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { Loading } from '../../../shared/layout/loading';
import { useAreas, useCatalogue, useInitiatives, useMunicipalityName } from '../api';
import { ReadState } from '../components/read-state';
import { FiguresPage } from '../components/figures-page';
import { useAnalystFormat, type AnalystFormat } from '../format';
import type { InitiativeMetrics } from '../reads';

/**
 * What a municipality funds from the pooled 0–24 grant and whom it reached: per initiative its
 * status, the children reached (suppressed below the threshold, "<5"), the sectors involved and the
 * funds committed per grant scheme; and the allocations per year and scheme. Analysts choose any
 * municipality; a municipality's admin sees their own.
 */
export function InitiativesPage() {
  const { t } = useTranslation('analyst');
  return (
    <FiguresPage title={t('initiatives.title')}>
      {(person) => (
        <>
          <Paragraph>{t('initiatives.intro')}</Paragraph>
          <InitiativesOf own={person.municipalityId} mayChoose={person.role === 'analyst'} />
        </>
      )}
    </FiguresPage>
  );
}

function InitiativesOf({ own, mayChoose }: { own: string | null; mayChoose: boolean }) {
  const { t } = useTranslation('analyst');
  const format = useAnalystFormat();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const catalogue = useCatalogue();
  const areas = useAreas('municipality', mayChoose ? catalogue.data?.metrics[0]?.id : undefined);
  const chosen = mayChoose ? params.get('kommune') : null;
  const municipalityId = chosen || own || areas.data?.[0] || null;
  const figures = useInitiatives(municipalityId);
  const municipalityName = useMunicipalityName();
  const threshold = catalogue.data?.minChildren ?? null;
  return (
    <div className="stack">
      {mayChoose && (
        <Field className="metric-controls__place">
          <Label htmlFor={`${id}-municipality`}>{t('controls.municipality')}</Label>
          <Select
            id={`${id}-municipality`}
            value={municipalityId ?? ''}
            disabled={!areas.data}
            onChange={(event) =>
              setParams(new URLSearchParams({ kommune: event.target.value }), { replace: true })
            }
          >
            {!areas.data && <Select.Option value="">{t('controls.loadingAreas')}</Select.Option>}
            {areas.data?.map((area) => (
              <Select.Option key={area} value={area}>
                {municipalityName(area)}
              </Select.Option>
            ))}
          </Select>
        </Field>
      )}
      {mayChoose && areas.isError && (
        <ErrorAlert error={areas.error} onRetry={() => void areas.refetch()} />
      )}
      {municipalityId === null ? (
        mayChoose && areas.isPending ? (
          <Loading />
        ) : (
          <Alert data-color="info">{t('initiatives.noMunicipality')}</Alert>
        )
      ) : (
        <ReadState query={figures}>
          {(data) => (
            <InitiativesView
              figures={data}
              name={municipalityName(data.municipalityId)}
              format={format}
              threshold={threshold}
            />
          )}
        </ReadState>
      )}
    </div>
  );
}

function InitiativesView({
  figures,
  name,
  format,
  threshold,
}: {
  figures: InitiativeMetrics;
  /** The municipality's name. */
  name: string;
  format: AnalystFormat;
  threshold: number | null;
}) {
  const { t } = useTranslation('analyst');
  const schemes = t('schemes', { returnObjects: true }) as unknown as Record<string, string>;
  const statuses = t('initiatives.statuses', { returnObjects: true }) as unknown as Record<
    string,
    string
  >;
  const nok = (amount: number) => t('format.nok', { amount: format.number(amount) });
  const suppressedText =
    threshold === null ? t('format.suppressedNoThreshold') : format.suppressed(threshold);
  const years = [...new Set(figures.allocations.map((a) => a.year))].sort((a, b) => a - b);
  const allocationSchemes = [...new Set(figures.allocations.map((a) => a.scheme))].sort();
  return (
    <div className="stack">
      <section className="stack" aria-labelledby="initiatives-heading">
        <Heading level={2} data-size="sm" id="initiatives-heading">
          {t('initiatives.heading', { municipality: name })}
        </Heading>
        {figures.initiatives.length === 0 ? (
          <Alert data-color="info">{t('initiatives.none')}</Alert>
        ) : (
          <div
            className="table-scroll"
            tabIndex={0}
            role="region"
            aria-labelledby="initiatives-heading"
          >
            <Table zebra border data-size="sm" className="initiatives-table">
              <caption>{t('initiatives.caption', { municipality: name })}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t('initiatives.columns.name')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col">{t('initiatives.columns.status')}</Table.HeaderCell>
                  <Table.HeaderCell scope="col" className="metric-table__number">
                    {t('initiatives.columns.children')}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col">
                    {t('initiatives.columns.sectors')}
                  </Table.HeaderCell>
                  <Table.HeaderCell scope="col">
                    {t('initiatives.columns.committed')}
                  </Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {figures.initiatives.map((initiative) => (
                  <Table.Row key={initiative.initiativeId}>
                    <Table.HeaderCell scope="row">{initiative.name}</Table.HeaderCell>
                    <Table.Cell>{statuses[initiative.status] ?? initiative.status}</Table.Cell>
                    <Table.Cell
                      className="metric-table__number"
                      data-suppressed={initiative.suppressed ? 'true' : undefined}
                    >
                      {initiative.suppressed || initiative.childrenReached === null
                        ? suppressedText
                        : format.number(initiative.childrenReached)}
                    </Table.Cell>
                    <Table.Cell data-suppressed={initiative.sectorsInvolved ? undefined : 'true'}>
                      {initiative.sectorsInvolved === null
                        ? suppressedText
                        : initiative.sectorsInvolved.length === 0
                          ? t('format.noValue')
                          : format.list(initiative.sectorsInvolved.map((s) => format.sector(s)))}
                    </Table.Cell>
                    <Table.Cell>
                      {Object.keys(initiative.committedNok).length === 0 ? (
                        t('format.noValue')
                      ) : (
                        <ul className="plain-list">
                          {Object.entries(initiative.committedNok).map(([scheme, amount]) => (
                            <li key={scheme}>
                              {t('initiatives.committedLine', {
                                scheme: schemes[scheme] ?? scheme,
                                amount: nok(amount),
                              })}
                            </li>
                          ))}
                        </ul>
                      )}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
        {threshold !== null && (
          <Paragraph data-size="sm">
            {t('initiatives.childrenNote', {
              threshold: suppressedText,
              min: format.number(threshold),
            })}
          </Paragraph>
        )}
      </section>

      <section className="stack" aria-labelledby="allocations-heading">
        <Heading level={2} data-size="sm" id="allocations-heading">
          {t('initiatives.allocationsHeading')}
        </Heading>
        {figures.allocations.length === 0 ? (
          <Alert data-color="info">{t('initiatives.noAllocations')}</Alert>
        ) : (
          <div
            className="table-scroll"
            tabIndex={0}
            role="region"
            aria-labelledby="allocations-heading"
          >
            <Table zebra border data-size="sm">
              <caption>{t('initiatives.allocationsCaption')}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell scope="col">{t('initiatives.columns.scheme')}</Table.HeaderCell>
                  {years.map((year) => (
                    <Table.HeaderCell scope="col" key={year} className="metric-table__number">
                      {String(year)}
                    </Table.HeaderCell>
                  ))}
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {allocationSchemes.map((scheme) => (
                  <Table.Row key={scheme}>
                    <Table.HeaderCell scope="row">{schemes[scheme] ?? scheme}</Table.HeaderCell>
                    {years.map((year) => {
                      const amount = figures.allocations.find(
                        (a) => a.year === year && a.scheme === scheme,
                      )?.amountNok;
                      return (
                        <Table.Cell key={year} className="metric-table__number">
                          {amount === undefined ? t('format.noValue') : nok(amount)}
                        </Table.Cell>
                      );
                    })}
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </div>
        )}
      </section>
    </div>
  );
}
