import type { InformationCategory } from '../reads';

/** Every kind of information a consent can cover, in the API's order. */
export const CATEGORIES: readonly InformationCategory[] = [
  'school_situation',
  'kindergarten_situation',
  'health',
  'development_and_learning',
  'family_situation',
  'child_welfare',
  'leisure',
  'economy_and_housing',
];
