import 'reflect-metadata';
import { ConfigError, loadConfig } from '@bti/config';
import { createApp } from './create-app';
import { createRootLogger } from './platform/pino-logger';
import { loadWebSettings } from './web/web-settings';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
    loadWebSettings(config);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const logger = createRootLogger(config.logLevel);
  const app = await createApp(config, logger);
  await app.listen(config.port, config.host);
  logger.info(
    {
      url: await app.getUrl(),
      eventStore: config.eventStore,
      signIn: config.oidc ? 'oidc' : 'development issuer',
    },
    'BTI coordination service listening; OpenAPI at /docs',
  );
}

main().catch((error: unknown) => {
  const err = error instanceof Error ? error : new Error(String(error));
  process.stderr.write(
    `${JSON.stringify({ level: 60, msg: 'failed to start', errorName: err.name, error: err.message })}\n`,
  );
  process.exit(1);
});
