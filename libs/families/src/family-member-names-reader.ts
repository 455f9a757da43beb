import { Inject, Injectable } from '@nestjs/common';
import type { FamilyMemberNames } from '@bti/access';
import { READ_MODEL_STORE, type SqliteReadModelStore } from '@bti/read-models';
import { FAMILIES, familyProjection, type FamilyView } from './families.projection';

/** Every registered subject's and guardian's name in the municipality, from the family register. */
@Injectable()
export class RegisteredFamilyMemberNames implements FamilyMemberNames {
  constructor(@Inject(READ_MODEL_STORE) private readonly readModels: SqliteReadModelStore) {}

  async namesIn(municipalityId: string): Promise<readonly string[]> {
    // Half a register would let a name through that the check is there to stop: refuse meanwhile.
    this.readModels.refuseWhileRebuilding([familyProjection.name]);
    const names = new Set<string>();
    let after: string | undefined;
    do {
      const page = this.readModels.findDocuments<FamilyView>(
        FAMILIES,
        { municipalityId },
        { after, limit: 500 },
      );
      for (const { document } of page.items) {
        for (const subject of Object.values(document.subjects)) names.add(subject.personal.name);
        for (const guardian of Object.values(document.guardians)) names.add(guardian.personal.name);
      }
      after = page.nextCursor ?? undefined;
    } while (after);
    return [...names];
  }
}
