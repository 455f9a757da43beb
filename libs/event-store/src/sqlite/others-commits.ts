import type Database from 'better-sqlite3';

/**
 * Whether another connection (another process, a node sharing the file) has committed to a SQLite
 * file since this one last asked — what a cache of the file's contents kept in memory is trusted by.
 * `PRAGMA data_version` is asked at most once per turn of the event loop: a commit by another
 * connection within the current turn is seen from the next one on. This connection's own commits do
 * not count; a cache must take them in itself.
 */
export class OthersCommits {
  private readonly dataVersion: Database.Statement<[], number>;
  private version = -1;
  private askedThisTurn = false;

  constructor(db: Database.Database) {
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /** True when another connection has committed since the last time this returned; false within a turn. */
  sinceAsked(): boolean {
    if (this.askedThisTurn) return false;
    this.askedThisTurn = true;
    setImmediate(() => {
      this.askedThisTurn = false;
    });
    const version = this.dataVersion.get() as number;
    if (version === this.version) return false;
    this.version = version;
    return true;
  }
}
