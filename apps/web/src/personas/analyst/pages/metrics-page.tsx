import { Paragraph } from '@digdir/designsystemet-react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import { useAreas, useCatalogue, useMetricTable, type MetricQuery } from '../api';
import { AnalystNav } from '../components/analyst-nav';
import { Downloads } from '../components/downloads';
import {
  AREA_LEVELS,
  BREAKDOWNS,
  MetricControls,
  PERIOD_LEVELS,
} from '../components/metric-controls';
import { MetricView } from '../components/metric-view';
import { ReadState } from '../components/read-state';
import { RoleOverview } from '../components/role-overview';
import { useAnalystAccess } from '../components/use-access';
import { useAnalystFormat } from '../format';
import { DEFAULT_METRIC } from '../metric-groups';
import type { AreaLevel, Breakdown, MetricCatalogue, PeriodLevel } from '../reads';

/** The page's address keeps what is shown, so a view can be sent on and comes back on reload. */
const PARAM = { metric: 'maal', area: 'omrade', place: 'sted', period: 'periode', by: 'fordeling' };

const pick = <T extends string>(value: string | null, allowed: readonly T[], fallback: T): T =>
  allowed.includes(value as T) ? (value as T) : fallback;

function queryFrom(
  params: URLSearchParams,
  catalogue: MetricCatalogue,
  home: string | null,
  areas: readonly string[] | undefined,
): MetricQuery {
  const requested = params.get(PARAM.metric);
  const metricId = catalogue.metrics.some((m) => m.id === requested)
    ? (requested as string)
    : catalogue.metrics.some((m) => m.id === DEFAULT_METRIC)
      ? DEFAULT_METRIC
      : (catalogue.metrics[0]?.id ?? DEFAULT_METRIC);
  const area = pick<AreaLevel>(params.get(PARAM.area), AREA_LEVELS, home ? 'municipality' : 'all');
  const place = params.get(PARAM.place);
  const areaId =
    area === 'all'
      ? null
      : place || (area === 'municipality' && home ? home : null) || (areas?.[0] ?? null);
  return {
    metricId,
    area,
    areaId,
    period: pick<PeriodLevel>(params.get(PARAM.period), PERIOD_LEVELS, 'quarter'),
    by: pick<Breakdown>(params.get(PARAM.by), BREAKDOWNS, 'none'),
  };
}

/**
 * "Is it working?" — the programme's metrics as charts: a municipality's trend against its own
 * baseline, by age band, level and sector, per month, quarter or year, for a municipality, a county
 * or the whole programme. Small cells read "<5", never a number. For the roles that read no
 * figures, what they may see instead.
 */
export function MetricsPage() {
  const { t } = useTranslation('analyst');
  const { t: common } = useTranslation();
  const { me, access } = useAnalystAccess();
  if (me.isError)
    return (
      <Page title={t('metrics.title')}>
        <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />
      </Page>
    );
  if (!access || !me.data)
    return (
      <Page title={t('metrics.title')}>
        <Loading />
      </Page>
    );
  if (!access.metrics) return <RoleOverview role={me.data.role} />;
  return (
    <Page title={t('metrics.title')}>
      <AnalystNav access={access} />
      <Paragraph>
        {me.data.municipalityId
          ? t('metrics.scope.withMunicipality', {
              role: common(`roles.${me.data.role}`),
              municipality: me.data.municipalityId,
            })
          : t('metrics.scope.withoutMunicipality', { role: common(`roles.${me.data.role}`) })}
      </Paragraph>
      <Paragraph>{t('metrics.intro')}</Paragraph>
      <MetricsExplorer home={me.data.municipalityId} />
    </Page>
  );
}

function MetricsExplorer({ home }: { home: string | null }) {
  const { t } = useTranslation('analyst');
  const format = useAnalystFormat();
  const [params, setParams] = useSearchParams();
  const catalogue = useCatalogue();
  const areaParam = params.get(PARAM.area);
  const areaLevel = pick<AreaLevel>(areaParam, AREA_LEVELS, home ? 'municipality' : 'all');
  const areas = useAreas(
    areaLevel === 'county' ? 'county' : 'municipality',
    areaLevel === 'all' ? undefined : catalogue.data?.metrics[0]?.id,
  );
  const query = catalogue.data ? queryFrom(params, catalogue.data, home, areas.data) : null;
  const table = useMetricTable(query);

  const change = (next: Partial<MetricQuery>) => {
    if (!query) return;
    const merged = { ...query, ...next };
    const search = new URLSearchParams();
    search.set(PARAM.metric, merged.metricId);
    search.set(PARAM.area, merged.area);
    if (merged.area !== 'all' && merged.areaId) search.set(PARAM.place, merged.areaId);
    search.set(PARAM.period, merged.period);
    search.set(PARAM.by, merged.by);
    setParams(search, { replace: true, preventScrollReset: true });
  };

  return (
    <ReadState query={catalogue}>
      {(data) => {
        if (!query) return null;
        const definition = data.metrics.find((m) => m.id === query.metricId);
        const words = definition
          ? format.metric(definition, data.definitionsVersion)
          : { title: query.metricId, unit: '', formula: '', lang: undefined };
        const areaName = query.area === 'all' ? t('controls.areaLevel.all') : (query.areaId ?? '');
        return (
          <div className="stack">
            <MetricControls
              catalogue={data}
              query={query}
              areas={query.area === 'all' ? [] : areas.data}
              format={format}
              onChange={change}
            />
            {query.area !== 'all' && areas.isError && (
              <ErrorAlert error={areas.error} onRetry={() => void areas.refetch()} />
            )}
            <p role="status" className="analyst-sr-only">
              {table.data && !table.isFetching
                ? t('metrics.showing', {
                    metric: words.title,
                    area: areaName,
                    period: format.periodLevel(query.period),
                  })
                : ''}
            </p>
            <div aria-busy={table.isFetching}>
              {query.area !== 'all' && !query.areaId ? (
                areas.isPending ? (
                  <Loading />
                ) : null
              ) : (
                <ReadState query={table}>
                  {(shown) => (
                    <MetricView
                      table={shown}
                      words={words}
                      areaName={areaName}
                      format={format}
                      stock={definition?.stock ?? false}
                    />
                  )}
                </ReadState>
              )}
            </div>
            <Downloads query={query} metricTitle={words.title} />
          </div>
        );
      }}
    </ReadState>
  );
}
