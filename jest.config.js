/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  roots: ['<rootDir>/libs', '<rootDir>/apps', '<rootDir>/test'],
  testRegex: '.*\\.(spec|e2e-spec)\\.ts$',
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  moduleNameMapper: {
    '^@bti/event-store/testing$': '<rootDir>/libs/event-store/src/testing',
    '^@bti/domain/testing$': '<rootDir>/libs/domain/src/testing/stafettlogg-fixtures',
    '^@bti/domain/testing/meeting$': '<rootDir>/libs/domain/src/testing/meeting-fixtures',
    '^@bti/read-models/testing$': '<rootDir>/libs/read-models/src/testing/projection-spec',
    '^@bti/read-models/heap-release$': '<rootDir>/libs/read-models/src/heap-release',
    '^@bti/([a-z-]+)$': '<rootDir>/libs/$1/src',
  },
  testEnvironment: 'node',
  testTimeout: 60000,
};
