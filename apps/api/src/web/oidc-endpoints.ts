import { SignInUnavailable } from '@bti/access';

/** Where the web app sends a person to sign in, and where it trades the code for a token. */
export interface OidcEndpoints {
  readonly authorizationEndpoint: string;
  readonly tokenEndpoint: string;
  readonly endSessionEndpoint: string | null;
}

/**
 * The provider's discovery document, read once it is first needed and kept while it answers; a failed
 * read is tried again on the next request (the provider may be back), never cached.
 */
export class OidcEndpointsCache {
  private found: OidcEndpoints | null = null;

  constructor(
    private readonly issuer: string,
    private readonly timeoutMs = 5000,
  ) {}

  async endpoints(): Promise<OidcEndpoints> {
    this.found ??= await this.discover();
    return this.found;
  }

  /** The discovered endpoints if they were read already (for the page's connect-src). */
  known(): OidcEndpoints | null {
    return this.found;
  }

  private async discover(): Promise<OidcEndpoints> {
    const address = `${this.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    let document: Record<string, unknown>;
    try {
      const response = await fetch(address, { signal: AbortSignal.timeout(this.timeoutMs) });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      document = (await response.json()) as Record<string, unknown>;
    } catch (error) {
      throw new SignInUnavailable(
        `OIDC discovery at ${address} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const url = (name: string): string | null => {
      const value = document[name];
      return typeof value === 'string' && /^https?:\/\//.test(value) ? value : null;
    };
    const authorizationEndpoint = url('authorization_endpoint');
    const tokenEndpoint = url('token_endpoint');
    if (document.issuer !== this.issuer || !authorizationEndpoint || !tokenEndpoint)
      throw new SignInUnavailable(
        `OIDC discovery at ${address} does not name this issuer with an authorization and a token endpoint`,
      );
    return {
      authorizationEndpoint,
      tokenEndpoint,
      endSessionEndpoint: url('end_session_endpoint'),
    };
  }
}
