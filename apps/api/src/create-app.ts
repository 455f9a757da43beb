import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { withReadResponses } from './openapi/openapi-document';
import type { Logger } from 'pino';
import type { Clock } from '@bti/http';
import type { AppConfig } from '@bti/config';
import { AppModule } from './app.module';
import { createRootLogger, PinoNestLogger } from './platform/pino-logger';
import type { HelmetOptions } from 'helmet';
import { frameworkErrorHandlers } from './platform/framework-errors';
import { addSecurityHeaders, helmetHeaders } from './platform/security-headers';
import { acceptJsonBodiesOnly, createValidationPipe } from '@bti/http';

const BODY_LIMIT = 1024 * 1024;

/** Nest's own parsers would accept form posts; `configureApp` registers the JSON-only parser instead. */
export const APP_OPTIONS = { bodyParser: false } as const;

export function createHttpAdapter(config?: Pick<AppConfig, 'trustProxy'>): FastifyAdapter {
  const trustProxy = config?.trustProxy ?? false;
  return new FastifyAdapter({
    logger: false,
    bodyLimit: BODY_LIMIT,
    trustProxy: typeof trustProxy === 'boolean' ? trustProxy : [...trustProxy],
    ...frameworkErrorHandlers(helmetHeaders(SECURITY_HEADERS)),
  });
}

/**
 * Security headers for an API that serves JSON, its OpenAPI page and (with the web issue) a
 * single-page app from its own origin: scripts, styles and connections from that origin only, no
 * framing, no referrer leaving the site, HSTS for a year.
 */
const SECURITY_HEADERS: HelmetOptions = {
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // The OpenAPI page styles some elements inline.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
    },
  },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
};

function registerSecurityHeaders(app: NestFastifyApplication): void {
  addSecurityHeaders(app.getHttpAdapter().getInstance(), SECURITY_HEADERS);
}

/** Everything an app needs besides its modules; shared by `createApp` and tests that add routes. */
export async function configureApp(
  app: NestFastifyApplication,
  logger: Logger,
  config: Pick<AppConfig, 'corsOrigins'>,
): Promise<void> {
  app.useGlobalPipes(createValidationPipe());
  app.enableShutdownHooks();
  registerSecurityHeaders(app);
  // Browsers on other origins only where configured; the web app is served from this origin.
  app.enableCors({
    origin: config.corsOrigins.length > 0 ? [...config.corsOrigins] : false,
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['Authorization', 'Content-Type', 'If-Match'],
    exposedHeaders: ['ETag', 'Location', 'Retry-After'],
    maxAge: 600,
  });
  const fastify = app.getHttpAdapter().getInstance();
  // What a signed-in person is answered is theirs (a child's log, a consent form, minutes): no browser,
  // shared computer's cache or proxy keeps a copy. The web app's own files carry no sign-in.
  fastify.addHook('onRequest', (request, reply, done) => {
    if (request.headers.authorization !== undefined)
      reply.raw.setHeader('cache-control', 'no-store');
    done();
  });
  acceptJsonBodiesOnly(fastify, BODY_LIMIT);
  // One line per request: the route pattern (never the concrete URL or query), status and time.
  fastify.addHook('onResponse', (request, reply, done) => {
    logger.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
      },
      'request',
    );
    done();
  });
  const document = withReadResponses(
    SwaggerModule.createDocument(
      app,
      new DocumentBuilder()
        .setTitle('BTI case coordination')
        .setDescription(
          'Event-sourced coordination of help for children, young people and families (Bedre Tverrfaglig Innsats).',
        )
        .setVersion('0.1.0')
        .addBearerAuth()
        .build(),
    ),
  );
  SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs/openapi.json' });
}

export async function createApp(
  config: AppConfig,
  logger: Logger = createRootLogger(config.logLevel),
  clock?: Clock,
) {
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.forRoot(config, logger, clock),
    createHttpAdapter(config),
    { ...APP_OPTIONS, logger: new PinoNestLogger(logger) },
  );
  await configureApp(app, logger, config);
  await app.init();
  return app;
}
