import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type KeyLike } from 'jose';

export const TEST_CLIENT_ID = 'bti-web-test';

interface PendingCode {
  readonly challenge: string;
  readonly redirectUri: string;
  readonly person: OidcPerson;
}

export interface OidcPerson {
  readonly subject: string;
  readonly role: string;
  readonly municipalityId?: string;
}

const body = (request: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });

/**
 * An OpenID Connect provider on localhost for the tests: discovery, an authorization endpoint that
 * signs in `person` at once (no login form) and a token endpoint that insists on PKCE (S256) and
 * the exact redirect URI, issuing ES256 access tokens for the API's audience.
 */
export class TestOidcProvider {
  url = '';
  person: OidcPerson = { subject: 'idp|demo-mor', role: 'guardian' };
  readonly tokenRequests: { grantType: string | null; verifierMatched: boolean }[] = [];
  signOuts = 0;
  private readonly codes = new Map<string, PendingCode>();
  private server!: Server;
  private privateKey!: KeyLike;
  private jwk!: JWK;

  constructor(private readonly audience: string) {}

  async start(): Promise<void> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    this.privateKey = privateKey;
    this.jwk = { ...(await exportJWK(publicKey)), kid: 'test-1', alg: 'ES256', use: 'sig' };
    this.server = createServer((request, response) => {
      void this.handle(request).then(({ status, headers, text }) => {
        response.writeHead(status, { 'access-control-allow-origin': '*', ...headers });
        response.end(text);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private json(value: unknown, status = 200) {
    return { status, headers: { 'content-type': 'application/json' }, text: JSON.stringify(value) };
  }

  private async handle(
    request: IncomingMessage,
  ): Promise<{ status: number; headers: Record<string, string>; text: string }> {
    const url = new URL(request.url ?? '/', this.url);
    if (url.pathname === '/.well-known/openid-configuration')
      return this.json({
        issuer: this.url,
        authorization_endpoint: `${this.url}/authorize`,
        token_endpoint: `${this.url}/token`,
        jwks_uri: `${this.url}/keys`,
        end_session_endpoint: `${this.url}/logout`,
      });
    if (url.pathname === '/keys') return this.json({ keys: [this.jwk] });
    if (url.pathname === '/logout') {
      this.signOuts += 1;
      const back = url.searchParams.get('post_logout_redirect_uri') ?? '/';
      return { status: 302, headers: { location: back }, text: '' };
    }
    if (url.pathname === '/authorize') {
      const q = url.searchParams;
      const redirectUri = q.get('redirect_uri') ?? '';
      if (
        q.get('client_id') !== TEST_CLIENT_ID ||
        q.get('response_type') !== 'code' ||
        q.get('code_challenge_method') !== 'S256' ||
        !q.get('code_challenge') ||
        !q.get('scope')?.split(' ').includes('openid')
      )
        return this.json({ error: 'invalid_request' }, 400);
      const code = randomUUID();
      this.codes.set(code, {
        challenge: q.get('code_challenge') ?? '',
        redirectUri,
        person: this.person,
      });
      const back = new URL(redirectUri);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state') ?? '');
      return { status: 302, headers: { location: back.toString() }, text: '' };
    }
    if (url.pathname === '/token' && request.method === 'POST') {
      const form = new URLSearchParams(await body(request));
      const pending = this.codes.get(form.get('code') ?? '');
      const verifier = form.get('code_verifier') ?? '';
      const matched =
        pending !== undefined &&
        createHash('sha256').update(verifier).digest('base64url') === pending.challenge;
      this.tokenRequests.push({ grantType: form.get('grant_type'), verifierMatched: matched });
      if (
        !pending ||
        !matched ||
        form.get('grant_type') !== 'authorization_code' ||
        form.get('client_id') !== TEST_CLIENT_ID ||
        form.get('redirect_uri') !== pending.redirectUri
      )
        return this.json({ error: 'invalid_grant' }, 400);
      this.codes.delete(form.get('code') ?? '');
      const claims: Record<string, string> = { role: pending.person.role };
      if (pending.person.municipalityId) claims.municipality_id = pending.person.municipalityId;
      const accessToken = await new SignJWT(claims)
        .setProtectedHeader({ alg: 'ES256', kid: 'test-1' })
        .setIssuer(this.url)
        .setAudience(this.audience)
        .setSubject(pending.person.subject)
        .setIssuedAt()
        .setExpirationTime('10m')
        .sign(this.privateKey);
      return this.json({ access_token: accessToken, token_type: 'Bearer', expires_in: 600 });
    }
    return this.json({ error: 'not_found' }, 404);
  }
}
