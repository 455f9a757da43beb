/**
 * The names of the family members registered in a municipality: what an anonymous discussion must
 * not contain. Implemented by the families context from its read model, so a family registered a
 * moment ago may be missing for that moment.
 */
export interface FamilyMemberNames {
  /**
   * The registered names that these texts could hold: those whose `nameKey` is one of the texts'
   * words (`wordKeys`). Checking the texts against them finds what checking every name would.
   */
  namesIn(municipalityId: string, texts: readonly string[]): Promise<readonly string[]>;
}

export const FAMILY_MEMBER_NAMES = Symbol('FAMILY_MEMBER_NAMES');
