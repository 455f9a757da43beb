import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { answerAs, api } from '../../shared/api/client';
import { ApiError, NetworkError } from '../../shared/api/errors';
import type { DocumentPage } from '../../shared/api/reads';
import { todayInOslo } from '../../shared/format/format';
import type {
  AreaLevel,
  Breakdown,
  EventTypeCount,
  InitiativeMetrics,
  MetricCatalogue,
  MetricTable,
  MunicipalityUse,
  PeriodLevel,
} from './reads';
import { areaName } from './components/area-name';

/** What the metrics page shows: one metric, one area, one period level, one breakdown. */
export interface MetricQuery {
  readonly metricId: string;
  readonly area: AreaLevel;
  /** The municipality id or the county's name; none for the whole programme. */
  readonly areaId: string | null;
  readonly period: PeriodLevel;
  readonly by: Breakdown;
  /** How far back: every month there is, or the last so many months up to this one. */
  readonly span: Span;
}

export const SPANS = ['all', '12', '24', '36', '60'] as const;
export type Span = (typeof SPANS)[number];

/** The first month (YYYY-MM) of the last `months` months up to this one, in Oslo. */
export function firstMonthOf(months: number, today = todayInOslo()): string {
  const year = Number(today.slice(0, 4));
  const month = Number(today.slice(5, 7)) - (months - 1);
  const at = new Date(Date.UTC(year, month - 1, 1));
  return at.toISOString().slice(0, 7);
}

/**
 * The API is still catching up with recent events (`503 READ_MODEL_BEHIND`), or rebuilding the read
 * models the figures come from (`503 READ_MODELS_REBUILDING`); either with Retry-After.
 */
export const isBehind = (error: unknown): error is ApiError =>
  error instanceof ApiError &&
  error.status === 503 &&
  (error.code === 'READ_MODEL_BEHIND' || error.code === 'READ_MODELS_REBUILDING');

export const isForbidden = (error: unknown): error is ApiError =>
  error instanceof ApiError && error.status === 403;

/** How many times a read waits for the figures to catch up before asking the person. */
export const BEHIND_TRIES = 5;

/**
 * A gentle retry: while the figures are catching up, wait as long as the API's Retry-After says (at
 * most 30 s) and try again, a few times; a lost connection or the server's own trouble twice more;
 * a refusal (403, 404, 400) never.
 */
export const gentleRetry = {
  retry: (failures: number, error: Error) =>
    isBehind(error)
      ? failures < BEHIND_TRIES
      : failures < 2 &&
        (error instanceof NetworkError || (error instanceof ApiError && error.status >= 500)),
  retryDelay: (failures: number, error: Error) =>
    isBehind(error)
      ? Math.min(error.retryAfterSeconds ?? 2, 30) * 1000
      : Math.min(1000 * 2 ** failures, 30_000),
};

const queryOf = (q: MetricQuery) => ({
  area: q.area,
  ...(q.area !== 'all' && q.areaId ? { areaId: q.areaId } : {}),
  period: q.period,
  by: q.by,
  ...(q.span !== 'all' ? { from: firstMonthOf(Number(q.span)) } : {}),
});

/** `GET /metrics`: every metric with its definition, the definitions version and the threshold. */
export function useCatalogue(enabled = true) {
  return useQuery({
    queryKey: ['analyst', 'catalogue'],
    queryFn: () => answerAs<MetricCatalogue>(api.GET('/metrics')),
    staleTime: 5 * 60_000,
    enabled,
    ...gentleRetry,
  });
}

/** A municipality's name by its id, from the catalogue (the id until the catalogue is there). */
export function useMunicipalityName(): (id: string | null | undefined) => string {
  const catalogue = useCatalogue();
  return (id) => areaName(catalogue.data, 'municipality', id, '');
}

/** `GET /metrics/:id`: the table the page shows (JSON). */
export function useMetricTable(query: MetricQuery | null) {
  return useQuery({
    queryKey: ['analyst', 'table', query],
    queryFn: () => {
      if (!query) throw new Error('No metric chosen');
      return answerAs<MetricTable>(
        api.GET('/metrics/{metricId}', {
          params: { path: { metricId: query.metricId }, query: queryOf(query) },
        }),
      );
    },
    enabled: query !== null && (query.area === 'all' || query.areaId !== null),
    // The chart shown stays (marked as being updated) until the next one is there: no jumping page.
    placeholderData: keepPreviousData,
    staleTime: 60_000,
    ...gentleRetry,
  });
}

/**
 * The municipalities or counties of the programme, as the metric tables name them: one small table
 * (this year, per year) of the first metric, whose cells list every area of that level.
 */
