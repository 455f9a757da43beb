import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { FamilyMemberNames } from '@bti/access';
import { wordKeys } from '@bti/domain';
import { EVENT_STORE } from '@bti/event-store';
import { READ_WAIT_MS } from '@bti/http';
import { PROJECTION_RUNNER, READ_MODEL_STORE, type SqliteReadModelStore } from '@bti/read-models';
import { familyMemberNamesProjection } from './family-member-names.projection';

/** How far the log goes: what the register of names has to have reached before it is asked. */
export interface LogHead {
  headPosition(): Promise<bigint>;
}

/** Waits for named projections to reach a log position (the projection runner). */
export interface ProjectionProgress {
  waitForPosition(position: bigint, timeoutMs: number, names: readonly string[]): Promise<void>;
}

const REGISTER = [familyMemberNamesProjection.name];

/** The registered subjects' and guardians' names in the municipality that the texts could hold. */
@Injectable()
export class RegisteredFamilyMemberNames implements FamilyMemberNames {
  private readonly byKeys: Database.Statement<[string, string], { name: string }>;

  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: SqliteReadModelStore,
    @Inject(EVENT_STORE) private readonly log: LogHead,
    @Inject(PROJECTION_RUNNER) private readonly progress: ProjectionProgress,
  ) {
    this.byKeys = readModels.reader((db) =>
      db.prepare<[string, string], { name: string }>(
        `SELECT DISTINCT name FROM family_member_names
         WHERE municipality_id = ? AND name_key IN (SELECT value FROM json_each(?))`,
      ),
    );
  }

  /**
   * Only once the register holds every name in the log as it is when asked: a family registered a
   * moment ago is in the log before it is in the register, and in that moment its child's name would
   * pass. Past READ_WAIT_MS the check fails with `ProjectionTimeout` (503, asked again) rather than
   * let a name through.
   */
  async namesIn(municipalityId: string, texts: readonly string[]): Promise<readonly string[]> {
    // Half a register would let a name through that the check is there to stop: refuse meanwhile.
    this.readModels.refuseWhileRebuilding(REGISTER);
    const keys = [...new Set(texts.flatMap(wordKeys))];
    if (keys.length === 0) return [];
    await this.progress.waitForPosition(await this.log.headPosition(), READ_WAIT_MS, REGISTER);
    return this.byKeys.all(municipalityId, JSON.stringify(keys)).map((row) => row.name);
  }
}
