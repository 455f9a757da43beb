import { activeConsents, type Actor, type ConsentTerms } from '@bti/domain';

/**
 * Whose reads go into the family's access log: everyone's but the family's own (guardians and the
 * young person reading their own case are not "someone looking at my child's log").
 */
export function readIsRecorded(reader: Actor): boolean {
  return reader.role !== 'guardian' && reader.role !== 'youth';
}

/** What a leader's anomaly list looks at in a read of a log: was consent in force, did the reader's service take part? */
export function logReadFacts(
  reader: Actor,
  log: {
    readonly consents: Iterable<ConsentTerms>;
    readonly services: readonly { readonly serviceId: string }[];
  },
  at: string,
): { consentActive: boolean; participating: boolean } {
  return {
    consentActive: activeConsents(log.consents, at).length > 0,
    participating: log.services.some((service) => service.serviceId === reader.serviceId),
  };
}

/**
 * Who may read a family's access log: a guardian with parental responsibility, every read of the
 * family; the young person, the reads about themselves (a family-wide read may be about a sibling).
 */
export function accessLogScope(
  reader: Actor,
  members: readonly {
    readonly kind: 'guardian' | 'subject';
    readonly identitySubject: string;
    readonly subjectId: string | null;
    readonly parentalResponsibility: boolean;
  }[],
): { readonly all: true } | { readonly subjectId: string } | null {
  const me = members.filter((member) => member.identitySubject === reader.subject);
  if (
    reader.role === 'guardian' &&
    me.some((m) => m.kind === 'guardian' && m.parentalResponsibility)
  )
    return { all: true };
  const self = me.find((m) => m.kind === 'subject' && m.subjectId);
  if (reader.role === 'youth' && self?.subjectId) return { subjectId: self.subjectId };
  return null;
}

/** A leader of the municipality's use of the product: its admin or a coordinator, never an analyst (aggregates only). */
export function mayReviewAccess(reader: Actor, municipalityId: string): boolean {
  return (
    (reader.role === 'admin' || reader.role === 'coordinator') &&
    reader.municipalityId === municipalityId
  );
}
