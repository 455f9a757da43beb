import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * Helmet's headers on every answer. They never change for given options, so Helmet runs once at start
 * and each answer gets the headers it set: the Fastify wrapper builds Helmet anew on each request
 * (parsing the content security policy every time), and even one Helmet built at start runs a dozen
 * middlewares per request — measured, 2–3 % of the API's CPU under load.
 */
export function addSecurityHeaders(fastify: FastifyInstance, options: HelmetOptions): void {
  const headers = Object.entries(helmetHeaders(options));
  fastify.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    reply.raw.removeHeader('x-powered-by');
    done();
  });
}

/** The headers Helmet sets with these options, read off one answer that goes nowhere. */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  // A directive computed per request (a CSP nonce) would be computed once here and sent to everyone.
  if (holdsFunction(options))
    throw new Error('Security headers computed per request need Helmet per request');
  const set: Record<string, string> = {};
  const response = {
    setHeader(name: string, value: string | number | readonly string[]) {
      set[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return response;
    },
    removeHeader(name: string) {
      delete set[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)(
    {} as IncomingMessage,
    response as unknown as ServerResponse,
    (error?: unknown) => {
      failure = error;
    },
  );
  // Helmet refuses options it cannot use (an unknown CSP directive) through this callback.
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error('helmet refused');
  return set;
}

function holdsFunction(value: unknown): boolean {
  if (typeof value === 'function') return true;
  if (value === null || typeof value !== 'object') return false;
  return Object.values(value as Record<string, unknown>).some(holdsFunction);
}
