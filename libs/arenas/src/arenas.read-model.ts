import type Database from 'better-sqlite3';
import type { ArenaDescription, ArenaEvent, BtiLevel, Referrer } from '@bti/domain';
import { asReadEvent, type RecordedEvent } from '@bti/event-store';
import { pageLimit, type PageOptions, type Projection } from '@bti/read-models';

export const ARENAS = 'arenas';

/**
 * An arena as a reader may see it. How many cases wait — and the revision, which moves with every
 * referral — only the municipality's staff and admins see; the family sees what the team is and how
 * to be referred.
 */
export type ArenaView = ArenaDescription & {
  arenaId: string;
  municipalityId: string;
  pendingReferrals?: number;
  /** The arena stream's revision: send it as If-Match. */
  revision?: string;
};

/** An arena with its queue's length and its revision, as the read model holds it. */
export type ArenaWithQueue = ArenaView & { pendingReferrals: number; revision: string };

export interface ReferralView {
  referralId: string;
  arenaId: string;
  familyId: string;
  logId: string | null;
  subjectId: string | null;
  level: BtiLevel | null;
  referrer: Referrer;
  /** Whether an active consent named every member service when the case was referred. */
  consentCoversArena: boolean;
  /**
   * Whether one does now. A case referred under consent whose consent no longer covers the team is
   * not taken in (422), and its reason is withheld.
   */
  consentCoversArenaNow?: boolean;
  /** Null once the family's personal data is erased, and while a consent it needs is lapsed. */
  reason: string | null;
  referredAt: string;
  status: 'pending' | 'accepted' | 'declined';
  answer: {
    by: { staffId: string; serviceId: string };
    at: string;
    // The texts below are the family's personal data: null once it is erased, too.
    /** The arena's note on accepting. */
    note: string | null;
    redirectToArenaId: string | null;
    /** The arena's advice on declining: where to go instead. */
    advice: string | null;
    /** Why the arena declined. */
    reason: string | null;
  } | null;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS arenas (
  arena_id TEXT PRIMARY KEY, municipality_id TEXT NOT NULL, description TEXT NOT NULL,
  revision INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS arenas_by_municipality ON arenas (municipality_id, arena_id);
CREATE TABLE IF NOT EXISTS arena_referrals (
  arena_id TEXT NOT NULL, referral_id TEXT NOT NULL, seq INTEGER NOT NULL, status TEXT NOT NULL,
  referral TEXT NOT NULL, answer TEXT,
  PRIMARY KEY (arena_id, referral_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS arena_referrals_by_status ON arena_referrals (arena_id, status, seq);
`;

const PREFIX = 'arena-';

function prepare(db: Database.Database) {
  const s = {
    put: db.prepare(
      `INSERT INTO arenas (arena_id, municipality_id, description, revision) VALUES (?, ?, ?, ?)
       ON CONFLICT (arena_id) DO UPDATE SET description = excluded.description, revision = excluded.revision`,
    ),
    revision: db.prepare('UPDATE arenas SET revision = ? WHERE arena_id = ?'),
    refer: db.prepare(
      `INSERT OR IGNORE INTO arena_referrals (arena_id, referral_id, seq, status, referral) VALUES (?, ?, ?, 'pending', ?)`,
    ),
    answer: db.prepare(
      'UPDATE arena_referrals SET status = ?, answer = ? WHERE arena_id = ? AND referral_id = ?',
    ),
  };
  return (recorded: RecordedEvent) => {
    const arenaId = recorded.stream.slice(PREFIX.length);
    const seq = Number(recorded.revision);
    const event = asReadEvent<ArenaEvent>(recorded);
    switch (event.type) {
      case 'ArenaEstablished': {
        const { arenaId: _id, municipalityId, by: _by, at: _at, ...description } = event.data;
        s.put.run(arenaId, municipalityId, JSON.stringify(description), seq);
        return;
      }
      case 'ArenaUpdated': {
        const { by: _by, at: _at, ...description } = event.data;
        s.put.run(arenaId, '', JSON.stringify(description), seq);
        return;
      }
      case 'CaseReferredToArena': {
        s.revision.run(seq, arenaId);
        const { personal, at, ...referral } = event.data;
        s.refer.run(
          arenaId,
          referral.referralId,
          seq,
          JSON.stringify({ ...referral, reason: personal.reason, referredAt: at }),
        );
        return;
      }
      case 'ReferralAccepted':
      case 'ReferralDeclined': {
        s.revision.run(seq, arenaId);
        const d = event.data;
        const declined = event.type === 'ReferralDeclined' ? event.data : null;
        s.answer.run(
          event.type === 'ReferralAccepted' ? 'accepted' : 'declined',
          JSON.stringify({
            by: d.by,
            at: d.at,
            note: event.type === 'ReferralAccepted' ? event.data.personal.note : null,
            redirectToArenaId: declined?.redirectToArenaId ?? null,
            advice: declined?.personal.advice ?? null,
            reason: declined?.personal.reason ?? null,
          }),
          arenaId,
          d.referralId,
        );
        return;
      }
    }
  };
}

/** The municipality's arenas, and each arena's intake queue as rows. */
export const arenasProjection: Projection = {
  name: 'arenas',
  version: 1,
  tables: ['arenas', 'arena_referrals'],
  schema: SCHEMA,
  filter: { streamPrefixes: [PREFIX] },
  prepare,
};

/** The queries over the arenas' own tables. */
export class ArenasReadModel {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      arena: db.prepare<
        [string],
        { arena_id: string; municipality_id: string; description: string; revision: number }
      >('SELECT * FROM arenas WHERE arena_id = ?'),
      byMunicipality: db.prepare<
        [string, string, number],
        { arena_id: string; municipality_id: string; description: string; revision: number }
      >(
        'SELECT * FROM arenas WHERE municipality_id = ? AND arena_id > ? ORDER BY arena_id LIMIT ?',
      ),
      pending: db.prepare<[string], { n: number }>(
        `SELECT count(*) AS n FROM arena_referrals WHERE arena_id = ? AND status = 'pending'`,
      ),
      referrals: db.prepare<
        [string, string, number, number],
        { seq: number; status: ReferralView['status']; referral: string; answer: string | null }
      >(
        `SELECT seq, status, referral, answer FROM arena_referrals
         WHERE arena_id = ? AND status = ? AND seq > ? ORDER BY seq LIMIT ?`,
      ),
    };
  }

  private view(row: {
    arena_id: string;
    municipality_id: string;
    description: string;
    revision: number;
  }): ArenaWithQueue {
    return {
      arenaId: row.arena_id,
      municipalityId: row.municipality_id,
      ...(JSON.parse(row.description) as ArenaDescription),
      pendingReferrals: this.statements.pending.get(row.arena_id)?.n ?? 0,
      revision: String(row.revision),
    };
  }

  arena(arenaId: string): ArenaWithQueue | null {
    const row = this.statements.arena.get(arenaId);
    return row ? this.view(row) : null;
  }

  arenasOf(
    municipalityId: string,
    page: PageOptions,
  ): { items: ArenaWithQueue[]; nextCursor: string | null } {
    const limit = pageLimit(page.limit);
    const rows = this.statements.byMunicipality.all(municipalityId, page.after ?? '', limit + 1);
    const items = rows.slice(0, limit).map((row) => this.view(row));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].arenaId : null };
  }

  /** The queue: referrals of one status in the order they came, a page at a time. */
  referrals(
    arenaId: string,
    status: ReferralView['status'],
    page: PageOptions,
  ): { items: ReferralView[]; nextCursor: string | null } {
    const limit = pageLimit(page.limit);
    const after = page.after && /^\d+$/.test(page.after) ? Number(page.after) : -1;
    const rows = this.statements.referrals.all(arenaId, status, after, limit + 1);
    const items = rows.slice(0, limit).map((row) => ({
      arenaId,
      ...(JSON.parse(row.referral) as Omit<ReferralView, 'arenaId' | 'status' | 'answer'>),
      status: row.status,
      answer: row.answer ? (JSON.parse(row.answer) as ReferralView['answer']) : null,
    }));
    return {
      items,
      nextCursor: rows.length > limit ? String(rows[limit - 1].seq) : null,
    };
  }
}
