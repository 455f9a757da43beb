import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { oneReadOn } from './one-read';

describe('one read over several statements', () => {
  let dir: string;
  let reader: Database.Database;
  let writer: Database.Database;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bti-one-read-'));
    reader = new Database(join(dir, 'r.sqlite'));
    reader.pragma('journal_mode = WAL');
    reader.exec('CREATE TABLE t (n INTEGER)');
    reader.exec('INSERT INTO t VALUES (1)');
    writer = new Database(join(dir, 'r.sqlite'));
  });
  afterEach(() => {
    reader.close();
    writer.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads one snapshot: a commit made between its statements is not seen until it ends', () => {
    const count = reader.prepare('SELECT count(*) AS n FROM t').pluck();
    const together = oneReadOn(reader);
    const seen = together(() => {
      const before = count.get();
      writer.exec('INSERT INTO t VALUES (2)');
      return [before, count.get()];
    });
    expect(seen).toEqual([1, 1]);
    expect(count.get()).toBe(2);
    // Statement by statement, each sees the latest commit.
    writer.exec('INSERT INTO t VALUES (3)');
    expect(count.get()).toBe(3);
  });

  it('gives back what the read returns, and lets what it throws through', () => {
    const together = oneReadOn(reader);
    expect(together(() => 'answer')).toBe('answer');
    expect(() =>
      together(() => {
        throw new RangeError('not found');
      }),
    ).toThrow(RangeError);
    expect(reader.inTransaction).toBe(false);
  });
});
