import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type KeyLike } from 'jose';
import type { Role } from '@bti/domain';

export const DEV_ISSUER = 'urn:bti:dev-issuer';
export const DEV_AUDIENCE = 'bti-api';

interface StoredKey {
  readonly kid: string;
  readonly privateJwk: JWK;
  readonly publicJwk: JWK;
}

export interface DevTokenClaims {
  readonly subject: string;
  readonly role: Role;
  readonly municipalityId?: string;
  readonly serviceId?: string;
  /** Lifetime in seconds (default 8 hours, one working day). */
  readonly ttlSeconds?: number;
}

/**
 * A local token issuer for development and tests: an ES256 key made on this machine and kept in the
 * data folder, so the API and `npm run token` agree without any identity provider. Production refuses
 * it; there the municipality's OIDC provider and ID-porten issue the tokens.
 */
export class DevIssuer {
  private constructor(
    private readonly kid: string,
    private readonly privateKey: KeyLike | Uint8Array,
    readonly publicJwk: JWK,
  ) {}

  static async open(keyPath: string, nodeEnv: string): Promise<DevIssuer> {
    if (nodeEnv === 'production') {
      throw new Error('The development token issuer is refused when NODE_ENV=production');
    }
    const stored = await DevIssuer.loadOrCreate(keyPath);
    const privateKey = await importJWK(stored.privateJwk, 'ES256');
    return new DevIssuer(stored.kid, privateKey, {
      ...stored.publicJwk,
      kid: stored.kid,
      alg: 'ES256',
      use: 'sig',
    });
  }

  private static async loadOrCreate(keyPath: string): Promise<StoredKey> {
    try {
      return JSON.parse(readFileSync(keyPath, 'utf8')) as StoredKey;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const stored: StoredKey = {
      kid: `dev-${Date.now().toString(36)}`,
      privateJwk: await exportJWK(privateKey),
      publicJwk: await exportJWK(publicKey),
    };
    mkdirSync(dirname(keyPath), { recursive: true });
    try {
      // 'wx': if another process made the key meanwhile, keep theirs so both sign with one key.
      writeFileSync(keyPath, JSON.stringify(stored), { flag: 'wx', mode: 0o600 });
      return stored;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      return JSON.parse(readFileSync(keyPath, 'utf8')) as StoredKey;
    }
  }

  async issue(claims: DevTokenClaims): Promise<string> {
    const payload: Record<string, string> = { role: claims.role };
    if (claims.municipalityId) payload.municipality_id = claims.municipalityId;
    if (claims.serviceId) payload.service_id = claims.serviceId;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'ES256', kid: this.kid })
      .setIssuer(DEV_ISSUER)
      .setAudience(DEV_AUDIENCE)
      .setSubject(claims.subject)
      .setIssuedAt()
      .setExpirationTime(`${claims.ttlSeconds ?? 8 * 3600}s`)
      .sign(this.privateKey);
  }
}
