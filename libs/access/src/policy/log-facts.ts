import { consentAgeOf, type KnownStafettlogg, type StafettloggFacts } from '@bti/domain';
import type { LogFacts, LogFamilyFacts } from './log-visibility';

/**
 * The facts of a log's rules for a context that holds none of them (a meeting, an arena): whether the
 * actor may know the log is told by its state alone.
 */
export const NO_LOG_FACTS: StafettloggFacts = { municipality: null, family: null, concern: null };

/** The policy's view of a log, from the decider's state (and the municipality, while it awaits consent). */
export function logFactsOf(state: KnownStafettlogg, facts: StafettloggFacts): LogFacts {
  return {
    municipalityId: state.municipalityId,
    subjectId: state.subjectId,
    status: state.status,
    services:
      state.status === 'awaiting_consent'
        ? []
        : Object.entries(state.services).map(([serviceId, { hidden }]) => ({ serviceId, hidden })),
    consents: Object.values(state.consents),
    consentAge: consentAgeOf(state, facts.municipality),
    readGrants: Object.values(state.readGrants ?? {}),
    keptFromGuardians: state.keptFromGuardians ?? [],
  };
}

/** The policy's view of the log's family, from the family in the facts. */
export function logFamilyFactsOf(
  state: KnownStafettlogg,
  facts: StafettloggFacts,
): LogFamilyFacts | null {
  if (!facts.family) return null;
  const subject = facts.family.subjects[state.subjectId];
  return {
    guardians: Object.values(facts.family.guardians),
    subject: subject
      ? { identitySubject: subject.identitySubject, birthDate: subject.personal.birthDate }
      : null,
  };
}
