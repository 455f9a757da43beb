import { familyDecider } from '@bti/domain';
import { streamStateProjection } from '@bti/read-models';

export const FAMILIES = 'families';

export const familyProjection = streamStateProjection({
  name: 'families',
  version: 2,
  collection: FAMILIES,
  streamPrefix: 'family',
  decider: familyDecider,
});
