import { randomUUID } from 'node:crypto';
import request from 'supertest';
import type { DevTokenClaims } from '@bti/access';
import type { Server } from 'node:http';

/** Where requests go and how to sign in there: the in-process test app, or a spawned API's URL. */
export interface ApiTarget {
  server(): Server | string;
  token(claims: DevTokenClaims): Promise<string>;
}

export interface ApiResponse {
  status: number;
  body: Record<string, unknown> & {
    code?: string;
    position?: string;
    revision?: string;
    duplicate?: boolean;
  };
  headers: Record<string, string>;
}

/** A signed-in caller of the real API: each command gets a fresh commandId unless one is given. */
export class ApiClient {
  private constructor(
    private readonly t: ApiTarget,
    private readonly token: string,
  ) {}

  static async as(t: ApiTarget, claims: DevTokenClaims): Promise<ApiClient> {
    return new ApiClient(t, await t.token(claims));
  }

  async post(
    path: string,
    body: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<ApiResponse> {
    const res = await request(this.t.server())
      .post(path)
      .set('Authorization', `Bearer ${this.token}`)
      .set(headers)
      .send({ commandId: randomUUID(), ...body });
    return {
      status: res.status,
      body: res.body as ApiResponse['body'],
      headers: res.headers,
    };
  }

  async put(path: string, body: Record<string, unknown> = {}): Promise<ApiResponse> {
    const res = await request(this.t.server())
      .put(path)
      .set('Authorization', `Bearer ${this.token}`)
      .send({ commandId: randomUUID(), ...body });
    return {
      status: res.status,
      body: res.body as ApiResponse['body'],
      headers: res.headers,
    };
  }

  async get(path: string, minPosition?: string): Promise<ApiResponse> {
    const res = await request(this.t.server())
      .get(path)
      .query(minPosition ? { minPosition } : {})
      .set('Authorization', `Bearer ${this.token}`);
    return {
      status: res.status,
      body: res.body as ApiResponse['body'],
      headers: res.headers,
    };
  }
}

/** Fails with the response body in the message, so a failing step says why. */
export function expectStatus(res: ApiResponse, status: number, code?: string): ApiResponse {
  if (res.status !== status || (code !== undefined && res.body.code !== code)) {
    throw new Error(
      `expected ${status}${code ? ` ${code}` : ''}, got ${res.status}: ${JSON.stringify(res.body)}`,
    );
  }
  return res;
}
