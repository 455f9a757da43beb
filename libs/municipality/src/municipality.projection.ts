import { municipalityDecider } from '@bti/domain';
import { streamStateProjection } from '@bti/read-models';

export const MUNICIPALITIES = 'municipalities';

export const municipalityProjection = streamStateProjection({
  name: 'municipalities',
  version: 2,
  collection: MUNICIPALITIES,
  streamPrefix: 'municipality',
  decider: municipalityDecider,
});