export function useAreas(level: 'municipality' | 'county', metricId: string | undefined) {
  return useQuery({
    queryKey: ['analyst', 'areas', level, metricId],
    queryFn: async () => {
      const year = todayInOslo().slice(0, 4);
      const table = await answerAs<MetricTable>(
        api.GET('/metrics/{metricId}', {
          params: {
            path: { metricId: metricId ?? '' },
            query: { area: level, period: 'year', from: `${year}-01` },
          },
        }),
      );
      return [...new Set(table.cells.map((cell) => cell.areaId))].sort((a, b) =>
        a.localeCompare(b, 'nb'),
      );
    },
    enabled: metricId !== undefined,
    staleTime: 5 * 60_000,
    ...gentleRetry,
  });
}

/**
 * `GET /municipalities/:id/use?months=`: use per service, exact, for the municipality's admin and
 * coordinators (analysts are refused: they read the metric tables).
 */
export function useMunicipalityUse(municipalityId: string | null, months: number) {
  return useQuery({
    queryKey: ['analyst', 'use', municipalityId, months],
    queryFn: () =>
      answerAs<MunicipalityUse>(
        api.GET('/municipalities/{municipalityId}/use', {
          params: { path: { municipalityId: municipalityId ?? '' }, query: { months } },
        }),
      ),
    enabled: municipalityId !== null,
    staleTime: 60_000,
    ...gentleRetry,
  });
}

/** `GET /metrics/initiatives?municipalityId=`: what the municipality funds and whom it reached. */
export function useInitiatives(municipalityId: string | null) {
  return useQuery({
    queryKey: ['analyst', 'initiatives', municipalityId],
    queryFn: () =>
      answerAs<InitiativeMetrics>(
        api.GET('/metrics/initiatives', {
          params: { query: { municipalityId: municipalityId ?? '' } },
        }),
      ),
    enabled: municipalityId !== null,
    staleTime: 60_000,
    ...gentleRetry,
  });
}

/** Pages of events per type read at most: 20 × 500 rows, far more than types × municipalities. */
const EVENT_PAGES = 20;

/** `GET /admin/event-types`, every page: the operator's whole installation, an admin's own. */
export function useEventTypes(enabled: boolean) {
  return useQuery({
    queryKey: ['analyst', 'event-types'],
    queryFn: async () => {
      const rows: EventTypeCount[] = [];
      let after: string | undefined;
      for (let page = 0; page < EVENT_PAGES; page++) {
        const answer = await answerAs<DocumentPage<EventTypeCount>>(
          api.GET('/admin/event-types', { params: { query: { limit: 500, after } } }),
        );
        rows.push(...answer.items.map((item) => item.document));
        if (!answer.nextCursor) break;
        after = answer.nextCursor;
      }
      return rows;
    },
    enabled,
    staleTime: 60_000,
    ...gentleRetry,
  });
}

export type DownloadFormat = 'csv' | 'json';
export type DownloadScope = 'table' | 'all';

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^\p{L}0-9]+/gu, '-')
    .replace(/^-|-$/g, '');

/** The file's name: what it holds, so a folder of downloads stays readable. */
export function downloadName(query: MetricQuery, scope: DownloadScope, format: DownloadFormat) {
  const parts = [
    'bti',
    scope === 'table' ? query.metricId : 'alle-maal',
    query.area === 'all' ? 'hele-programmet' : slug(query.areaId ?? query.area),
    query.period,
    ...(query.by !== 'none' ? [query.by] : []),
    ...(query.span !== 'all' ? [`${query.span}-mnd`] : []),
  ];
  return `${parts.join('_')}.${format}`;
}

/**
 * The API's own export of what is shown — the table (`GET /metrics/:id`) or every metric for the same
 * area and period (`GET /metrics/export`) — as CSV or JSON, saved as a file. Suppressed cells stay
 * as the API wrote them: an empty value and `suppressed: true`.
 */
export async function downloadMetrics(
  query: MetricQuery,
  scope: DownloadScope,
  format: DownloadFormat,
): Promise<void> {
  const params = { ...queryOf(query), format };
  const blob =
    scope === 'table'
      ? await answerAs<Blob>(
          api.GET('/metrics/{metricId}', {
            params: { path: { metricId: query.metricId }, query: params },
            parseAs: 'blob',
          }),
        )
      : await answerAs<Blob>(
          api.GET('/metrics/export', {
            params: { query: params },
            parseAs: 'blob',
          }),
        );
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = downloadName(query, scope, format);
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
