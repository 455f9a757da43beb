import type { Actor } from '@bti/domain';
import type { FamilyView } from './families.projection';

/**
 * The register as a family member sees it: every member's sign-in but their own withheld (another
 * member's sign-in is no family matter), and the guardians' contact details only to a guardian with
 * parental responsibility or to the young person — a parent without it read the mother's phone
 * number and every member's sign-in (found from outside); no revision, which counts what they do
 * not see. The services see it whole. The register's read and the family's copy both show this.
 */
export function registerAsSeenBy(actor: Actor, family: FamilyView): FamilyView {
  if (actor.role !== 'guardian' && actor.role !== 'youth') return family;
  const guardians = Object.values(family.guardians);
  const responsible =
    actor.role === 'youth' ||
    guardians.some((g) => g.identitySubject === actor.subject && g.parentalResponsibility);
  const ownOnly = (identitySubject: string | null) =>
    identitySubject === actor.subject ? identitySubject : null;
  return {
    ...family,
    revision: null,
    subjects: Object.fromEntries(
      Object.entries(family.subjects).map(([id, subject]) => [
        id,
        { ...subject, identitySubject: ownOnly(subject.identitySubject) },
      ]),
    ),
    guardians: Object.fromEntries(
      Object.entries(family.guardians).map(([id, guardian]) => {
        const own = guardian.identitySubject === actor.subject;
        return [
          id,
          {
            ...guardian,
            identitySubject: own ? guardian.identitySubject : null,
            personal: {
              ...guardian.personal,
              contact: own || responsible ? guardian.personal.contact : null,
            },
          },
        ];
      }),
    ),
  };
}
