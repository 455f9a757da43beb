import {
  consentCovers,
  isOfAge,
  isStaffRole,
  serviceMayAct,
  youthConsentsAlone,
  type Actor,
  type ConsentTerms,
  type InformationCategory,
  type ServiceMayActAnswer,
} from '@bti/domain';

/** What the policy needs to know about a log: from the decider's state or from a read model. */
export interface LogFacts {
  readonly municipalityId: string;
  readonly subjectId: string;
  readonly status: 'awaiting_consent' | 'open' | 'closed';
  readonly services: readonly { readonly serviceId: string; readonly hidden: boolean }[];
  readonly consents: readonly (ConsentTerms & { readonly consentId: string })[];
  /** The consent age in the log's rules; the municipality's while the log awaits consent. */
  readonly consentAge: number;
  /**
   * Sign-ins of parents without parental responsibility that a service has let read the log. Read
   * models that keep no copy of them leave it out: such a parent is then refused, never let in.
   */
  readonly readGrants?: readonly string[];
  /** From the consent age: what the young person has chosen to keep from the guardians. */
  readonly keptFromGuardians?: readonly InformationCategory[];
}

/** What the policy needs to know about the log's family. */
export interface LogFamilyFacts {
  readonly guardians: readonly {
    readonly guardianId: string;
    readonly identitySubject: string;
    readonly parentalResponsibility: boolean;
  }[];
  /** The log's subject: their own sign-in (a young person) and birth date (null for a pregnancy). */
  readonly subject: {
    readonly identitySubject: string | null;
    readonly birthDate: string | null;
  } | null;
}

/** Categories the law keeps from guardians once the young person has reached the consent age. */
export const KEPT_FROM_GUARDIANS_FROM_CONSENT_AGE: ReadonlySet<InformationCategory> = new Set([
  'health',
]);

/**
 * Who may know that a log exists: staff of its municipality whose service takes part or is named in
 * any of its consents (given, withdrawn or expired — they learnt of it when asked); the family's
 * guardians, until the child comes of age (when `at` is given: a read, a command); the young person
 * it is about, once their sign-in is linked. Anyone else gets a 404.
 */
export function mayKnowLog(
  actor: Actor,
  log: LogFacts,
  family: LogFamilyFacts | null,
  at?: string,
): boolean {
  if (isStaffRole(actor.role)) {
    const own = actor.serviceId;
    // Service ids are chosen per municipality: a namesake elsewhere is another service.
    if (!own || actor.municipalityId !== log.municipalityId) return false;
    return (
      log.services.some((s) => s.serviceId === own) ||
      log.consents.some((c) => c.scope.services.includes(own))
    );
  }
  if (!family) return false;
  // A parent without parental responsibility reads only where a service has let them (barneloven § 47
  // gives a right to information from the services, which is not the log).
  // A parent's say, and their reading, end when the child comes of age (found from outside: a mother
  // read her 20-year-old's log, all but its health entries, and could still write in it).
  if (
    actor.role === 'guardian' &&
    at !== undefined &&
    isOfAge(family.subject?.birthDate ?? null, at)
  )
    return false;
  if (actor.role === 'guardian')
    return family.guardians.some(
      (g) =>
        g.identitySubject === actor.subject &&
        (g.parentalResponsibility || (log.readGrants ?? []).includes(actor.subject)),
    );
  if (actor.role === 'youth') return family.subject?.identitySubject === actor.subject;
  return false;
}

/** Why the archive role reads a restricted log; each read is logged with it. */
export const ARCHIVE_READ_REASONS = [
  'archive_transfer',
  'records_request',
  'supervision',
  'legal_claim',
] as const;
export type ArchiveReadReason = (typeof ARCHIVE_READ_REASONS)[number];

export type LogReadAccess =
  | { readonly kind: 'unknown' }
  /** May know the log, may not read it now: the same rule code a write would get. */
  | { readonly kind: 'withheld'; readonly code: Exclude<ServiceMayActAnswer, 'ok'> }
  | { readonly kind: 'service'; readonly serviceId: string }
  | {
      readonly kind: 'family';
      readonly keptCategories: ReadonlySet<InformationCategory>;
      /** The reader as an entry's author: they see their own words whatever else is kept from them. */
      readonly as: FamilyAuthor | null;
    }
  /** A closed log is restricted (sperret): the services that knew it may no longer read it. */
  | { readonly kind: 'restricted' }
  /** The municipality's archive reads a closed log whole, with a reason that is logged. */
  | { readonly kind: 'archive' };

/**
 * What this actor may read of a log at `at`. A service reads while it takes part under an active
 * consent naming it (before the log opens, while it is named in a consent request); otherwise it gets
 * the rule that stops it, exactly as a write would. Guardians read what is shared with them, minus what
 * the law keeps from them from the young person's consent age; the young person reads what is shared.
 */
