import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventTypeRegistry, UpcastingEventStore } from './event-type-registry';
import { SqliteEventStore } from './sqlite/sqlite-event-store';
import { testMetadata } from './testing/test-metadata';

describe('event-type registry', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bti-registry-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // Version 2 of NameGiven split `name` into given and family name; version 3 added a country.
  const registry = new EventTypeRegistry([
    {
      type: 'NameGiven',
      schemaVersion: 3,
      upcasters: {
        1: (data) => {
          const [given, ...family] = (data.name as string).split(' ');
          return { given, family: family.join(' ') };
        },
        2: (data) => ({ ...data, country: 'NO' }),
      },
    },
    { type: 'Other', schemaVersion: 1 },
  ]);

  it('reads old versions at the current one on every read: a stream, the log and a subscription', async () => {
    const raw = new SqliteEventStore({ path: join(dir, 'events.sqlite'), pollIntervalMs: 5 });
    const store = new UpcastingEventStore(raw, registry);
    await raw.append(
      'person-1',
      [
        { type: 'NameGiven', data: { name: 'Kari Nordmann' }, metadata: testMetadata() },
        {
          type: 'NameGiven',
          data: { given: 'Ola', family: 'Nordmann' },
          metadata: testMetadata({ schemaVersion: 2 }),
        },
        { type: 'Other', data: { n: 1 }, metadata: testMetadata() },
      ],
      'no_stream',
    );
    const expected = [
      { given: 'Kari', family: 'Nordmann', country: 'NO' },
      { given: 'Ola', family: 'Nordmann', country: 'NO' },
      { n: 1 },
    ];
    expect((await store.readStream('person-1')).map((e) => e.data)).toEqual(expected);
    expect((await store.readAll()).map((e) => e.data)).toEqual(expected);
    const subscription = store.subscribe({ fromPosition: 'start' });
    for await (const batch of subscription) {
      expect(batch.events.map((e) => e.data)).toEqual(expected);
      expect(
        batch.events.every((e) => e.metadata.schemaVersion === registry.schemaVersion(e.type)),
      ).toBe(true);
      break;
    }
    await subscription.close();
    await store.close();
  });

  it('writes every event at its type’s current version, whatever version its maker stamped', async () => {
    const raw = new SqliteEventStore({ path: join(dir, 'stamped.sqlite'), pollIntervalMs: 5 });
    const store = new UpcastingEventStore(raw, registry);
    const current = { given: 'Kari', family: 'Nordmann', country: 'NO' };
    await store.append(
      'person-2',
      [{ type: 'NameGiven', data: current, metadata: testMetadata({ schemaVersion: 1 }) }],
      'no_stream',
    );
    const [stored] = await raw.readStream('person-2');
    expect(stored.metadata.schemaVersion).toBe(3);
    // Read back as it was written: not taken for version 1 and upcast again.
    expect((await store.readStream('person-2')).map((e) => e.data)).toEqual([current]);
    await store.close();
  });

  it('refuses a registration that skips an upcaster or names a type twice', () => {
    expect(() => new EventTypeRegistry([{ type: 'A', schemaVersion: 2 }])).toThrow(
      /no upcaster from version 1/,
    );
    expect(
      () =>
        new EventTypeRegistry([
          { type: 'A', schemaVersion: 1 },
          { type: 'A', schemaVersion: 1 },
        ]),
    ).toThrow(/registered twice/);
  });
});
