import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteKeyStore } from './key-store';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SqliteKeyStore.isErased', () => {
  let dir: string;
  let here: SqliteKeyStore;
  let otherNode: SqliteKeyStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bti-keys-'));
    here = new SqliteKeyStore(join(dir, 'keys.sqlite'));
    otherNode = new SqliteKeyStore(join(dir, 'keys.sqlite'));
  });
  afterEach(() => {
    here.close();
    otherNode.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers this store's own erasure at once", async () => {
    here.keyFor('family-a');
    await here.persist();
    expect(here.isErased('family-a')).toBe(false);
    here.erase('family-a', '2026-12-03T09:00:00.000Z');
    expect(here.isErased('family-a')).toBe(true);
    expect(here.keyFor('family-a')).toBeNull();
  });

  it("sees another node's erasure from the next turn of the event loop, though it answered before", async () => {
    here.keyFor('family-a');
    here.keyFor('family-b');
    await here.persist();
    expect(here.isErased('family-a')).toBe(false);
    expect(here.isErased('family-b')).toBe(false);
    await nextTurn();
    otherNode.erase('family-a', '2026-12-03T09:00:00.000Z');
    await nextTurn();
    expect(here.isErased('family-a')).toBe(true);
    expect(here.isErased('family-b')).toBe(false);
    expect(here.erasedFamilies()).toEqual(['family-a']);
  });

  it('answers a family never heard of as not erased, and remembers nothing wrong after its erasure elsewhere', async () => {
    expect(here.isErased('family-unknown')).toBe(false);
    await nextTurn();
    otherNode.erase('family-unknown', '2026-12-03T09:00:00.000Z');
    await nextTurn();
    expect(here.isErased('family-unknown')).toBe(true);
  });
});
