import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  UnprocessableEntityException,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { DevIssuer, Public } from '@bti/access';
import { APP_CONFIG, type AppConfig } from '@bti/config';
import { DemoPeople } from './demo-people';
import { DemoPeopleDto, DevSessionDto, DevSignInDto } from './web.dto';
import { WEB_SETTINGS } from './web.tokens';
import type { WebSettings } from './web-settings';

const TOKEN_SECONDS = 8 * 3600;

/**
 * Signing in as a demo person during development and tests: the web app's stand-in for the identity
 * provider. The module registers this controller only when the development issuer is the one the API
 * trusts (no OIDC, not production); each request checks again, and the issuer itself refuses
 * production.
 */
@ApiTags('web')
@Controller('dev')
export class DevSignInController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(WEB_SETTINGS) private readonly settings: WebSettings,
    @Inject(DemoPeople) private readonly people: DemoPeople,
  ) {}

  private assertAvailable(): void {
    if (!this.settings.devSignIn || this.config.nodeEnv === 'production' || this.config.oidc)
      throw new NotFoundException();
  }

  @Get('people')
  @Public()
  @ApiOperation({
    summary:
      'Development only: the people of the seeded municipalities to sign in as (404 in production and with OIDC)',
  })
  @ApiOkResponse({ type: DemoPeopleDto })
  demoPeople(): DemoPeopleDto {
    this.assertAvailable();
    return { municipalities: this.people.municipalities() };
  }

  @Post('sign-in')
  @Public()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'Development only: a token for a demo person in the role they have (404 in production and with OIDC)',
  })
  @ApiCreatedResponse({ type: DevSessionDto })
  @ApiNotFoundResponse({ description: 'DEMO_PERSON_NOT_FOUND: no demo person has this subject' })
  @ApiUnprocessableEntityResponse({
    description: 'DEMO_ROLE_MISMATCH: the person does not have this role',
  })
  async signIn(@Body() body: DevSignInDto): Promise<DevSessionDto> {
    this.assertAvailable();
    const candidates = this.people.find(body.subject);
    if (candidates.length === 0)
      throw new NotFoundException({
        code: 'DEMO_PERSON_NOT_FOUND',
        message: `No demo person signs in as ${body.subject}`,
      });
    const person = candidates.find((candidate) => candidate.role === body.role);
    if (!person)
      throw new UnprocessableEntityException({
        code: 'DEMO_ROLE_MISMATCH',
        message: `${body.subject} signs in as ${[...new Set(candidates.map((c) => c.role))].join(' or ')}, not ${body.role}`,
        roles: [...new Set(candidates.map((c) => c.role))],
      });
    const issuer = await DevIssuer.open(this.config.devIssuerKeyPath, this.config.nodeEnv);
    const token = await issuer.issue({
      subject: person.subject,
      role: person.role,
      municipalityId: person.municipalityId ?? undefined,
      serviceId: person.serviceId ?? undefined,
      ttlSeconds: TOKEN_SECONDS,
    });
    return {
      token,
      expiresAt: new Date(Date.now() + TOKEN_SECONDS * 1000).toISOString(),
      person,
    };
  }
}
