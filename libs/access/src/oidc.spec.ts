import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';
import {
  discoverJwksUrl,
  InvalidToken,
  JoseTokenVerifier,
  SignInUnavailable,
} from './token-verifier';

type Key = { kid: string; privateKey: KeyLike; jwk: JWK };

async function key(kid: string): Promise<Key> {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  return {
    kid,
    privateKey: privateKey,
    jwk: { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' },
  };
}

/** A provider on localhost: a discovery document and a key set that the test rotates. */
class TestIssuer {
  published: Key[] = [];
  jwksFetches = 0;
  discoveryIssuer: string | null = null;
  keysDown = false;
  private server!: Server;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      if (request.url === '/.well-known/openid-configuration') {
        response.setHeader('content-type', 'application/json');
        response.end(
          JSON.stringify({
            issuer: this.discoveryIssuer ?? this.url,
            jwks_uri: `${this.url}/keys`,
          }),
        );
      } else if (request.url === '/keys' && this.keysDown) {
        response.statusCode = 503;
        response.end('down');
      } else if (request.url === '/keys') {
        this.jwksFetches += 1;
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify({ keys: this.published.map((k) => k.jwk) }));
      } else {
        response.statusCode = 404;
        response.end();
      }
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  token(
    signingKey: Key,
    claims: Record<string, unknown> = {},
    times: { exp?: number; nbf?: number } = {},
    options: { issuer?: string; audience?: string } = {},
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ role: 'guardian', ...claims })
      .setProtectedHeader({ alg: 'ES256', kid: signingKey.kid })
      .setIssuer(options.issuer ?? this.url)
      .setAudience(options.audience ?? 'bti-api')
      .setSubject('idp|mor')
      .setIssuedAt(now);
    if (times.exp !== null) jwt.setExpirationTime(times.exp ?? now + 300);
    if (times.nbf !== undefined) jwt.setNotBefore(times.nbf);
    return jwt.sign(signingKey.privateKey);
  }
}

describe('OIDC sign-in', () => {
  const idp = new TestIssuer();
  let first: Key;
  let rotated: Key;
  let stranger: Key;
  beforeAll(async () => {
    await idp.start();
    [first, rotated, stranger] = await Promise.all([key('k1'), key('k2'), key('k3')]);
    idp.published = [first];
  });
  afterAll(() => idp.stop());

  const verifier = () =>
    JoseTokenVerifier.forOidc({
      issuer: idp.url,
      audience: 'bti-api',
      jwksUrl: null,
      refetchCooldownMs: 0,
    });

  it('finds the keys through discovery and accepts a token signed with a published key', async () => {
    expect(await discoverJwksUrl(idp.url)).toBe(`${idp.url}/keys`);
    const v = await verifier();
    await expect(v.verify(await idp.token(first))).resolves.toMatchObject({
      subject: 'idp|mor',
      role: 'guardian',
    });
  });

  it('fetches the keys again for a new key id after a rotation, and refuses a key the issuer does not publish', async () => {
    const v = await verifier();
    await v.verify(await idp.token(first));
    const fetches = idp.jwksFetches;
    idp.published = [first, rotated];
    await expect(v.verify(await idp.token(rotated))).resolves.toMatchObject({
      subject: 'idp|mor',
    });
    expect(idp.jwksFetches).toBe(fetches + 1);
    await expect(v.verify(await idp.token(stranger))).rejects.toThrow(
      new InvalidToken('token is signed with a key the issuer does not publish'),
    );
    // The old key, withdrawn by the issuer, is refused once the set has been fetched again.
    idp.published = [rotated];
    await v.verify(await idp.token(stranger)).catch(() => undefined);
    await expect(v.verify(await idp.token(first, { role: 'youth' }))).rejects.toThrow(InvalidToken);
  });

  it('allows 30 seconds of clock skew and no more, and says why a token is refused', async () => {
    idp.published = [first];
    const v = await verifier();
    const now = Math.floor(Date.now() / 1000);
    await expect(
      v.verify(await idp.token(first, { x: 1 }, { exp: now - 20 })),
    ).resolves.toBeTruthy();
    await expect(v.verify(await idp.token(first, { x: 2 }, { exp: now - 60 }))).rejects.toThrow(
      new InvalidToken('token has expired'),
    );
    await expect(
      v.verify(await idp.token(first, { x: 3 }, { nbf: now + 20 })),
    ).resolves.toBeTruthy();
    await expect(v.verify(await idp.token(first, { x: 4 }, { nbf: now + 120 }))).rejects.toThrow(
      new InvalidToken('token is not valid yet'),
    );
    await expect(
      v.verify(await idp.token(first, {}, {}, { issuer: 'https://another-idp' })),
    ).rejects.toThrow(new InvalidToken('token is from another issuer'));
    await expect(
      v.verify(await idp.token(first, {}, {}, { audience: 'another-api' })),
    ).rejects.toThrow(new InvalidToken('token is for another audience'));
    const noExpiry = await new SignJWT({ role: 'guardian' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setIssuer(idp.url)
      .setAudience('bti-api')
      .setSubject('idp|mor')
      .sign(first.privateKey);
    await expect(v.verify(noExpiry)).rejects.toThrow(new InvalidToken('token has no exp claim'));
  });

  it('refuses to start on a discovery document that names another issuer, or none at all', async () => {
    idp.discoveryIssuer = 'https://impostor';
    await expect(verifier()).rejects.toThrow(SignInUnavailable);
    idp.discoveryIssuer = null;
    await expect(
      JoseTokenVerifier.forOidc({ issuer: 'http://127.0.0.1:1', audience: 'a', jwksUrl: null }),
    ).rejects.toThrow(/OIDC discovery .* failed/);
  });

  it('answers "cannot check now" when the key set cannot be fetched, not "invalid token"', async () => {
    const v = await JoseTokenVerifier.forOidc({
      issuer: idp.url,
      audience: 'bti-api',
      jwksUrl: 'http://127.0.0.1:1/keys',
    });
    await expect(v.verify(await idp.token(first))).rejects.toThrow(SignInUnavailable);
  });

  it('answers "cannot check now" when the key set answers with an error, not "invalid token"', async () => {
    const v = await verifier();
    idp.keysDown = true;
    try {
      await expect(v.verify(await idp.token(first))).rejects.toThrow(SignInUnavailable);
    } finally {
      idp.keysDown = false;
    }
  });
});
