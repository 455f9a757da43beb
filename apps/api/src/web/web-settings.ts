import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError, type AppConfig } from '@bti/config';

type Env = Record<string, string | undefined>;

/** What the web app needs besides the API's own configuration. */
export interface WebSettings {
  /** The web app's client id at the OIDC provider (a public client: code flow with PKCE). */
  readonly oidcClientId: string | null;
  /** The scopes the web app asks for; `openid` always. */
  readonly oidcScope: string;
  /** The built web app (`vite build` output): index.html and assets/. */
  readonly webRoot: string;
  /** The demo-person sign-in page and its two endpoints: only without OIDC and never in production. */
  readonly devSignIn: boolean;
}

/**
 * The built web app sits in `dist/web` beside the built API (`dist/apps/api/src/web/…`); from the
 * TypeScript sources (tests) it is the repository's `dist/web`.
 */
function defaultWebRoot(): string {
  const candidates = [
    resolve(__dirname, '../../../../web'),
    resolve(__dirname, '../../../../dist/web'),
  ];
  return candidates.find((dir) => existsSync(resolve(dir, 'index.html'))) ?? candidates[0];
}

/** Read and check at start, like the API's configuration: every problem is reported at once. */
export function loadWebSettings(
  config: Pick<AppConfig, 'nodeEnv' | 'oidc'>,
  env: Env = process.env,
): WebSettings {
  const problems: string[] = [];
  const clientId = env.OIDC_CLIENT_ID?.trim() || null;
  if (clientId !== null && (clientId.length > 200 || /\s/.test(clientId)))
    problems.push('OIDC_CLIENT_ID must be one client id of at most 200 characters, no spaces');
  if (clientId !== null && !config.oidc)
    problems.push(
      'OIDC_CLIENT_ID needs OIDC_ISSUER and OIDC_AUDIENCE (the provider it belongs to)',
    );
  const scopes = (env.OIDC_SCOPE ?? '').split(/\s+/).filter(Boolean);
  if (scopes.some((scope) => !/^[\x21\x23-\x5b\x5d-\x7e]{1,100}$/.test(scope)))
    problems.push(`OIDC_SCOPE must be scopes separated by spaces (got "${env.OIDC_SCOPE}")`);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    oidcClientId: clientId,
    oidcScope: ['openid', ...scopes.filter((scope) => scope !== 'openid')].join(' '),
    webRoot: defaultWebRoot(),
    devSignIn: config.nodeEnv !== 'production' && config.oidc === null,
  };
}
