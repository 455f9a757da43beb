import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCommandLog } from './command-log';

describe('SqliteCommandLog (EventStoreDB idempotency)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bti-cmdlog-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('remembers the first result of a commandId across reopening, and keeps the first on a repeat', () => {
    const path = join(dir, 'log.sqlite');
    const log = new SqliteCommandLog(path);
    expect(log.find('c1')).toBeUndefined();
    const first = { eventTypes: ['GuardianAdded'], fingerprint: 'f-1' };
    log.record('c1', 'family-1', {
      nextExpectedRevision: 3n,
      position: 120n,
      duplicate: false,
      ...first,
    });
    log.record('c1', 'family-1', {
      nextExpectedRevision: 9n,
      position: 999n,
      duplicate: false,
      eventTypes: ['SubjectAdded'],
      fingerprint: 'f-2',
    });
    log.close();
    const reopened = new SqliteCommandLog(path);
    expect(reopened.find('c1')).toEqual({
      stream: 'family-1',
      nextExpectedRevision: 3n,
      position: 120n,
      duplicate: true,
      ...first,
    });
    reopened.close();
  });
});
