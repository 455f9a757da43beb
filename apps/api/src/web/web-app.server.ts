import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { webAppContentSecurityPolicy } from './content-security-policy';
import { OidcEndpointsCache } from './oidc-endpoints';
import { WEB_APP_SECTIONS } from './spa-paths';
import { WEB_SETTINGS } from './web.tokens';
import type { WebSettings } from './web-settings';

/**
 * Serves the built web app from the API's own origin: its hashed assets under /assets/ (cached for
 * a year, they never change), and its page at / and under each of the app's sections, where the app's
 * router takes over. Nothing else: an unknown path answers the API's JSON 404, so the app never hides
 * an API route or its errors.
 */
@Injectable()
export class WebAppServer implements OnModuleInit {
  private readonly logger = new Logger(WebAppServer.name);

  constructor(
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(WEB_SETTINGS) private readonly settings: WebSettings,
    @Inject(OidcEndpointsCache) private readonly oidc: OidcEndpointsCache | null,
  ) {}

  onModuleInit(): void {
    const root = this.settings.webRoot;
    const indexPath = join(root, 'index.html');
    if (!existsSync(indexPath)) {
      this.logger.warn({ root }, 'the web app is not built (npm run build); serving the API only');
      return;
    }
    const page = readFileSync(indexPath);
    const fastify = this.adapterHost.httpAdapter.getInstance<FastifyInstance>();
    void fastify.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/assets/',
      decorateReply: false,
      index: false,
      immutable: true,
      maxAge: '365d',
    });
    const favicon = join(root, 'favicon.svg');
    if (existsSync(favicon)) {
      const icon = readFileSync(favicon);
      fastify.get('/favicon.svg', (_request, reply) =>
        reply.header('cache-control', 'public, max-age=86400').type('image/svg+xml').send(icon),
      );
    }
    const sendPage = async (reply: FastifyReply) => {
      // The sign-in provider's token endpoint, once known, is the one other place the page may call.
      const endpoints = this.oidc ? await this.oidc.endpoints().catch(() => null) : null;
      const origins = endpoints ? [new URL(endpoints.tokenEndpoint).origin] : [];
      return reply
        .header('content-security-policy', webAppContentSecurityPolicy(origins))
        .header('cache-control', 'no-cache')
        .type('text/html; charset=utf-8')
        .send(page);
    };
    fastify.get('/', (_request, reply) => sendPage(reply));
    for (const section of WEB_APP_SECTIONS) {
      fastify.get(`/${section}`, (_request, reply) => sendPage(reply));
      fastify.get(`/${section}/*`, (_request, reply) => sendPage(reply));
    }
  }
}
