import { ActualRevision, WrongExpectedRevision } from './errors';
import type { ExpectedRevision } from './event-store.port';

/** Throws `WrongExpectedRevision` unless a stream at `actual` satisfies `expected`. */
export function assertExpectedRevision(
  stream: string,
  expected: ExpectedRevision,
  actual: ActualRevision,
): void {
  const satisfied =
    expected === 'any' ||
    (expected === 'no_stream' && actual === 'no_stream') ||
    (expected === 'stream_exists' && actual !== 'no_stream') ||
    (typeof expected === 'bigint' && actual === expected);
  if (!satisfied) throw new WrongExpectedRevision(stream, expected, actual);
}
