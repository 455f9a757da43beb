import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { APP_CONFIG, type AppConfig } from '@bti/config';
import { AccessGuard } from './access.guard';
import { DEV_AUDIENCE, DEV_ISSUER, DevIssuer } from './dev-issuer';
import { WriteRateLimitGuard, writeRateLimits } from './rate-limits';
import { STAFF_REGISTER, type StaffRegister } from './staff-register';
import { JoseTokenVerifier, TOKEN_VERIFIER } from './token-verifier';

export async function createTokenVerifier(config: AppConfig): Promise<JoseTokenVerifier> {
  if (config.oidc) return JoseTokenVerifier.forOidc(config.oidc);
  const issuer = await DevIssuer.open(config.devIssuerKeyPath, config.nodeEnv);
  return JoseTokenVerifier.forLocalKeys([issuer.publicJwk], DEV_ISSUER, DEV_AUDIENCE);
}

@Module({})
export class AccessModule {
  /** `staffRegister`: the context that keeps the register (the municipality's). */
  static forRoot(config: AppConfig, staffRegister: Type<StaffRegister>): DynamicModule {
    return {
      module: AccessModule,
      imports: [writeRateLimits(config)],
      providers: [
        { provide: TOKEN_VERIFIER, useFactory: () => createTokenVerifier(config) },
        { provide: STAFF_REGISTER, useClass: staffRegister },
        { provide: APP_CONFIG, useValue: config },
        // In this order: the write limit counts by the person the AccessGuard established.
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: WriteRateLimitGuard },
      ],
      exports: [TOKEN_VERIFIER],
    };
  }
}
