import { AppendTooLarge, WrongExpectedRevision } from '@bti/event-store';
import { Logger, type ArgumentsHost } from '@nestjs/common';
import { ProjectionTimeout, RebuildInProgress } from '@bti/read-models';
import { HttpErrorFilter, toErrorBody } from './http-error.filter';

describe('toErrorBody', () => {
  it('answers an append over the store’s maximum with 413 and its code, not a 500', () => {
    expect(toErrorBody(new AppendTooLarge(2_000_000, 1_048_576))).toEqual({
      statusCode: 413,
      error: 'Payload Too Large',
      code: 'APPEND_TOO_LARGE',
      message: expect.stringContaining('too large') as unknown,
      maximumBytes: 1_048_576,
    });
  });

  it('answers a revision conflict with 409 and both revisions', () => {
    expect(toErrorBody(new WrongExpectedRevision('s', 3n, 'no_stream'))).toMatchObject({
      statusCode: 409,
      code: 'WRONG_EXPECTED_REVISION',
      expectedRevision: '3',
      currentRevision: 'no_stream',
    });
  });

  it('answers a rebuild asked for while an erasure’s rebuild runs with 409 and its code', () => {
    expect(toErrorBody(new RebuildInProgress())).toMatchObject({
      statusCode: 409,
      code: 'REBUILD_IN_PROGRESS',
    });
  });

  it('never says what an unknown error was', () => {
    expect(toErrorBody(new Error('Kari Nordmann, født 01.01.2015'))).toEqual({
      statusCode: 500,
      error: 'Internal Server Error',
      code: 'INTERNAL',
      message: 'Something went wrong on our side',
    });
  });

  it('logs a read that waited for a position not reached as a warning, and a fault as an error', () => {
    const reply = {
      headers: {} as Record<string, string>,
      sent: undefined as unknown,
      header(name: string, value: string) {
        this.headers[name] = value;
        return this;
      },
      status() {
        return this;
      },
      send(body: unknown) {
        this.sent = body;
        return this;
      },
    };
    const host = { switchToHttp: () => ({ getResponse: () => reply }) } as unknown as ArgumentsHost;
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      new HttpErrorFilter().catch(new ProjectionTimeout(10n ** 15n), host);
      expect(reply.sent).toMatchObject({ statusCode: 503, code: 'READ_MODEL_BEHIND' });
      expect(reply.headers['Retry-After']).toBe('1');
      expect(error).not.toHaveBeenCalled();
      expect(warn).toHaveBeenCalledTimes(1);
      new HttpErrorFilter().catch(new Error('boom'), host);
      expect(error).toHaveBeenCalledTimes(1);
    } finally {
      error.mockRestore();
      warn.mockRestore();
    }
  });
});
