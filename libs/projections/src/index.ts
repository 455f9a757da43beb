import { accessLogProjection } from '@bti/access-log';
import { arenasProjection } from '@bti/arenas';
import { concernProjection } from '@bti/concerns';
import { discussionsProjection } from '@bti/discussions';
import { familyMemberNamesProjection, familyProjection } from '@bti/families';
import { meetingsProjection } from '@bti/meetings';
import { metricFactsProjection } from '@bti/metrics';
import { timelineProjection, worklistProjection } from '@bti/overview';
import { municipalityProjection } from '@bti/municipality';
import { programmeProjection } from '@bti/programme';
import type { Projection } from '@bti/read-models';
import { stafettloggProjection } from '@bti/stafettlogg';
import { eventTypeStatisticsProjection } from './event-type-statistics.projection';

export * from './event-type-statistics.projection';

/** Every projection the API keeps up to date; the CLI rebuilds from the same list. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  eventTypeStatisticsProjection,
  municipalityProjection,
  familyProjection,
  familyMemberNamesProjection,
  concernProjection,
  stafettloggProjection,
  meetingsProjection,
  arenasProjection,
  discussionsProjection,
  programmeProjection,
  timelineProjection,
  worklistProjection,
  metricFactsProjection,
  accessLogProjection,
];
