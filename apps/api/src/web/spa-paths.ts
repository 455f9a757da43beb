/**
 * The first path segments that belong to the web app: the API answers these with the app's page (the
 * app's router takes it from there) and every other unknown path with its JSON 404, so a client route
 * never hides an API route. The web app's own list is `apps/web/src/shared/paths.ts`;
 * test/web/spa-paths.spec.ts keeps the two equal.
 */
export const WEB_APP_SECTIONS = [
  'logg-inn',
  'foresatt',
  'ansatt',
  'koordinator',
  'analyse',
] as const;
