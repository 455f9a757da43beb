import type {
  BtiLevel,
  CloseReason,
  ConsentForm,
  ConsentGiver,
  ConsentScope,
  EntryKind,
  FamilyEvaluation,
  GoalAttainment,
  InformationCategory,
  JsonObject,
  LogRules,
  MeasureDecision,
  StafettloggEvent,
  StaffRef,
} from '@bti/domain';
import type { DocumentProjection } from '@bti/read-models';

export const STAFETTLOGGER = 'stafettlogger';

export interface ConsentView {
  consentId: string;
  status: 'requested' | 'given' | 'refused' | 'withdrawn';
  scope: ConsentScope;
  requestedAt: string;
  requestedBy: StaffRef;
  givenBy: ConsentGiver | null;
  form: ConsentForm['kind'] | null;
  validFrom: string | null;
  validUntil: string | null;
  answeredAt: string | null;
  withdrawnAt: string | null;
}

export interface EntryView {
  entryId: string;
  kind: EntryKind;
  authorKind: 'staff' | 'guardian' | 'youth';
  authorId: string;
  serviceId: string | null;
  category: InformationCategory;
  sharedWithGuardians: boolean;
  correctsEntryId: string | null;
  at: string;
  text: string;
}

export interface MeasureView {
  measureId: string;
  goal: string;
  responsible: StaffRef;
  startDate: string;
  evaluationDate: string | null;
  status: 'planned' | 'started' | 'ended';
  startedOn: string | null;
  endedOn: string | null;
  initiativeId: string | null;
  catalogueEntryId: string | null;
  evaluations: {
    evaluatedOn: string;
    goalAttainment: GoalAttainment;
    decision: MeasureDecision;
    onTime: boolean;
    familyView: string;
  }[];
}

/** A step in the log's history, without free text, for the timeline. */
export interface HistoryItem {
  type: string;
  at: string;
  serviceId: string | null;
  /** Set on consent events, so a reader sees only the history of consents shown to them. */
  consentId: string | null;
  /** Set on entries, so a reader sees the history of the entries they may read and no other. */
  entryId: string | null;
}

export interface StafettloggView {
  logId: string;
  concernId: string;
  familyId: string;
  subjectId: string;
  municipalityId: string;
  status: 'awaiting_consent' | 'open' | 'closed';
  level: BtiLevel | null;
  stafettholder: StaffRef | null;
  pendingHandover: StaffRef | null;
  samordningsansvar: string | null;
  rules: LogRules | null;
  openedAt: string | null;
  closure: { reason: CloseReason; at: string; familyEvaluation: FamilyEvaluation | null } | null;
  services: { serviceId: string; hidden: boolean; joinedAt: string }[];
  consents: ConsentView[];
  entries: EntryView[];
  measures: MeasureView[];
  history: HistoryItem[];
  lastActivityAt: string;
  /** The log stream's revision: send it as If-Match. */
  revision: string;
}

function atOf(event: StafettloggEvent): string {
  const data = event.data as { at?: string; requestedAt?: string; openedAt?: string };
  return data.at ?? data.requestedAt ?? data.openedAt ?? '';
}

function serviceOf(event: StafettloggEvent): string | null {
  const data = event.data as {
    by?: StaffRef;
    openedBy?: StaffRef;
    addedBy?: StaffRef;
    requestedBy?: StaffRef;
    serviceId?: string;
    author?: { serviceId?: string };
  };
  if (event.type === 'ServiceJoined') return event.data.serviceId;
  if (event.type === 'EntryAdded') return event.data.serviceId;
  return (data.by ?? data.openedBy ?? data.addedBy ?? data.requestedBy)?.serviceId ?? null;
}

function consentOf(event: StafettloggEvent): string | null {
  const data = event.data as { consentId?: string };
  return data.consentId ?? null;
}

const replace = <T extends object>(
  items: T[],
  match: (item: T) => boolean,
  change: (item: T) => T,
): T[] => items.map((item) => (match(item) ? change(item) : item));

