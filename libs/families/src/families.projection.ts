import type { FamilyEvent, Guardian, Subject } from '@bti/domain';
import { documentProjection } from '@bti/read-models';

export const FAMILIES = 'families';

/** The family register as its readers (staff of the municipality, the guardians) see it. */
export interface FamilyView {
  familyId: string;
  municipalityId: string;
  subjects: Record<string, Subject>;
  guardians: Record<string, Guardian>;
  /** The family stream's revision: send it as If-Match. */
  revision: string;
  /** When an ordered erasure deleted the family's key; its personal fields read as null since. */
  erasedAt?: string;
}

export function evolveFamilyView(view: FamilyView | null, event: FamilyEvent): FamilyView | null {
  if (event.type === 'FamilyRegistered')
    return { ...event.data, subjects: {}, guardians: {}, revision: '0' };
  if (!view) return view;
  switch (event.type) {
    case 'SubjectAdded':
      return { ...view, subjects: { ...view.subjects, [event.data.subjectId]: event.data } };
    case 'ChildBorn': {
      const subject = view.subjects[event.data.subjectId];
      if (!subject) return view;
      const born: Subject = { ...subject, kind: 'child', personal: event.data.personal };
      return { ...view, subjects: { ...view.subjects, [born.subjectId]: born } };
    }
    case 'GuardianAdded':
      return { ...view, guardians: { ...view.guardians, [event.data.guardianId]: event.data } };
    case 'SubjectIdentityLinked': {
      const subject = view.subjects[event.data.subjectId];
      if (!subject) return view;
      const linked: Subject = { ...subject, identitySubject: event.data.identitySubject };
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
    const next = evolveFamilyView(view, {
      type: recorded.type,
      data: recorded.data,
    } as unknown as FamilyEvent);
    return next && { ...next, revision: String(recorded.revision) };
  },
});
