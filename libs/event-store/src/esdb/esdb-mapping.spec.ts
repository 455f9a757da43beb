import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { StreamDeleted, StreamNotFound, WrongExpectedRevision } from '../errors';
import { toExpected, translateError } from './esdb-event-store';

// These run without a server: they pin the mapping between EventStoreDB's client and the port.
describe('EventStoreDB mapping', () => {
  it.each([
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    ['any', ANY],
    [7n, 7n],
  ] as const)('maps the expected revision %p', (ours, theirs) => {
    expect(toExpected(ours)).toBe(theirs);
  });

  it('maps a wrong expected version on a missing stream to actual no_stream', () => {
    const error = translateError(
      new WrongExpectedVersionError(undefined, {
        streamName: 's-1',
        expected: 3n,
        current: 'no_stream',
      }),
      's-1',
    );
    expect(error).toBeInstanceOf(WrongExpectedRevision);
    expect(error).toMatchObject({ stream: 's-1', expected: 3n, actual: 'no_stream' });
  });

  it('maps a wrong expected version with numbers to bigints', () => {
    const error = translateError(
      new WrongExpectedVersionError(undefined, {
        streamName: 's-1',
        expected: NO_STREAM,
        current: 4n,
      }),
      's-1',
    );
    expect(error).toMatchObject({ expected: 'no_stream', actual: 4n });
  });

  it('maps missing and deleted streams', () => {
    expect(translateError(new StreamNotFoundError(undefined, 's-2'), 's-2')).toBeInstanceOf(
      StreamNotFound,
    );
    expect(translateError(StreamDeletedError.fromStreamName('s-3'), 's-3')).toBeInstanceOf(
      StreamDeleted,
    );
  });

  it('passes other errors through', () => {
    const other = new Error('network');
    expect(translateError(other, 's')).toBe(other);
  });
});
