import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Actor, DomainEvent } from '@bti/domain';
import { SqliteEventStore, WrongExpectedRevision } from '@bti/event-store';
import { CommandHandling } from './command-handling';
import type { CommandEnvelope } from './command-envelope';
import type { CommandSlice } from './command-slice';
import { StreamStates } from './stream-states';

interface Add {
  readonly type: 'Add';
}
interface Added extends DomainEvent {
  readonly type: 'Added';
  readonly data: { readonly count: number };
}

/** A tally: each Add writes the count after it, so two decided on one state write the same count. */
const tally: CommandSlice<Add, number, Added, undefined> = {
  context: 'tally',
  stream: (id) => `tally-${id}`,
  decider: {
    initialState: () => 0,
    decide: (_command, count) => [{ type: 'Added', data: { count: count + 1 } }],
    evolve: (_count, event) => event.data.count,
  },
  loadFacts: async () => undefined,
  municipalityOf: () => 'm-1',
  authorize: () => undefined,
};

const actor: Actor = { subject: 's-1', role: 'staff', municipalityId: 'm-1', serviceId: 'skole' };
const envelope = (overrides: Partial<CommandEnvelope> = {}): CommandEnvelope => ({
  commandId: randomUUID(),
  actor,
  occurredAt: '2026-12-03T12:00:00.000Z',
  ...overrides,
});

describe('CommandHandling', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bti-handling-'));
  let path: string;
  let store: SqliteEventStore;
  let handling: CommandHandling;
  beforeEach(() => {
    path = join(dir, `${randomUUID()}.sqlite`);
    store = new SqliteEventStore({ path });
    handling = new CommandHandling(store, new StreamStates(store));
  });
  afterEach(() => store.close());
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const counts = async (id: string) =>
    (await store.readStream(`tally-${id}`)).map((event) => (event.data as { count: number }).count);

  it('decides commands sent at once to one stream each on the state the one before left', async () => {
    // All thirty are handled in one turn of the event loop, so without turns they would all be
    // decided on the empty stream and all but one refused by the group commit.
    const outcomes = await Promise.all(
      Array.from({ length: 30 }, () => handling.handle(tally, 't-1', { type: 'Add' }, envelope())),
    );
    expect(outcomes.map((outcome) => outcome.revision)).toEqual(
      Array.from({ length: 30 }, (_, i) => BigInt(i)),
    );
    expect(await counts('t-1')).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
  });

  it('still answers 409 to one who sent If-Match for a revision another command moved on', async () => {
    await handling.handle(tally, 't-2', { type: 'Add' }, envelope());
    const [first, second] = await Promise.allSettled([
      handling.handle(tally, 't-2', { type: 'Add' }, envelope({ expectedRevision: 0n })),
      handling.handle(tally, 't-2', { type: 'Add' }, envelope({ expectedRevision: 0n })),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { revision: 1n } });
    expect(second).toMatchObject({ status: 'rejected' });
    expect((second as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
    expect(await counts('t-2')).toEqual([1, 2]);
  });

  it('answers one commandId sent twice at once with one change, the second as its duplicate', async () => {
    const commandId = randomUUID();
    const [first, second] = await Promise.all([
      handling.handle(tally, 't-3', { type: 'Add' }, envelope({ commandId })),
      handling.handle(tally, 't-3', { type: 'Add' }, envelope({ commandId })),
    ]);
    expect(first).toMatchObject({ revision: 0n, duplicate: false });
    expect(second).toMatchObject({ revision: 0n, duplicate: true, position: first.position });
    expect(await counts('t-3')).toEqual([1]);
  });

  it('decides again, on the fresh state, a command that lost to another process’s append', async () => {
    await handling.handle(tally, 't-4', { type: 'Add' }, envelope());
    const other = new SqliteEventStore({ path });
    const otherHandling = new CommandHandling(other, new StreamStates(other));
    try {
      // Both processes know revision 0; each one's append in the same moment races the other's.
      await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          (i % 2 ? otherHandling : handling).handle(tally, 't-4', { type: 'Add' }, envelope()),
        ),
      );
    } finally {
      await other.close();
    }
    expect(await counts('t-4')).toEqual([1, 2, 3, 4, 5]);
  });
});
