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

/** How long a verified token is trusted without checking its signature again. */
const VERIFIED_FOR_MS = 60_000;
const MAX_VERIFIED = 10_000;

/**
 * Verifies bearer JWTs (signature, issuer, audience, expiry) against a JWKS. A token verified once is
 * remembered for a minute (never past its expiry), so a client's next requests skip the signature
 * check that would otherwise cost more than the command they carry.
 */
export class JoseTokenVerifier implements TokenVerifier {
  private readonly verified = new Map<string, { actor: Actor; until: number }>();

  private constructor(
    private readonly keys: KeySource,
    private readonly issuer: string,
    private readonly audience: string,
    private readonly now: () => number = Date.now,
  ) {}

  static forOidc(issuer: string, audience: string, jwksUrl: string): JoseTokenVerifier {
    return new JoseTokenVerifier(createRemoteJWKSet(new URL(jwksUrl)), issuer, audience);
  }

  static forLocalKeys(
    keys: JWK[],
    issuer: string,
    audience: string,
    now?: () => number,
  ): JoseTokenVerifier {
    return new JoseTokenVerifier(createLocalJWKSet({ keys }), issuer, audience, now);
  }

  async verify(token: string): Promise<Actor> {
    const now = this.now();
    const remembered = this.verified.get(token);
    if (remembered && remembered.until > now) return remembered.actor;
    if (remembered) this.verified.delete(token);
    try {
      const { payload } = await jwtVerify(token, this.keys, {
        issuer: this.issuer,
        audience: this.audience,
        algorithms: ['ES256', 'RS256', 'PS256', 'EdDSA'],
        clockTolerance: 30,
        currentDate: new Date(now),
      });
      const actor = actorFromClaims(payload);
      const expires = payload.exp !== undefined ? payload.exp * 1000 : now;
      this.remember(token, actor, Math.min(expires, now + VERIFIED_FOR_MS));
      return actor;
    } catch (error) {
      if (error instanceof InvalidToken) throw error;
      if (error instanceof joseErrors.JWTExpired) throw new InvalidToken('token has expired');
      if (error instanceof joseErrors.JOSEError)
        throw new InvalidToken(`token rejected (${error.code})`);
      throw error;
    }
  }

  private remember(token: string, actor: Actor, until: number): void {
    if (until <= this.now()) return;
    if (this.verified.size >= MAX_VERIFIED) {
      const oldest = this.verified.keys().next().value;
      if (oldest !== undefined) this.verified.delete(oldest);
    }
    this.verified.set(token, { actor, until });
  }
}
