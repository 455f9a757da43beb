/**
 * The layers, enforced: the build fails when an import crosses one of these lines. Kept apart from
 * eslint.config.mjs so that test/architecture can feed the linter a forbidden import and see it fail.
 */
const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'http',
  'https',
  'net',
  'child_process',
  'crypto',
  'worker_threads',
];
const CONTEXTS = [
  'municipality',
  'families',
  'concerns',
  'stafettlogg',
  'consent',
  'meetings',
  'arenas',
  'discussions',
  'programme',
  'overview',
  'metrics',
  'access-log',
];
/**
 * Which other context a context may import: consent sends its commands to the stafettlogg's handler,
 * and the meetings' decision saga sends the decisions it carries into the log there. The overview
 * (timeline, start pages, worklists) reads across the case contexts' read models and asks the one
 * policy about each item; metrics read nothing but events.
 */
const ALLOWED_CONTEXT_IMPORTS = {
  consent: ['stafettlogg', 'municipality'],
  meetings: ['stafettlogg'],
  overview: [
    'stafettlogg',
    'meetings',
    'families',
    'concerns',
    'arenas',
    'municipality',
    'access-log',
  ],
};

const READ_SIDE_FILES = [
  'libs/read-models/**/*.ts',
  'libs/projections/**/*.ts',
  'libs/*/src/**/*.read-model.ts',
  'libs/*/src/**/*.projection.ts',
  'libs/*/src/**/*-queries.controller.ts',
  'libs/*/src/**/*-reader.ts',
  'libs/*/src/**/*.view.ts',
];
const WRITE_SIDE_FILES = [
  'libs/command-handling/**/*.ts',
  'libs/*/src/**/*.slice.ts',
  'libs/*/src/**/*.routes.ts',
];
const SPECS = ['**/*.spec.ts', '**/*.e2e-spec.ts'];

/**
 * Flat config replaces a rule's options when two objects match one file, so the two kinds of line a
 * context file can cross use two rules: layers (`@typescript-eslint/no-restricted-imports`) and
 * contexts (`no-restricted-imports`).
 */
const restrict = (
  files,
  patterns,
  ignores = SPECS,
  rule = '@typescript-eslint/no-restricted-imports',
) => ({
  files,
  ignores,
  rules: { [rule]: ['error', { patterns }] },
});

module.exports = [
  restrict(
    ['libs/domain/**/*.ts'],
    [
      {
        group: [
          '@nestjs/*',
          'better-sqlite3',
          '@eventstore/*',
          'fastify',
          'jose',
          'pino',
          'rxjs',
          ...NODE_BUILTINS,
        ],
        message: 'libs/domain is pure: no Nest, no I/O, no clock (see docs/architecture.md)',
      },
      { group: ['@bti/*'], message: 'libs/domain depends on no other library' },
    ],
    [],
  ),
  restrict(
    ['libs/event-store/**/*.ts'],
    [
      {
        group: ['@bti/*', '!@bti/config'],
        message: 'libs/event-store knows no domain: its types are its own',
      },
    ],
  ),
  restrict(
    ['libs/demo/**/*.ts'],
    [
      {
        group: ['@bti/*', '!@bti/domain', '!@bti/event-store'],
        message: 'the demo generator writes domain events to the store and knows nothing else',
      },
    ],
  ),
  restrict(
    ['apps/api/**/*.ts'],
    [{ group: ['**/apps/cli/**', '**/cli/src/**'], message: 'an app does not import another app' }],
  ),
  restrict(
    ['apps/cli/**/*.ts'],
    [
      {
        group: ['**/apps/api/**', '**/api/src/**'],
        message: 'an app does not import another app; share through a library',
      },
    ],
  ),
  restrict(READ_SIDE_FILES, [
    {
      group: ['@bti/command-handling', '**/*.slice', '**/*.routes'],
      message: 'the read side does not import the write side',
    },
  ]),
  restrict(WRITE_SIDE_FILES, [
    {
      group: [
        '@bti/read-models',
        '@bti/projections',
        '**/*.read-model',
        '**/*.projection',
        '**/*-queries.controller',
        '**/*-reader',
        '**/*.view',
      ],
      message: 'the write side does not import the read side',
    },
  ]),
  ...CONTEXTS.map((context) =>
    restrict(
      [`libs/${context}/**/*.ts`],
      [
        {
          group: CONTEXTS.filter(
            (other) =>
              other !== context && !(ALLOWED_CONTEXT_IMPORTS[context] ?? []).includes(other),
          ).map((other) => `@bti/${other}`),
          message: 'a context does not reach into another context (its tables, its handlers)',
        },
      ],
      SPECS,
      'no-restricted-imports',
    ),
  ),
];
