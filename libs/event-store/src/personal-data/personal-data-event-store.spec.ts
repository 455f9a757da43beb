import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testMetadata } from '../testing/test-metadata';
import { ErasureNotYetApplied, FamilyErased } from '../errors';
import { SqliteEventStore } from '../sqlite/sqlite-event-store';
import { SqliteKeyStore } from './key-store';
import { PersonalDataEventStore, SEALED_FOR } from './personal-data-event-store';

const FAMILY = '6f1c2d3e-0000-4000-8000-000000000001';
const OTHER = '6f1c2d3e-0000-4000-8000-000000000002';

describe('PersonalDataEventStore', () => {
  let dir: string;
  let raw: SqliteEventStore;
  let store: PersonalDataEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bti-pd-'));
    raw = new SqliteEventStore({ path: join(dir, 'events.sqlite') });
    store = new PersonalDataEventStore(raw, new SqliteKeyStore(join(dir, 'keys.sqlite')));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const event = (type: string, data: Record<string, unknown>) => ({
    type,
    data: data as never,
    metadata: testMetadata(),
  });

  it('stores every string under personal as ciphertext and reads it back as it was', async () => {
    const personal = { name: 'Åse Ødegård', birthDate: '2019-01-02', contact: null, tags: ['x y'] };
    await store.append(
      `family-${FAMILY}`,
      [event('SubjectAdded', { subjectId: 's', personal })],
      'any',
    );
    const [stored] = await raw.readStream(`family-${FAMILY}`);
    const sealed = stored.data.personal as Record<string, unknown>;
    expect(sealed[SEALED_FOR]).toBe(FAMILY);
    expect(sealed.contact).toBeNull();
    expect(String(sealed.name)).toMatch(/^pd1\./);
    expect(JSON.stringify(stored.data)).not.toContain('Ødegård');
    expect(readFileSync(join(dir, 'events.sqlite')).includes(Buffer.from('Ødegård'))).toBe(false);
    const [read] = await store.readStream(`family-${FAMILY}`);
    expect(read.data.personal).toEqual(personal);
    const [all] = await store.readAll();
    expect(all.data.personal).toEqual(personal);
  });

  it('finds the family of a log, concern or meeting from its first event, and of a referral', async () => {
    await store.append(
      'stafettlogg-l1',
      [event('StafettloggStarted', { logId: 'l1', familyId: FAMILY, personal: { text: 'a' } })],
      'any',
    );
    await store.append('stafettlogg-l1', [event('EntryAdded', { personal: { text: 'b' } })], 'any');
    await store.append(
      'arena-a',
      [
        event('CaseReferredToArena', {
          referralId: 'r1',
          familyId: OTHER,
          personal: { reason: 'c' },
        }),
      ],
      'any',
    );
    await store.append(
      'arena-a',
      [event('ReferralDeclined', { referralId: 'r1', personal: { reason: 'd' } })],
      'any',
    );
    await store.append(
      'arena-a',
      [event('ReferralNoted', { logId: 'l1', personal: { note: 'e' } })],
      'any',
    );
    const families = (await raw.readAll()).map(
      (e) => (e.data.personal as Record<string, unknown>)[SEALED_FOR],
    );
    expect(families).toEqual([FAMILY, FAMILY, OTHER, OTHER, FAMILY]);
  });

  it('leaves events of no family as they are', async () => {
    await store.append(
      'discussion-d',
      [event('DiscussionOpened', { personal: { q: 'hei' } })],
      'any',
    );
    const [stored] = await raw.readStream('discussion-d');
    expect(stored.data.personal).toEqual({ q: 'hei' });
  });

  it('after the erasure event, reads the family as erased and refuses new personal data for it', async () => {
    await store.append(
      `family-${FAMILY}`,
      [event('GuardianAdded', { guardianId: 'g', personal: { name: 'Mor', contact: '123' } })],
      'any',
    );
    await store.append(
      `family-${OTHER}`,
      [event('GuardianAdded', { guardianId: 'h', personal: { name: 'Far', contact: null } })],
      'any',
    );
    const erased: string[] = [];
    store.onErased((familyId) => erased.push(familyId));
    await store.append(`family-${FAMILY}`, [event('FamilyErased', { familyId: FAMILY })], 'any');
    expect(erased).toEqual([FAMILY]);
    const [guardian] = await store.readStream(`family-${FAMILY}`);
    expect(guardian.data.personal).toEqual({ name: null, contact: null, erased: true });
    const [other] = await store.readStream(`family-${OTHER}`);
    expect(other.data.personal).toEqual({ name: 'Far', contact: null });
    await expect(
      store.append(
        `family-${FAMILY}`,
        [event('GuardianAdded', { personal: { name: 'Ny' } })],
        'any',
      ),
    ).rejects.toBeInstanceOf(FamilyErased);
    // Without personal data the family's stream still takes events.
    await store.append(`family-${FAMILY}`, [event('Noted', { familyId: FAMILY })], 'any');
  });

  /** A guardian's name, then the family's erasure written past the layer: its key not yet deleted. */
  async function erasureWithItsKeyLeft(): Promise<void> {
    await store.append(
      `family-${FAMILY}`,
      [event('GuardianAdded', { guardianId: 'g', personal: { name: 'Mor' } })],
      'any',
    );
    await raw.append(`family-${FAMILY}`, [event('FamilyErased', { familyId: FAMILY })], 'any');
  }

  it('deletes a key it still finds when it reads an erasure (a crash between the two)', async () => {
    await erasureWithItsKeyLeft();
    expect(store.keys.existingKey(FAMILY)).not.toBeNull();
    await store.readAll();
    expect(store.keys.existingKey(FAMILY)).toBeNull();
    const [guardian] = await store.readStream(`family-${FAMILY}`);
    expect(guardian.data.personal).toEqual({ name: null, erased: true });
  });

  it('with read-only keys, refuses an erasure whose key is still there instead of deleting it', async () => {
    await erasureWithItsKeyLeft();
    // A reader beside the one that owns the keys (a child process building read models).
    const beside = () =>
      new PersonalDataEventStore(
        new SqliteEventStore({ path: join(dir, 'events.sqlite') }),
        new SqliteKeyStore(join(dir, 'keys.sqlite')),
        { keysReadOnly: true },
      );
    const first = beside();
    await expect(first.readAll()).rejects.toBeInstanceOf(ErasureNotYetApplied);
    await first.close();
    expect(store.keys.existingKey(FAMILY)).not.toBeNull();
    // Once the owner has deleted the key, the next reader beside reads the family as erased.
    await store.readAll();
    const next = beside();
    try {
      const [guardian] = await next.readStream(`family-${FAMILY}`);
      expect(guardian.data.personal).toEqual({ name: null, erased: true });
    } finally {
      await next.close();
    }
  });

  it('refuses to write a case’s personal data in the clear when its family cannot be found', async () => {
    await expect(
      store.append('stafettlogg-orphan', [event('EntryAdded', { personal: { text: 'x' } })], 'any'),
    ).rejects.toThrow(/cannot be encrypted/);
    expect(await raw.headPosition()).toBe(0n);
  });

  it('reads a personal part its key does not open as unreadable, and counts it, instead of failing', async () => {
    await store.append(
      `family-${FAMILY}`,
      [event('GuardianAdded', { guardianId: 'g', personal: { name: 'Mor' } })],
      'any',
    );
    const otherKeys = new SqliteKeyStore(join(dir, 'other-keys.sqlite'));
    otherKeys.keyFor(FAMILY);
    await otherKeys.persist();
    const wrong = new PersonalDataEventStore(raw, otherKeys);
    const [read] = await wrong.readStream(`family-${FAMILY}`);
    expect(read.data.personal).toEqual({ name: null, unreadable: true });
    expect(wrong.unreadable).toBe(1);
    otherKeys.close();
  });

  it('remembers every erased family for the nodes sharing the key store', async () => {
    await store.append(
      `family-${FAMILY}`,
      [event('GuardianAdded', { guardianId: 'g', personal: { name: 'Mor' } })],
      'any',
    );
    expect(store.keys.erasedFamilies()).toEqual([]);
    await store.append(`family-${FAMILY}`, [event('FamilyErased', { familyId: FAMILY })], 'any');
    expect(store.keys.erasedFamilies()).toEqual([FAMILY]);
  });

  it('forgets a key another node erased, on reading its erasure, and writes nothing under it', async () => {
    const guardian = event('GuardianAdded', { guardianId: 'g', personal: { name: 'Mor' } });
    await store.append(`family-${FAMILY}`, [guardian], 'any');
    // A second node on the same log and key store, which has read the family (its key in memory).
    const otherNode = new PersonalDataEventStore(raw, new SqliteKeyStore(join(dir, 'keys.sqlite')));
    const [before] = await otherNode.readStream(`family-${FAMILY}`);
    expect(before.data.personal).toEqual({ name: 'Mor' });
    // And a third that will only read.
    const reader = new PersonalDataEventStore(raw, new SqliteKeyStore(join(dir, 'keys.sqlite')));
    await reader.readStream(`family-${FAMILY}`);
    const erased: string[] = [];
    otherNode.onErased((familyId) => erased.push(familyId));

    await store.append(`family-${FAMILY}`, [event('FamilyErased', { familyId: FAMILY })], 'any');
    // Writing before it has read the erasure: the store, not its memory, says the family is erased.
    await expect(otherNode.append(`family-${FAMILY}`, [guardian], 'any')).rejects.toBeInstanceOf(
      FamilyErased,
    );
    const after = await otherNode.readStream(`family-${FAMILY}`);
    expect(after[0].data.personal).toEqual({ name: null, erased: true });
    expect(erased).toEqual([FAMILY]);
    otherNode.keys.close();

    // The reader: the events before the erasure in the same read stay closed too.
    const [read] = await reader.readAll();
    expect(read.data.personal).toEqual({ name: null, erased: true });
    reader.keys.close();
  });
});
