import { AppendOnlyIndex } from '../shared/append-only-index';
import { unreachable } from '../shared/decider';
import type { ConsentRecord } from './consent';
import type { LogActor, StafettloggEvent } from './events';
import type { KnownStafettlogg, MeasureState, StafettloggState } from './state';

export const initialStafettloggState = (): StafettloggState => ({ status: 'none' });

function withConsent<S extends KnownStafettlogg>(
  state: S,
  consentId: string,
  change: Partial<ConsentRecord>,
): S {
  const consent = state.consents[consentId];
  if (!consent) return state;
  return { ...state, consents: { ...state.consents, [consentId]: { ...consent, ...change } } };
}

/**
 * Folds one event into the state. Events are facts: one that does not fit the state (it never
 * happens through `decide`) leaves the state as it is rather than failing a replay.
 */
export function evolveStafettlogg(
  state: StafettloggState,
  event: StafettloggEvent,
): StafettloggState {
  if (event.type === 'StafettloggInitiated') {
    const { initiatedBy, ...identity } = event.data;
    return { status: 'awaiting_consent', ...identity, initiatedBy, consents: {} };
  }
  if (state.status === 'none') return state;
  switch (event.type) {
    case 'ConsentRequested': {
      const { consentId, scope, personal } = event.data;
      const requested: ConsentRecord = {
        consentId,
        status: 'requested',
        scope: { ...scope, purpose: personal.purpose },
        givenBy: null,
        answeredAt: null,
        validFrom: null,
        validUntil: null,
      };
      return { ...state, consents: { ...state.consents, [consentId]: requested } };
    }
    case 'ConsentGiven':
      return withConsent(state, event.data.consentId, {
        status: 'given',
        givenBy: event.data.givenBy,
        answeredAt: event.data.at,
        validFrom: event.data.validFrom,
        validUntil: event.data.validUntil,
      });
    case 'ConsentRefused':
      return withConsent(state, event.data.consentId, {
        status: 'refused',
        givenBy: event.data.refusedBy,
        answeredAt: event.data.at,
      });
    case 'ConsentWithdrawn':
      return withConsent(state, event.data.consentId, { status: 'withdrawn' });
    case 'ConsentRenewed':
      return withConsent(state, event.data.consentId, { validUntil: event.data.validUntil });
    case 'StafettloggOpened': {
      if (state.status !== 'awaiting_consent') return state;
      const { initiatedBy: _initiatedBy, status: _status, ...identity } = state;
      return {
        ...identity,
        status: 'open',
        level: event.data.level,
        stafettholder: event.data.stafettholder,
        pendingHandover: null,
        samordningsansvar: null,
        services: {},
        entries: AppendOnlyIndex.empty(),
        measures: {},
        rules: event.data.rules,
      };
    }
    case 'StafettloggReopened':
      return state.status === 'closed'
        ? { ...state, status: 'open', pendingHandover: null }
        : state;
    case 'GuardianReadAccessGranted':
      return {
        ...state,
        readGrants: { ...state.readGrants, [event.data.guardianId]: event.data.identitySubject },
      };
    case 'GuardianSharingChosen':
      return { ...state, keptFromGuardians: event.data.keptFromGuardians };
    case 'GuardianReadAccessRevoked': {
      const { [event.data.guardianId]: _revoked, ...readGrants } = state.readGrants ?? {};
      return { ...state, readGrants };
    }
  }
  if (state.status === 'awaiting_consent') return state;
  const measure = (id: string, change: Partial<MeasureState>) => {
    const current = state.measures[id];
    return current ? { ...state.measures, [id]: { ...current, ...change } } : state.measures;
  };
  switch (event.type) {
    case 'ServiceJoined':
      return {
        ...state,
        services: { ...state.services, [event.data.serviceId]: { hidden: event.data.hidden } },
      };
    case 'EntryAdded':
      return state.entries.has(event.data.entryId)
        ? state
        : {
            ...state,
            entries: state.entries.with(event.data.entryId, {
              serviceId: event.data.serviceId,
              familyAuthor: familyAuthorOf(event.data.author),
              category: event.data.category,
              sharedWithGuardians: event.data.sharedWithGuardians,
            }),
          };
    case 'MeasurePlanned':
      return {
        ...state,
        measures: {
          ...state.measures,
          [event.data.measureId]: {
            status: 'planned',
            responsible: event.data.responsible,
            startDate: event.data.startDate,
            evaluationDate: event.data.evaluationDate,
          },
        },
      };
    case 'MeasureStarted':
      return { ...state, measures: measure(event.data.measureId, { status: 'started' }) };
    case 'MeasureEvaluated':
      return {
        ...state,
        measures: measure(event.data.measureId, { evaluationDate: event.data.nextEvaluationDate }),
      };
    case 'MeasureEnded':
      return {
        ...state,
        measures: measure(event.data.measureId, { status: 'ended', evaluationDate: null }),
      };
    case 'StafettholderHandoverOffered':
      return state.status === 'open' ? { ...state, pendingHandover: event.data.to } : state;
    case 'StafettholderHandoverAccepted':
      return state.status === 'open'
        ? { ...state, stafettholder: event.data.stafettholder, pendingHandover: null }
        : state;
    case 'StafettholderHandoverDeclined':
      return state.status === 'open' ? { ...state, pendingHandover: null } : state;
    case 'SamordningsansvarAssigned':
      return { ...state, samordningsansvar: event.data.serviceId };
    case 'LevelChanged':
      return { ...state, level: event.data.to };
    case 'RulesMovedOn':
      return { ...state, rules: event.data.rules };
    case 'StafettloggClosed': {
      if (state.status !== 'open') return state;
      const { pendingHandover: _pending, ...rest } = state;
      return { ...rest, status: 'closed' };
    }
    default:
      return unreachable(event);
  }
}

/** The id an entry's author goes by within their kind: a staff id, a guardian id, a subject id. */
export function logActorId(author: LogActor): string {
  if (author.kind === 'staff') return author.staffId;
  return author.kind === 'guardian' ? author.guardianId : author.subjectId;
}

/** Who in the family wrote an entry, as the correction rule compares them; null for the services. */
export function familyAuthorOf(author: LogActor): string | null {
  if (author.kind === 'guardian') return `guardian:${author.guardianId}`;
  if (author.kind === 'youth') return `youth:${author.subjectId}`;
  return null;
}
