import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore, type RecordedEvent } from '@bti/event-store';

interface Ack {
  commandId: string;
  stream: string;
  count: number;
  position: bigint;
}

/** Runs the append loop in a child process and SIGKILLs it once `killAfterAcks` appends were acknowledged. */
function appendUntilKilled(path: string, killAfterAcks: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(__dirname, 'append-loop.child.ts'), path],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const acks: Ack[] = [];
    let buffered = '';
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const [word, commandId, stream, count, position] = line.split(' ');
        if (word !== 'ack') continue;
        acks.push({ commandId, stream, count: Number(count), position: BigInt(position) });
        if (acks.length === killAfterAcks) child.kill('SIGKILL');
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(acks);
      else reject(new Error(`append loop ended by itself (code ${code}): ${stderr}`));
    });
  });
}

describe('durability: an acknowledged append survives SIGKILL', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it.each([150, 600, 1500, 3000])('kill after %i acknowledged appends', async (killAfter) => {
    const dir = mkdtempSync(join(tmpdir(), 'bti-durable-'));
    dirs.push(dir);
    const path = join(dir, 'events.sqlite');
    const acks = await appendUntilKilled(path, killAfter);
    expect(acks.length).toBeGreaterThanOrEqual(killAfter);

    const store = new SqliteEventStore({ path });
    const events = await store.readAll();
    await store.close();

    const byCommand = new Map<string, RecordedEvent[]>();
    for (const event of events) {
      const list = byCommand.get(event.metadata.commandId) ?? [];
      list.push(event);
      byCommand.set(event.metadata.commandId, list);
    }
    // Every acknowledged append is there, whole, at the position it was acknowledged with.
    for (const ack of acks) {
      const written = byCommand.get(ack.commandId);
      expect(written?.length).toBe(ack.count);
      expect(written?.[written.length - 1].position).toBe(ack.position);
      expect(written?.every((e) => e.stream === ack.stream)).toBe(true);
    }
    // No append is there in part, acknowledged or not.
    for (const written of byCommand.values()) {
      expect(written.length).toBe(Number(written[0].data.of));
      expect(written.map((e) => e.data.index)).toEqual(written.map((_, i) => i));
    }
    // The log is in order, and every stream's revisions run 0, 1, 2 … without a hole.
    expect(events.every((e, i) => i === 0 || e.position > events[i - 1].position)).toBe(true);
    const revisions = new Map<string, bigint>();
    for (const event of events) {
      const expected = (revisions.get(event.stream) ?? -1n) + 1n;
      expect(event.revision).toBe(expected);
      revisions.set(event.stream, event.revision);
    }
  });
});
