import type { DocumentProjection } from '@bti/read-models';
import { eventTypeStatisticsProjection } from './admin/event-type-statistics.projection';

/** Every projection the API keeps up to date; the CLI rebuilds from the same list. */
export const ALL_PROJECTIONS: readonly DocumentProjection[] = [eventTypeStatisticsProjection];
