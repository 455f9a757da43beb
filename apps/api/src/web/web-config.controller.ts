import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public, SignInUnavailable } from '@bti/access';
import { APP_CONFIG, type AppConfig } from '@bti/config';
import { OidcEndpointsCache } from './oidc-endpoints';
import { WebConfigDto } from './web.dto';
import { WEB_SETTINGS } from './web.tokens';
import type { WebSettings } from './web-settings';

@ApiTags('web')
@Controller('web-config')
export class WebConfigController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WEB_SETTINGS) private readonly settings: WebSettings,
    @Inject(OidcEndpointsCache) private readonly endpoints: OidcEndpointsCache | null,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary:
      'How the web app signs people in: the OpenID Connect provider and the web app’s client id (authorization code with PKCE), and whether the demo-person sign-in is there (development only)',
  })
  @ApiOkResponse({ type: WebConfigDto })
  async webConfig(): Promise<WebConfigDto> {
    const { oidc } = this.config;
    if (!oidc || !this.settings.oidcClientId || !this.endpoints)
      return { oidc: null, devSignIn: this.settings.devSignIn };
    try {
      const found = await this.endpoints.endpoints();
      return {
        oidc: {
          issuer: oidc.issuer,
          clientId: this.settings.oidcClientId,
          audience: oidc.audience,
          scope: this.settings.oidcScope,
          ...found,
        },
        devSignIn: false,
      };
    } catch (error) {
      if (!(error instanceof SignInUnavailable)) throw error;
      throw new ServiceUnavailableException({
        code: 'SIGN_IN_UNAVAILABLE',
        message: 'The sign-in provider cannot be reached right now; try again shortly',
      });
    }
  }
}
