import { Module, type DynamicModule } from '@nestjs/common';
import type { AppConfig } from '@bti/config';
import { DemoPeople } from './demo-people';
import { DevSignInController } from './dev-sign-in.controller';
import { OidcEndpointsCache } from './oidc-endpoints';
import { WebAppServer } from './web-app.server';
import { WebConfigController } from './web-config.controller';
import { WEB_SETTINGS } from './web.tokens';
import { loadWebSettings, type WebSettings } from './web-settings';

/**
 * The web app's side of the API: its built files on this origin, how it signs in (`GET /web-config`),
 * and — in development and tests only — signing in as a demo person (`/dev/people`, `/dev/sign-in`).
 */
@Module({})
export class WebModule {
  static forRoot(
    config: AppConfig,
    settings: WebSettings = loadWebSettings(config),
  ): DynamicModule {
    return {
      module: WebModule,
      controllers: [WebConfigController, ...(settings.devSignIn ? [DevSignInController] : [])],
      providers: [
        { provide: WEB_SETTINGS, useValue: settings },
        {
          provide: OidcEndpointsCache,
          useFactory: () => (config.oidc ? new OidcEndpointsCache(config.oidc.issuer) : null),
        },
        WebAppServer,
        ...(settings.devSignIn ? [DemoPeople] : []),
      ],
    };
  }
}
