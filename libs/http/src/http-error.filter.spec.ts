import { AppendTooLarge, WrongExpectedRevision } from '@bti/event-store';
import { RebuildInProgress } from '@bti/read-models';
import { toErrorBody } from './http-error.filter';

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
});
