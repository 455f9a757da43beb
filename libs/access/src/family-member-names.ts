/**
 * The names of the family members registered in a municipality: what an anonymous discussion must
 * not contain. Implemented by the families context from its read model, asked once that has caught
 * up with the log: a family registered a moment ago is in it too.
 */
export interface FamilyMemberNames {
  /**
   * The registered names that these texts could hold: those whose `nameKey` is one of the texts'
   * words (`wordKeys`). Checking the texts against them finds what checking every name would.
   */
  namesIn(municipalityId: string, texts: readonly string[]): Promise<readonly string[]>;
}

export const FAMILY_MEMBER_NAMES = Symbol('FAMILY_MEMBER_NAMES');
