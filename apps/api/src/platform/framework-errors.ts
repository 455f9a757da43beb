import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** The one error shape every answer has (`HttpErrorFilter`), for what Fastify refuses itself. */
function errorBody(statusCode: number, code: string, message: string): string {
  return JSON.stringify({ statusCode, error: STATUS_CODES[statusCode], code, message });
}

/**
 * What Fastify answers before any route or hook runs — a malformed percent-encoding, a path part
 * longer than any id, headers (or an address) too large, a request that is not HTTP — in the API's
 * own error shape and with its security headers. Fastify's defaults echoed the path back, named
 * its own error codes, and went without the content security policy and nosniff (found from
 * outside).
 */
export function frameworkErrorHandlers(securityHeaders: Readonly<Record<string, string>>) {
  return {
    frameworkErrors(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
      const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const status = tooLong ? 414 : 400;
      void reply
        .code(status)
        .headers(securityHeaders)
        .header('content-type', 'application/json; charset=utf-8')
        .send(
          tooLong
            ? errorBody(status, 'URI_TOO_LONG', 'A part of the address is longer than any id')
            : errorBody(status, 'INVALID_URL', 'The address is not a valid URL'),
        );
    },
    clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
      // A connection reset: nothing is left to answer.
      if (error.code === 'ECONNRESET' || socket.destroyed) return;
      const [status, code, message] =
        error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
          ? [408, 'REQUEST_TIMEOUT', 'The request took too long to arrive']
          : error.code === 'HPE_HEADER_OVERFLOW'
            ? [431, 'HEADERS_TOO_LARGE', 'The request headers or its address are too large']
            : [400, 'BAD_REQUEST', 'The request is not valid HTTP'];
      const body = errorBody(status, code, message);
      const headers = Object.entries(securityHeaders)
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      if (socket.writable)
        socket.write(
          `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${headers}` +
            `content-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\n` +
            `connection: close\r\n\r\n${body}`,
        );
      socket.destroy(error);
    },
  };
}
