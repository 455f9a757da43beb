import Database from 'better-sqlite3';

/** What each suppressed cell of a cube held when it was published hidden: cell key → `sum/units`. */
export type HiddenCells = ReadonlyMap<string, string>;

/**
 * The cells each metric's tables last published as suppressed, kept across builds and restarts. A
 * cube is built anew as events arrive, and its secondary suppression — decided over the whole cube
 * — could hide another cell of a line whose values had not changed: the table before and the table
 * after, put side by side, then gave a hidden cell away (found from outside: a county's quarter
 * hidden in one build and published in the next, with one municipality's published then, gave a
 * neighbour's 1). A cell published hidden stays hidden while it holds the same value.
 */
export class PublishedSuppression {
  private readonly db: Database.Database;
  private readonly statements;

  constructor(path: string) {
    this.db = new Database(path, { timeout: 10_000 });
    if (path !== ':memory:') this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS hidden_cells (
      metric TEXT NOT NULL, breakdown TEXT NOT NULL, cell TEXT NOT NULL, held TEXT NOT NULL,
      PRIMARY KEY (metric, breakdown, cell)
    ) WITHOUT ROWID`);
    this.statements = {
      recall: this.db.prepare<[string], { breakdown: string; cell: string; held: string }>(
        'SELECT breakdown, cell, held FROM hidden_cells WHERE metric = ?',
      ),
      forget: this.db.prepare<[string]>('DELETE FROM hidden_cells WHERE metric = ?'),
      keep: this.db.prepare<[string, string, string, string]>(
        'INSERT INTO hidden_cells (metric, breakdown, cell, held) VALUES (?, ?, ?, ?)',
      ),
    };
  }

  /** The cells of each breakdown's cube of the metric that were last published hidden. */
  recall(metricId: string): Map<string, HiddenCells> {
    const byBreakdown = new Map<string, Map<string, string>>();
    for (const { breakdown, cell, held } of this.statements.recall.iterate(metricId)) {
      let cells = byBreakdown.get(breakdown);
      if (!cells) byBreakdown.set(breakdown, (cells = new Map<string, string>()));
      cells.set(cell, held);
    }
    return byBreakdown;
  }

  /** The metric's cubes as now published: their hidden cells replace those recalled. */
  remember(metricId: string, hidden: ReadonlyMap<string, HiddenCells>): void {
    this.db.transaction(() => {
      this.statements.forget.run(metricId);
      for (const [breakdown, cells] of hidden)
        for (const [cell, held] of cells) this.statements.keep.run(metricId, breakdown, cell, held);
    })();
  }

  close(): void {
    this.db.close();
  }
}
