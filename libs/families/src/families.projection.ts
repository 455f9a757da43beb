import type { FamilyEvent, Guardian, Subject } from '@bti/domain';
import { asReadEvent, type AsRead, type ErasureMarks } from '@bti/event-store';
import { documentProjection } from '@bti/read-models';

export const FAMILIES = 'families';

/** The family register as its readers (staff of the municipality, the guardians) see it. */
export interface FamilyView {
  familyId: string;
  municipalityId: string;
  subjects: Record<string, SubjectView>;
  guardians: Record<string, GuardianView>;
  /**
   * The family stream's revision: send it as If-Match. Null for the family's own members, whose
   * register hides what moves it (a young person's sign-in linked, another parent's details).
   */
  revision: string | null;
  /** When an ordered erasure deleted the family's key; its personal fields read as null since. */
  erasedAt?: string;
}

/** A subject as the register shows them: each personal field null once the family's data is erased. */
export interface SubjectView extends Omit<Subject, 'personal'> {
  personal: SubjectPersonalView;
}
export interface SubjectPersonalView extends ErasureMarks {
  name: string | null;
  birthDate: string | null;
  expectedBirthDate: string | null;
}

/** A guardian as the register shows them: each personal field null once the family's data is erased. */
export interface GuardianView extends Omit<Guardian, 'personal' | 'identitySubject'> {
  /** Their sign-in; null to another family member reading the register (it is theirs alone). */
  identitySubject: string | null;
  personal: GuardianPersonalView;
}
/**
 * The register's guardians with their sign-ins: the stored register holds each one's (only a family
 * member's reading of it withholds the others').
 */
export function signedInGuardians(
  family: FamilyView,
): (Omit<GuardianView, 'identitySubject'> & { identitySubject: string })[] {
  return Object.values(family.guardians).flatMap(({ identitySubject, ...guardian }) =>
    identitySubject ? [{ ...guardian, identitySubject }] : [],
  );
}

export interface GuardianPersonalView extends ErasureMarks {
  name: string | null;
  contact: string | null;
}

export function evolveFamilyView(
  view: FamilyView | null,
  event: AsRead<FamilyEvent>,
): FamilyView | null {
  if (event.type === 'FamilyRegistered')
    return { ...event.data, subjects: {}, guardians: {}, revision: '0' };
  if (!view) return view;
  switch (event.type) {
    case 'SubjectAdded':
      return { ...view, subjects: { ...view.subjects, [event.data.subjectId]: event.data } };
    case 'ChildBorn': {
      const subject = view.subjects[event.data.subjectId];
      if (!subject) return view;
      const born: SubjectView = { ...subject, kind: 'child', personal: event.data.personal };
      return { ...view, subjects: { ...view.subjects, [born.subjectId]: born } };
    }
    case 'GuardianAdded':
      return { ...view, guardians: { ...view.guardians, [event.data.guardianId]: event.data } };
    case 'SubjectIdentityLinked': {
      const subject = view.subjects[event.data.subjectId];
      if (!subject) return view;
      const linked: SubjectView = { ...subject, identitySubject: event.data.identitySubject };
      return { ...view, subjects: { ...view.subjects, [linked.subjectId]: linked } };
    }
    case 'FamilyErased':
      return { ...view, erasedAt: event.data.at };
  }
}

export const familyProjection = documentProjection<FamilyView>({
  name: 'families',
  version: 4,
  collection: FAMILIES,
  indexes: ['municipalityId'],
  filter: { streamPrefixes: ['family-'] },
  documentIds: (event) => [event.stream.slice('family-'.length)],
  evolve: (view, recorded) => {
    const next = evolveFamilyView(view, asReadEvent<FamilyEvent>(recorded));
    return next && { ...next, revision: String(recorded.revision) };
  },
});
