import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors as joseErrors,
  jwtVerify,
  type JWK,
  type JWTPayload,
} from 'jose';
import { isRole, type Actor } from '@bti/domain';

export class InvalidToken extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InvalidToken';
  }
}

export interface TokenVerifier {
  verify(token: string): Promise<Actor>;
}

export const TOKEN_VERIFIER = Symbol('TOKEN_VERIFIER');

type KeySource = ReturnType<typeof createLocalJWKSet> | ReturnType<typeof createRemoteJWKSet>;

const stringClaim = (payload: JWTPayload, name: string): string | null => {
  const value = payload[name];
  return typeof value === 'string' && value.length > 0 ? value : null;
};

/** The claims this service reads: `sub`, `role`, and for staff `municipality_id` and `service_id`. */
export function actorFromClaims(payload: JWTPayload): Actor {
  if (!payload.sub) throw new InvalidToken('token has no subject');
  const role = payload.role;
  if (!isRole(role)) throw new InvalidToken('token has no known role');
  return {
    subject: payload.sub,
    role,
    municipalityId: stringClaim(payload, 'municipality_id'),
    serviceId: stringClaim(payload, 'service_id'),
  };
}

/** Verifies bearer JWTs (signature, issuer, audience, expiry) against a JWKS. */
export class JoseTokenVerifier implements TokenVerifier {
  private constructor(
    private readonly keys: KeySource,
    private readonly issuer: string,
    private readonly audience: string,
  ) {}

  static forOidc(issuer: string, audience: string, jwksUrl: string): JoseTokenVerifier {
    return new JoseTokenVerifier(createRemoteJWKSet(new URL(jwksUrl)), issuer, audience);
  }

  static forLocalKeys(keys: JWK[], issuer: string, audience: string): JoseTokenVerifier {
    return new JoseTokenVerifier(createLocalJWKSet({ keys }), issuer, audience);
  }

  async verify(token: string): Promise<Actor> {
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.issuer,
        audience: this.audience,
        algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
        clockTolerance: 30,
      });
      return actorFromClaims(payload);
    } catch (error) {
      if (error instanceof InvalidToken) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new InvalidToken('token has expired');
      if (error instanceof joseErrors.JOSEError)
        throw new InvalidToken(`token rejected (${error.code})`);
      throw error;
    }
  }
}
