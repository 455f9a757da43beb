import type { components } from '../api/openapi';
import { SIGN_IN_CALLBACK_PATH } from '../paths';

export type OidcSignIn = components['schemas']['OidcSignInDto'];

const PENDING_KEY = 'bti.oidc.pending';

interface PendingSignIn {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly returnTo: string;
}

const base64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');

const randomString = (bytes = 32): string =>
  base64url(crypto.getRandomValues(new Uint8Array(bytes)));

/** RFC 7636: the S256 challenge of a verifier. */
export async function challengeOf(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}

export const redirectUri = (): string => `${window.location.origin}${SIGN_IN_CALLBACK_PATH}`;

/**
 * The authorization-code flow with PKCE (a public client: no secret in the browser): a fresh
 * verifier, state and nonce kept in this tab, then off to the provider.
 */
export async function beginOidcSignIn(config: OidcSignIn, returnTo: string): Promise<void> {
  const pending: PendingSignIn = {
    state: randomString(),
    nonce: randomString(),
    verifier: randomString(48),
    returnTo,
  };
  window.sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(config.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: config.clientId,
    redirect_uri: redirectUri(),
    scope: config.scope,
    state: pending.state,
    nonce: pending.nonce,
    code_challenge: await challengeOf(pending.verifier),
    code_challenge_method: 'S256',
    resource: config.audience,
  }).toString();
  window.location.assign(url.toString());
}

export class OidcSignInFailed extends Error {
  constructor(readonly code: 'OIDC_STATE_MISMATCH' | 'OIDC_REFUSED' | 'OIDC_TOKEN_FAILED') {
    super(code);
    this.name = 'OidcSignInFailed';
  }
}

export interface OidcTokens {
  readonly accessToken: string;
  readonly idToken: string | null;
  readonly expiresAt: string;
  readonly returnTo: string;
}

/** Back from the provider: check the state, then trade the code and the verifier for the tokens. */
export async function completeOidcSignIn(config: OidcSignIn, callback: URL): Promise<OidcTokens> {
  const raw = window.sessionStorage.getItem(PENDING_KEY);
  window.sessionStorage.removeItem(PENDING_KEY);
  const pending = raw ? (JSON.parse(raw) as PendingSignIn) : null;
  const params = callback.searchParams;
  if (!pending || params.get('state') !== pending.state)
    throw new OidcSignInFailed('OIDC_STATE_MISMATCH');
  const code = params.get('code');
  if (params.get('error') || !code) throw new OidcSignInFailed('OIDC_REFUSED');
  let response: Response;
  try {
    response = await fetch(config.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri(),
        client_id: config.clientId,
        code_verifier: pending.verifier,
      }),
    });
  } catch {
    throw new OidcSignInFailed('OIDC_TOKEN_FAILED');
  }
  if (!response.ok) throw new OidcSignInFailed('OIDC_TOKEN_FAILED');
  const body = (await response.json()) as {
    access_token?: unknown;
    id_token?: unknown;
    expires_in?: unknown;
  };
  if (typeof body.access_token !== 'string') throw new OidcSignInFailed('OIDC_TOKEN_FAILED');
  const seconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
  return {
    accessToken: body.access_token,
    idToken: typeof body.id_token === 'string' ? body.id_token : null,
    expiresAt: new Date(Date.now() + seconds * 1000).toISOString(),
    returnTo: pending.returnTo,
  };
}

/** Where to send the browser after signing out, so the provider's session ends too. */
export function providerSignOutUrl(config: OidcSignIn, idToken: string | null): string | null {
  if (!config.endSessionEndpoint) return null;
  const url = new URL(config.endSessionEndpoint);
  url.search = new URLSearchParams({
    post_logout_redirect_uri: window.location.origin,
    client_id: config.clientId,
    ...(idToken ? { id_token_hint: idToken } : {}),
  }).toString();
  return url.toString();
}
