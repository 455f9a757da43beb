import type { AdminController } from '../../apps/api/src/admin/admin.controller';
import type { MetricsQueriesController } from '../../libs/metrics/src/metrics-queries.controller';
import type { DocumentPage } from '../../apps/web/src/shared/api/reads';
import type {
  MetricsReader,
  MetricTable as ServerMetricTable,
  MunicipalityUse as ServerMunicipalityUse,
  AreaLevel as ServerAreaLevel,
  Breakdown as ServerBreakdown,
  PeriodLevel as ServerPeriodLevel,
} from '@bti/metrics';
import type {
  Breakdown,
  EventTypeCount,
  InitiativeMetrics,
  MetricCatalogue,
  MetricTable,
  MunicipalityUse,
  PeriodLevel,
  AreaLevel,
} from '../../apps/web/src/personas/analyst/reads';

/**
 * The analyst persona declares the answers of the reads it uses (apps/web/src/personas/analyst/reads.ts).
 * Each must be something the server's own type satisfies: when the server drops or changes a field
 * the pages read, `npm run typecheck` fails on this file.
 */
type Fits<Server, Web> = [Server] extends [Web] ? true : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const fits: {
  catalogue: Fits<ReturnType<MetricsReader['catalogue']>, MetricCatalogue>;
  table: Fits<ServerMetricTable, MetricTable>;
  use: Fits<ServerMunicipalityUse, MunicipalityUse>;
  initiatives: Fits<
    Awaited<ReturnType<MetricsQueriesController['initiatives']>>,
    InitiativeMetrics
  >;
  areaLevels: Same<ServerAreaLevel, AreaLevel>;
  periods: Same<ServerPeriodLevel, PeriodLevel>;
  breakdowns: Same<ServerBreakdown, Breakdown>;
  eventTypes: Fits<
    Awaited<ReturnType<AdminController['eventTypes']>>,
    DocumentPage<EventTypeCount>
  >;
} = {
  catalogue: true,
  table: true,
  use: true,
  initiatives: true,
  areaLevels: true,
  periods: true,
  breakdowns: true,
  eventTypes: true,
};

describe('the analyst persona’s read types', () => {
  it('are satisfied by the server’s own types (checked by the type check)', () => {
    expect(Object.values(fits).every(Boolean)).toBe(true);
  });
});