export function logReadAccess(
  actor: Actor,
  log: LogFacts,
  family: LogFamilyFacts | null,
  at: string,
): LogReadAccess {
  if (actor.role === 'archivist')
    return log.status === 'closed' && actor.municipalityId === log.municipalityId
      ? { kind: 'archive' }
      : { kind: 'unknown' };
  if (!mayKnowLog(actor, log, family, at)) return { kind: 'unknown' };
  if (isStaffRole(actor.role) && log.status === 'closed') return { kind: 'restricted' };
  if (isStaffRole(actor.role) && actor.serviceId) {
    if (log.status === 'awaiting_consent') return { kind: 'service', serviceId: actor.serviceId };
    const own = actor.serviceId;
    const participates = log.services.some((s) => s.serviceId === own);
    const answer = serviceMayAct(log.consents, participates, at, own);
    return answer === 'ok'
      ? { kind: 'service', serviceId: own }
      : { kind: 'withheld', code: answer };
  }
  const youthDecides = youthConsentsAlone(family?.subject?.birthDate ?? null, log.consentAge, at);
  return {
    kind: 'family',
    keptCategories:
      actor.role === 'guardian' && youthDecides
        ? new Set([...KEPT_FROM_GUARDIANS_FROM_CONSENT_AGE, ...(log.keptFromGuardians ?? [])])
        : new Set<InformationCategory>(),
    as: familyAuthorFor(actor, log, family),
  };
}

/** A member of the family as entries name their author. */
export interface FamilyAuthor {
  readonly authorKind: 'guardian' | 'youth';
  readonly authorId: string;
}

function familyAuthorFor(
  actor: Actor,
  log: LogFacts,
  family: LogFamilyFacts | null,
): FamilyAuthor | null {
  if (actor.role === 'youth') return { authorKind: 'youth', authorId: log.subjectId };
  const guardian = family?.guardians.find((g) => g.identitySubject === actor.subject);
  return guardian ? { authorKind: 'guardian', authorId: guardian.guardianId } : null;
}

/** Readers a log may be shown to. */
export type LogReader = Extract<LogReadAccess, { kind: 'service' | 'family' | 'archive' }>;

/** Whether the policy lets this reader read the log at all (as a service, the family or the archive). */
export function isLogReader(access: LogReadAccess): access is LogReader {
  return access.kind === 'service' || access.kind === 'family' || access.kind === 'archive';
}

/**
 * Whether this reader may see that a service takes part. A hidden participant is seen only by itself
 * and by the services named together with it in a consent; the family sees every service they
 * consented to.
 */
export function serviceVisible(
  reader: LogReader,
  log: LogFacts,
  serviceId: string | null,
): boolean {
  if (reader.kind !== 'service' || serviceId === null || serviceId === reader.serviceId)
    return true;
  const participant = log.services.find((s) => s.serviceId === serviceId);
  if (!participant?.hidden) return true;
  return log.consents.some(
    (c) => c.scope.services.includes(reader.serviceId) && c.scope.services.includes(serviceId),
  );
}

/** A service sees the consents that name it (another's purpose could give a hidden participant away). */
export function consentVisible(
  reader: LogReader,
  consent: { readonly scope: { readonly services: readonly string[] } },
): boolean {
  return reader.kind !== 'service' || consent.scope.services.includes(reader.serviceId);
}

/** Who wrote an entry, its category, and whether it is shared with the family. */
export interface EntryFacts {
  readonly serviceId: string | null;
  readonly category: InformationCategory;
  readonly sharedWithGuardians: boolean;
  /** Its author, where the reader may be the one who wrote it (see `isOwnEntry`). */
  readonly authorKind?: 'staff' | 'guardian' | 'youth';
  readonly authorId?: string;
}

/**
 * Whether a family member wrote this entry. Their own words stay in their view when the young person
 * keeps the entry's category from the guardians: had they vanished, the guardian would have learnt
 * what the young person chose to keep.
 */
export function isOwnEntry(reader: LogReader, entry: EntryFacts): boolean {
  return (
    reader.kind === 'family' &&
    reader.as !== null &&
    entry.authorKind === reader.as.authorKind &&
    entry.authorId === reader.as.authorId
  );
}

/**
 * An entry is read by a service where one active consent names both the service and the entry's
 * category (and its writer is not hidden from the reader); by the family where it is shared with them
 * and not kept from them, and by the family member who wrote it.
 */
export function entryVisible(
  reader: LogReader,
  log: LogFacts,
  entry: EntryFacts,
  at: string,
): boolean {
  if (reader.kind === 'archive') return true;
  if (reader.kind === 'family')
    return (
      (entry.sharedWithGuardians && !reader.keptCategories.has(entry.category)) ||
      isOwnEntry(reader, entry)
    );
  return (
    serviceVisible(reader, log, entry.serviceId) &&
    consentCovers(log.consents, at, reader.serviceId, entry.category)
  );
}

export { consentCovers };
