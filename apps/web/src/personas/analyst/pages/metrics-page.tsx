import { Paragraph } from '@digdir/designsystemet-react';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { Loading } from '../../../shared/layout/loading';
import {
  SPANS,
  useAreas,
  useCatalogue,
  useMetricTable,
  useMunicipalityName,
  type MetricQuery,
  type Span,
} from '../api';
import { Downloads } from '../components/downloads';
import {
  AREA_LEVELS,
  BREAKDOWNS,
  MetricControls,
  PERIOD_LEVELS,
} from '../components/metric-controls';
import { areaName as nameOf } from '../components/area-name';
import { MetricView } from '../components/metric-view';
import { ReadState } from '../components/read-state';
import { FiguresPage } from '../components/figures-page';
import { useAnalystFormat } from '../format';
import { DEFAULT_METRIC } from '../metric-groups';
import type { AreaLevel, Breakdown, MetricCatalogue, PeriodLevel } from '../reads';
import type { Me } from '../../../shared/api/reads';

/**
 * The page's address keeps what is chosen, so a view can be sent on and comes back on reload. The
 * choices themselves live in the page's state, each change made on the latest of them: a quick
 * second click never undoes the first while the address is still being updated.
 */
const PARAM = {
  metric: 'maal',
  area: 'omrade',
  place: 'sted',
  period: 'periode',
  by: 'fordeling',
  span: 'tidsrom',
};
type Choice = Partial<Record<keyof typeof PARAM, string>>;

const choiceFrom = (params: URLSearchParams): Choice =>
  Object.fromEntries(
    Object.entries(PARAM).flatMap(([key, name]) => {
      const value = params.get(name);
      return value ? [[key, value]] : [];
    }),
  );

function paramsOf(choice: Choice): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, name] of Object.entries(PARAM)) {
    const value = choice[key as keyof Choice];
    if (value) params.set(name, value);
  }
  return params;
}

function chose(previous: Choice, change: Partial<MetricQuery>): Choice {
  const next = { ...previous };
  if (change.metricId) next.metric = change.metricId;
  if (change.area) {
    next.area = change.area;
    delete next.place;
  }
  if (change.areaId) next.place = change.areaId;
  if (change.period) next.period = change.period;
  if (change.by) next.by = change.by;
  if (change.span) next.span = change.span;
  return next;
}

const pick = <T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T => (allowed.includes(value as T) ? (value as T) : fallback);

/** What is shown: the choices made, and for the rest the defaults (the person's own municipality). */
function queryFrom(
  choice: Choice,
  catalogue: MetricCatalogue,
  home: string | null,
  areas: readonly string[] | undefined,
): MetricQuery {
  const metricId = catalogue.metrics.some((m) => m.id === choice.metric)
    ? (choice.metric as string)
    : catalogue.metrics.some((m) => m.id === DEFAULT_METRIC)
      ? DEFAULT_METRIC
      : (catalogue.metrics[0]?.id ?? DEFAULT_METRIC);
  const area = areaLevelOf(choice, home);
  const areaId =
    area === 'all'
      ? null
      : choice.place || (area === 'municipality' && home ? home : null) || (areas?.[0] ?? null);
  return {
    metricId,
    area,
    areaId,
    period: pick<PeriodLevel>(choice.period, PERIOD_LEVELS, 'quarter'),
    by: pick<Breakdown>(choice.by, BREAKDOWNS, 'none'),
    span: pick<Span>(choice.span, SPANS, 'all'),
  };
}

const areaLevelOf = (choice: Choice, home: string | null) =>
  pick<AreaLevel>(choice.area, AREA_LEVELS, home ? 'municipality' : 'all');

/**
 * "Is it working?" — the programme's metrics as charts: a municipality's trend against its own
 * baseline, by age band, level and sector, per month, quarter or year, for a municipality, a county
 * or the whole programme. Small cells read "<5", never a number. For the roles that read no
 * figures, what they may see instead.
 */
export function MetricsPage() {
  const { t } = useTranslation('analyst');
  return (
    <FiguresPage title={t('metrics.title')}>
      {(person) => (
        <>
          <Scope person={person} />
          <Paragraph>{t('metrics.intro')}</Paragraph>
          <MetricsExplorer
            home={person.municipalityId}
            ownOnly={person.role !== 'analyst' && person.municipalityId !== null}
          />
        </>
      )}
    </FiguresPage>
  );
}

/** Who is looking, and from where: the municipality by its name. Only for those who see figures. */
function Scope({ person }: { person: Me }) {
  const { t } = useTranslation('analyst');
  const { t: common } = useTranslation();
  const municipalityName = useMunicipalityName();
  return (
    <Paragraph>
      {person.municipalityId
        ? t('metrics.scope.withMunicipality', {
            role: common(`roles.${person.role}`),
            municipality: municipalityName(person.municipalityId),
          })
        : t('metrics.scope.withoutMunicipality', { role: common(`roles.${person.role}`) })}
    </Paragraph>
  );
}

/**
 * `ownOnly`: an admin or coordinator, who knows their municipality's figures exactly, reads its tables
 * alone (the API refuses them a county's or the programme's: subtracted, those would give away
 * another municipality's small cells).
 */
function MetricsExplorer({ home, ownOnly }: { home: string | null; ownOnly: boolean }) {
  const { t } = useTranslation('analyst');
  const format = useAnalystFormat();
  const [params, setParams] = useSearchParams();
  const [chosen, setChoice] = useState<Choice>(() => choiceFrom(params));
  const choice: Choice = useMemo(
    () => (ownOnly && home ? { ...chosen, area: 'municipality', place: home } : chosen),
    [chosen, ownOnly, home],
  );
  useEffect(() => {
    const next = paramsOf(choice);
    if (next.toString() !== params.toString())
      setParams(next, { replace: true, preventScrollReset: true });
  }, [choice, params, setParams]);
  const catalogue = useCatalogue();
  const areaLevel = areaLevelOf(choice, home);
  const areas = useAreas(
    areaLevel === 'county' ? 'county' : 'municipality',
    areaLevel === 'all' ? undefined : catalogue.data?.metrics[0]?.id,
  );
  const query = catalogue.data ? queryFrom(choice, catalogue.data, home, areas.data) : null;
  const table = useMetricTable(query);
  const change = (next: Partial<MetricQuery>) => setChoice((previous) => chose(previous, next));

  return (
    <ReadState query={catalogue}>
      {(data) => {
        if (!query) return null;
        const definition = data.metrics.find((m) => m.id === query.metricId);
        const words = definition
          ? format.metric(definition, data.definitionsVersion)
          : { title: query.metricId, unit: '', formula: '', lang: undefined };
        const areaName = nameOf(data, query.area, query.areaId, t('controls.areaLevel.all'));
        return (
          <div className="stack">
            <MetricControls
              catalogue={data}
              query={query}
              areas={query.area === 'all' ? [] : areas.data}
              areaLevels={ownOnly ? ['municipality'] : AREA_LEVELS}
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
                      areaName={nameOf(
                        data,
                        shown.areaLevel,
                        shown.cells[0]?.areaId,
                        t('controls.areaLevel.all'),
                      )}
                      definitionsVersion={data.definitionsVersion}
                      stock={data.metrics.find((m) => m.id === shown.metric.id)?.stock ?? false}
                      format={format}
                      stale={table.isPlaceholderData}
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
