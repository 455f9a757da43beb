import type Database from 'better-sqlite3';

/**
 * Runs a synchronous read of several statements in one (deferred) transaction on `db`: the statements
 * share one snapshot and take the WAL read lock once, instead of once each. A log view is a dozen
 * statements; each alone opens and closes a read transaction of its own.
 */
export function oneReadOn(db: Database.Database): <T>(read: () => T) => T {
  const inTransaction = db.transaction((read: () => unknown) => read());
  return <T>(read: () => T): T => inTransaction(read) as T;
}