export function evolveStafettloggView(
  view: StafettloggView | null,
  event: StafettloggEvent,
): StafettloggView | null {
  if (event.type === 'StafettloggInitiated') {
    const { initiatedBy: _initiatedBy, ...log } = event.data;
    return {
      ...log,
      status: 'awaiting_consent',
      level: null,
      stafettholder: null,
      pendingHandover: null,
      samordningsansvar: null,
      rules: null,
      openedAt: null,
      closure: null,
      services: [],
      consents: [],
      entries: [],
      measures: [],
      history: [],
      lastActivityAt: '',
      revision: '0',
    };
  }
  if (!view) return view;
  const at = atOf(event);
  const next: StafettloggView = {
    ...view,
    history: [
      ...view.history,
      {
        type: event.type,
        at,
        serviceId: serviceOf(event),
        consentId: consentOf(event),
        entryId: event.type === 'EntryAdded' ? event.data.entryId : null,
      },
    ],
    lastActivityAt: at > view.lastActivityAt ? at : view.lastActivityAt,
  };
  const consent = (id: string, change: Partial<ConsentView>) =>
    replace(
      next.consents,
      (c) => c.consentId === id,
      (c) => ({ ...c, ...change }),
    );
  const measure = (id: string, change: (m: MeasureView) => MeasureView) =>
    replace(next.measures, (m) => m.measureId === id, change);
  switch (event.type) {
    case 'ConsentRequested':
      return {
        ...next,
        consents: [
          ...next.consents,
          {
            consentId: event.data.consentId,
            status: 'requested',
            scope: event.data.scope,
            requestedAt: event.data.requestedAt,
            requestedBy: event.data.requestedBy,
            givenBy: null,
            form: null,
            validFrom: null,
            validUntil: null,
            answeredAt: null,
            withdrawnAt: null,
          },
        ],
      };
    case 'ConsentGiven':
      return {
        ...next,
        consents: consent(event.data.consentId, {
          status: 'given',
          givenBy: event.data.givenBy,
          form: event.data.form.kind,
          validFrom: event.data.validFrom,
          validUntil: event.data.validUntil,
          answeredAt: event.data.at,
        }),
      };
    case 'ConsentRefused':
      return {
        ...next,
        consents: consent(event.data.consentId, {
          status: 'refused',
          givenBy: event.data.refusedBy,
          answeredAt: event.data.at,
        }),
      };
    case 'ConsentWithdrawn':
      return {
        ...next,
        consents: consent(event.data.consentId, {
          status: 'withdrawn',
          withdrawnAt: event.data.at,
        }),
      };
    case 'ConsentRenewed':
      return {
        ...next,
        consents: consent(event.data.consentId, { validUntil: event.data.validUntil }),
      };
    case 'StafettloggOpened':
      return {
        ...next,
        status: 'open',
        level: event.data.level,
        stafettholder: event.data.stafettholder,
        rules: event.data.rules,
        openedAt: event.data.openedAt,
      };
    case 'ServiceJoined':
      return {
        ...next,
        services: [
          ...next.services,
          { serviceId: event.data.serviceId, hidden: event.data.hidden, joinedAt: event.data.at },
        ],
      };
    case 'EntryAdded': {
      const { author, personal, ...entry } = event.data;
      const authorId =
        author.kind === 'staff'
          ? author.staffId
          : author.kind === 'guardian'
            ? author.guardianId
            : author.subjectId;
      return {
        ...next,
        entries: [
          ...next.entries,
          { ...entry, authorKind: author.kind, authorId, text: personal.text },
        ],
      };
    }
    case 'MeasurePlanned': {
      const { personal, plannedBy: _plannedBy, at: _at, ...planned } = event.data;
      return {
        ...next,
        measures: [
          ...next.measures,
          {
            ...planned,
            goal: personal.goal,
            status: 'planned',
            startedOn: null,
            endedOn: null,
            evaluations: [],
          },
        ],
      };
    }
    case 'MeasureStarted':
      return {
        ...next,
        measures: measure(event.data.measureId, (m) => ({
          ...m,
          status: 'started',
          startedOn: event.data.startedOn,
        })),
      };
    case 'MeasureEvaluated': {
      const { evaluatedOn, goalAttainment, decision, onTime, nextEvaluationDate, personal } =
        event.data;
      return {
        ...next,
        measures: measure(event.data.measureId, (m) => ({
          ...m,
          evaluationDate: nextEvaluationDate,
          evaluations: [
            ...m.evaluations,
            { evaluatedOn, goalAttainment, decision, onTime, familyView: personal.familyView },
          ],
        })),
      };
    }
    case 'MeasureEnded':
      return {
        ...next,
        measures: measure(event.data.measureId, (m) => ({
          ...m,
          status: 'ended',
          endedOn: event.data.endedOn,
          evaluationDate: null,
        })),
      };
    case 'StafettholderHandoverOffered':
      return { ...next, pendingHandover: event.data.to };
    case 'StafettholderHandoverAccepted':
      return { ...next, stafettholder: event.data.stafettholder, pendingHandover: null };
    case 'StafettholderHandoverDeclined':
      return { ...next, pendingHandover: null };
    case 'SamordningsansvarAssigned':
      return { ...next, samordningsansvar: event.data.serviceId };
    case 'LevelChanged':
      return { ...next, level: event.data.to };
    case 'RulesMovedOn':
      return { ...next, rules: event.data.rules };
    case 'StafettloggClosed':
      return {
        ...next,
        status: 'closed',
        pendingHandover: null,
        closure: {
          reason: event.data.reason,
          at: event.data.at,
          familyEvaluation: event.data.familyEvaluation,
        },
      };
    case 'StafettloggReopened':
      return { ...next, status: 'open', closure: null };
  }
}

export const stafettloggProjection: DocumentProjection = {
  name: 'stafettlogger',
  version: 4,
  collection: STAFETTLOGGER,
  filter: { streamPrefixes: ['stafettlogg-'] },
  documentIds: (event) => [event.stream.slice('stafettlogg-'.length)],
  evolve: (view, recorded) => {
    const next = evolveStafettloggView(
      view as unknown as StafettloggView | null,
      { type: recorded.type, data: recorded.data } as unknown as StafettloggEvent,
    );
    return next && ({ ...next, revision: String(recorded.revision) } as unknown as JsonObject);
  },
};
