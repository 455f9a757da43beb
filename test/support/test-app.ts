import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DevIssuer, type DevTokenClaims } from '@bti/access';
import type { Clock } from '@bti/http';
import { loadConfig, type AppConfig } from '@bti/config';
import {
  EVENT_STORE,
  POSITION_TOKENS,
  type EventStore,
  type PositionTokens,
} from '@bti/event-store';
import { createApp } from '../../apps/api/src/create-app';
import type { ApiTarget } from './api-client';

/** The sign-in subject the test installation configures as its operator. */
export const OPERATOR = 'ops';

export interface TestApp extends ApiTarget {
  readonly app: NestFastifyApplication;
  readonly config: AppConfig;
  readonly dir: string;
  token(claims: DevTokenClaims): Promise<string>;
  /** The log position a command's answer (or an item's id) stands for, as the app seals them. */
  positionOf(token: unknown): bigint;
  /** A position as the app gives it to readers (`minPosition`), and the log's head so given. */
  seal(position: bigint): string;
  sealedHead(): Promise<string>;
  close(): Promise<void>;
}

/**
 * The real app over a real SQLite file in a fresh temp folder (or in `dir`, to start again on what an
 * earlier app left), signed in through the dev issuer.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  clock?: Clock,
  dir = mkdtempSync(join(tmpdir(), 'bti-api-')),
): Promise<TestApp> {
  const config = loadConfig({
    DATA_DIR: dir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    OPERATOR_SUBJECTS: OPERATOR,
    // The projection thread costs a second and a half to start from the TypeScript sources: the apps
    // in this process apply batches on their own thread unless a test asks for it (the built API,
    // spawned by other tests, runs it as in production).
    PROJECTION_THREAD: 'false',
    ...env,
  });
  const app = await createApp(config, undefined, clock);
  await app.getHttpAdapter().getInstance().ready();
  const issuer = await DevIssuer.open(config.devIssuerKeyPath, config.nodeEnv);
  return {
    app,
    config,
    dir,
    server: () => app.getHttpServer(),
    token: (claims) => issuer.issue(claims),
    positionOf: (token) => {
      const position = app.get<PositionTokens>(POSITION_TOKENS).open(String(token));
      if (position === null) throw new Error(`${String(token)} is not a position of this app`);
      return position;
    },
    seal: (position) => app.get<PositionTokens>(POSITION_TOKENS).seal(position),
    sealedHead: async () =>
      app
        .get<PositionTokens>(POSITION_TOKENS)
        .seal(await app.get<EventStore>(EVENT_STORE).headPosition()),
    close: async () => {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
