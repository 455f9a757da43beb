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

/** The issuer's keys could not be fetched: not the caller's fault, so not a 401. */
export class SignInUnavailable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SignInUnavailable';
  }
}

/** How far a token's times may be off our clock (expiry, not-before). */
export const CLOCK_SKEW_SECONDS = 30;

export interface OidcVerifierOptions {
  readonly issuer: string;
  readonly audience: string;
  /** null: read `jwks_uri` from the issuer's discovery document. */
  readonly jwksUrl: string | null;
  /** The shortest time between two fetches of the key set when a token names an unknown key. */
  readonly refetchCooldownMs?: number;
  readonly fetchTimeoutMs?: number;
}

/**
 * OpenID Connect discovery: the issuer's `/.well-known/openid-configuration`, whose `issuer` must be
 * exactly the configured one (OIDC Discovery 1.0 §4.3) and whose `jwks_uri` says where its keys are.
 */
export async function discoverJwksUrl(issuer: string, timeoutMs = 5000): Promise<string> {
  const address = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let document: { issuer?: unknown; jwks_uri?: unknown };
  try {
    const response = await fetch(address, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    document = (await response.json()) as typeof document;
  } catch (error) {
    throw new SignInUnavailable(
      `OIDC discovery at ${address} failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (document.issuer !== issuer)
    throw new SignInUnavailable(
      `OIDC discovery at ${address} names another issuer (${String(document.issuer)})`,
    );
  if (typeof document.jwks_uri !== 'string')
    throw new SignInUnavailable(`OIDC discovery at ${address} has no jwks_uri`);
  return document.jwks_uri;
}

/** What a refused token is told: enough to fix the client, nothing about our keys. */
function refusal(error: unknown): InvalidToken | SignInUnavailable | null {
  if (error instanceof joseErrors.JWTExpired) return new InvalidToken('token has expired');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new InvalidToken('token is from another issuer');
    if (error.claim === 'aud') return new InvalidToken('token is for another audience');
    if (error.claim === 'nbf') return new InvalidToken('token is not valid yet');
    if (error.reason === 'missing') return new InvalidToken(`token has no ${error.claim} claim`);
    return new InvalidToken(`token claim ${error.claim} is invalid`);
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey)
    return new InvalidToken('token is signed with a key the issuer does not publish');
  if (error instanceof joseErrors.JWSSignatureVerificationFailed)
    return new InvalidToken('token signature is invalid');
  if (error instanceof joseErrors.JOSEAlgNotAllowed)
    return new InvalidToken('token is signed with an algorithm that is not accepted');
  // A key set answered with an error status or not as JSON: jose's generic error, from the fetch.
  if (
    error instanceof joseErrors.JWKSTimeout ||
    error instanceof joseErrors.JWKSInvalid ||
    (error instanceof joseErrors.JOSEError && error.code === 'ERR_JOSE_GENERIC')
  )
    return new SignInUnavailable('the issuer’s keys could not be fetched');
  if (error instanceof joseErrors.JOSEError)
    return new InvalidToken(`token rejected (${error.code})`);
  // The key set could not be fetched at all: connection refused, DNS, reset (Node's system errors).
  const code =
    typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && /^E[A-Z]+$/.test(code))
    return new SignInUnavailable('the issuer’s keys could not be fetched');
  return null;
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

  /**
   * Keys from the issuer's JWKS (found by discovery unless configured), cached; a token naming a key
   * id the cache does not have makes one refetch (at most once per cooldown), so a rotated key is
   * picked up at once and a key the issuer does not publish is refused.
   */
  static async forOidc(options: OidcVerifierOptions): Promise<JoseTokenVerifier> {
    const jwksUrl = options.jwksUrl ?? (await discoverJwksUrl(options.issuer));
    const keys = createRemoteJWKSet(new URL(jwksUrl), {
      cooldownDuration: options.refetchCooldownMs ?? 30_000,
      timeoutDuration: options.fetchTimeoutMs ?? 5000,
    });
    return new JoseTokenVerifier(keys, options.issuer, options.audience);
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
        clockTolerance: CLOCK_SKEW_SECONDS,
        requiredClaims: ['exp', 'sub'],
        currentDate: new Date(now),
      });
      const actor = actorFromClaims(payload);
      const expires = payload.exp !== undefined ? payload.exp * 1000 : now;
      this.remember(token, actor, Math.min(expires, now + VERIFIED_FOR_MS));
      return actor;
    } catch (error) {
      if (error instanceof InvalidToken) throw error;
      throw refusal(error) ?? error;
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
