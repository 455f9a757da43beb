import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@bti/config';
import { createApp } from '../create-app';

/** Where the web app keeps the types generated from the API's OpenAPI description. */
export const API_TYPES_PATH = 'apps/web/src/shared/api/openapi.d.ts';

const HEADER = `/**
 * Generated from the API's OpenAPI description by \`npm run web:api-types\`; do not edit.
 * test/web/api-types.e2e-spec.ts fails when this file is older than the API.
 */
`;

/**
 * The OpenAPI description exactly as the app serves it at /docs/openapi.json, from an app started on
 * an empty temporary folder (no server, no port): the same document a client would download.
 */
export async function openApiDocument(): Promise<unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'bti-openapi-'));
  try {
    const config = loadConfig({
      DATA_DIR: dir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'silent',
      DEMO_SEED: 'false',
      RUN_SAGAS: 'false',
    });
    const app = await createApp(config);
    try {
      const response = await app
        .getHttpAdapter()
        .getInstance()
        .inject({ method: 'GET', url: '/docs/openapi.json' });
      return JSON.parse(response.body) as unknown;
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The TypeScript types openapi-typescript makes of the document, with the header above. */
export function apiTypesOf(document: unknown, repositoryRoot = process.cwd()): string {
  const dir = mkdtempSync(join(tmpdir(), 'bti-api-types-'));
  try {
    const input = join(dir, 'openapi.json');
    const output = join(dir, 'openapi.d.ts');
    writeFileSync(input, JSON.stringify(document, null, 2));
    execFileSync(
      process.execPath,
      [
        resolve(repositoryRoot, 'node_modules/openapi-typescript/bin/cli.js'),
        input,
        '--output',
        output,
        '--alphabetize',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    return HEADER + readFileSync(output, 'utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run web:api-types`: writes the web app's API types from the API as it is built now. */
async function main(): Promise<void> {
  const types = apiTypesOf(await openApiDocument());
  writeFileSync(resolve(process.cwd(), API_TYPES_PATH), types);
  process.stdout.write(`wrote ${API_TYPES_PATH}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  });
}
