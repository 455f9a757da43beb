import { Inject, Injectable } from '@nestjs/common';
import type Database from 'better-sqlite3';
import type { FamilyMemberNames } from '@bti/access';
import { wordKeys } from '@bti/domain';
import { READ_MODEL_STORE, type SqliteReadModelStore } from '@bti/read-models';
import { familyMemberNamesProjection } from './family-member-names.projection';

/** The registered subjects' and guardians' names in the municipality that the texts could hold. */
@Injectable()
export class RegisteredFamilyMemberNames implements FamilyMemberNames {
  private readonly byKeys: Database.Statement<[string, string], { name: string }>;

  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: SqliteReadModelStore) {
    this.byKeys = readModels.reader((db) =>
      db.prepare<[string, string], { name: string }>(
        `SELECT DISTINCT name FROM family_member_names
         WHERE municipality_id = ? AND name_key IN (SELECT value FROM json_each(?))`,
      ),
    );
  }

  async namesIn(municipalityId: string, texts: readonly string[]): Promise<readonly string[]> {
    // Half a register would let a name through that the check is there to stop: refuse meanwhile.
    this.readModels.refuseWhileRebuilding([familyMemberNamesProjection.name]);
    const keys = [...new Set(texts.flatMap(wordKeys))];
    if (keys.length === 0) return [];
    return this.byKeys.all(municipalityId, JSON.stringify(keys)).map((row) => row.name);
  }
}
