/**
 * Commands on one stream take turns within this process. Racing them instead let each group commit
 * accept one append per stream and refuse the rest with a revision conflict, so a burst of thirty
 * entries on one log without If-Match answered three 201s and twenty-seven 409s (found from outside)
 * although the service promises to decide such a command again on the current state. In turn, each
 * decides on the state its predecessor left; only another process's writes can still conflict.
 */
export class StreamTurns {
  /** The last turn queued for each stream that has one under way. */
  private readonly lastTurn = new Map<string, Promise<unknown>>();

  /** Runs `work` once the stream's earlier turns have ended, however they ended. */
  take<Result>(stream: string, work: () => Promise<Result>): Promise<Result> {
    const before = this.lastTurn.get(stream);
    const turn = before ? before.then(work, work) : work();
    const settled = turn.then(
      () => undefined,
      () => undefined,
    );
    this.lastTurn.set(stream, settled);
    void settled.then(() => {
      if (this.lastTurn.get(stream) === settled) this.lastTurn.delete(stream);
    });
    return turn;
  }

  /** Streams with a turn under way or waiting (a stream's entry goes when its last turn ends). */
  get busyStreams(): number {
    return this.lastTurn.size;
  }
}
