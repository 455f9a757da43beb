import { StreamTurns } from './stream-turns';

const later = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('StreamTurns', () => {
  it('runs the turns of one stream one after another, in the order they were asked for', async () => {
    const turns = new StreamTurns();
    const log: string[] = [];
    let running = 0;
    let mostAtOnce = 0;
    const work = (name: string) => async () => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      log.push(`${name} starts`);
      await later();
      await later();
      log.push(`${name} ends`);
      running--;
      return name;
    };
    const answers = await Promise.all(['a', 'b', 'c'].map((name) => turns.take('s', work(name))));
    expect(answers).toEqual(['a', 'b', 'c']);
    expect(mostAtOnce).toBe(1);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
  });

  it('lets other streams go at the same time', async () => {
    const turns = new StreamTurns();
    let running = 0;
    let mostAtOnce = 0;
    const work = async () => {
      running++;
      mostAtOnce = Math.max(mostAtOnce, running);
      await later();
      running--;
    };
    await Promise.all([turns.take('s', work), turns.take('t', work), turns.take('u', work)]);
    expect(mostAtOnce).toBe(3);
  });

  it('gives the next turn after one that failed, and the failure to its own caller only', async () => {
    const turns = new StreamTurns();
    const failing = turns.take('s', async () => {
      await later();
      throw new Error('refused');
    });
    const next = turns.take('s', async () => 'decided');
    await expect(failing).rejects.toThrow('refused');
    await expect(next).resolves.toBe('decided');
  });

  it('forgets a stream once its last turn has ended', async () => {
    const turns = new StreamTurns();
    const first = turns.take('s', later);
    const second = turns.take('s', later);
    expect(turns.busyStreams).toBe(1);
    await Promise.all([first, second]);
    await later();
    expect(turns.busyStreams).toBe(0);
  });
});
