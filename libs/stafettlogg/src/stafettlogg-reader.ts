import {
  guardianSignedInAs,
  ageOn,
  consentCovers,
  dateOf,
  type Actor,
  type ConsentRecord,
  type RegisteredFamily,
} from '@bti/domain';
import type { StafettloggView } from './stafettlogg.projection';

/** Categories the law keeps from guardians once the young person has reached the consent age. */
const KEPT_FROM_GUARDIANS_FROM_CONSENT_AGE = new Set(['health']);

function consentRecords(view: StafettloggView): Record<string, ConsentRecord> {
  return Object.fromEntries(
    view.consents.map((c) => [
      c.consentId,
      {
        consentId: c.consentId,
        status: c.status,
        scope: c.scope,
        givenBy: c.givenBy,
        validFrom: c.validFrom,
        validUntil: c.validUntil,
      },
    ]),
  );
}

/**
 * What this reader may see of a log, or null when they may not know it exists. Staff see entries only
 * where one active consent names both their service and the entry's category; a hidden service is
 * seen only by itself and the services it shares a consent with. The family sees what is shared with
 * them.
 */
export function viewFor(
  reader: Actor,
  view: StafettloggView,
  family: RegisteredFamily | null,
  now: Date,
): StafettloggView | null {
  const at = now.toISOString();
  if (reader.role === 'staff' || reader.role === 'coordinator') {
    const own = reader.serviceId;
    if (!own || reader.municipalityId !== view.municipalityId) return null;
    const consents = consentRecords(view);
    const participates = view.services.some((s) => s.serviceId === own);
    const named = view.consents.some((c) => c.scope.services.includes(own));
    // Before opening, the services named in a consent request follow it; afterwards, taking part under
    // an active consent is what lets a service read.
    const mayRead =
      view.status === 'awaiting_consent' ? named : participates && consentCovers(consents, at, own);
    if (!mayRead) return null;
    // A hidden participant is seen only by itself and by services named together with it in a consent.
    const sharesConsentWith = (serviceId: string) =>
      view.consents.some(
        (c) => c.scope.services.includes(own) && c.scope.services.includes(serviceId),
      );
    const hiddenFromMe = new Set(
      view.services
        .filter((s) => s.hidden && s.serviceId !== own && !sharesConsentWith(s.serviceId))
        .map((s) => s.serviceId),
    );
    const visibleService = (serviceId: string | null) =>
      serviceId === null || !hiddenFromMe.has(serviceId);
    // A service sees the consents that name it; others' consents (their purpose, their categories)
    // are none of its business and could give a hidden participant away.
    const myConsents = view.consents.filter((c) => c.scope.services.includes(own));
    const myConsentIds = new Set(myConsents.map((c) => c.consentId));
    return {
      ...view,
      services: view.services.filter((s) => visibleService(s.serviceId)),
      consents: myConsents.map((c) => ({
        ...c,
        scope: { ...c.scope, services: c.scope.services.filter(visibleService) },
      })),

      entries: view.entries.filter(
        (e) => visibleService(e.serviceId) && consentCovers(consents, at, own, e.category),
      ),
      measures: view.measures.filter((m) => visibleService(m.responsible.serviceId)),
      history: view.history.filter(
        (h) =>
          visibleService(h.serviceId) && (h.consentId === null || myConsentIds.has(h.consentId)),
      ),
    };
  }
  if (!family) return null;
  const subject = family.subjects[view.subjectId];
  if (reader.role === 'youth') {
    if (subject?.identitySubject !== reader.subject) return null;
    return { ...view, entries: view.entries.filter((e) => e.sharedWithGuardians) };
  }
  if (reader.role === 'guardian') {
    if (!guardianSignedInAs(family, reader.subject)) return null;
    const consentAge = view.rules?.consentAge ?? 16;
    const youthDecides = subject?.personal.birthDate
      ? ageOn(subject.personal.birthDate, dateOf(at)) >= consentAge
      : false;
    return {
      ...view,
      entries: view.entries.filter(
        (e) =>
          e.sharedWithGuardians &&
          !(youthDecides && KEPT_FROM_GUARDIANS_FROM_CONSENT_AGE.has(e.category)),
      ),
    };
  }
  return null;
}

export interface StafettloggSummary {
  logId: string;
  subjectId: string;
  status: StafettloggView['status'];
  level: StafettloggView['level'];
  stafettholder: StafettloggView['stafettholder'];
  pendingHandover: StafettloggView['pendingHandover'];
  samordningsansvar: string | null;
  openedAt: string | null;
  closedBecause: string | null;
  lastActivityAt: string;
  /** Measures past their evaluation date without an evaluation: BTI wants these visible. */
  overdueEvaluations: number;
  revision: string;
}

export function summarise(view: StafettloggView, now: Date): StafettloggSummary {
  const today = dateOf(now.toISOString());
  return {
    logId: view.logId,
    subjectId: view.subjectId,
    status: view.status,
    level: view.level,
    stafettholder: view.stafettholder,
    pendingHandover: view.pendingHandover,
    samordningsansvar: view.samordningsansvar,
    openedAt: view.openedAt,
    closedBecause: view.closure?.reason ?? null,
    lastActivityAt: view.lastActivityAt,
    overdueEvaluations: view.measures.filter(
      (m) => m.status !== 'ended' && m.evaluationDate !== null && m.evaluationDate < today,
    ).length,
    revision: view.revision,
  };
}
