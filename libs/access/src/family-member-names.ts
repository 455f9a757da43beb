/**
 * The names of the family members registered in a municipality: what an anonymous discussion must
 * not contain. Implemented by the families context from its read model, so a family registered a
 * moment ago may be missing for that moment.
 */
export interface FamilyMemberNames {
  namesIn(municipalityId: string): Promise<readonly string[]>;
}

export const FAMILY_MEMBER_NAMES = Symbol('FAMILY_MEMBER_NAMES');
