import type {
  GrantScheme,
  InitiativeDescription,
  InitiativeStatus,
  ProgrammeEvent,
} from '@bti/domain';
import { asReadEvent } from '@bti/event-store';
import { documentProjection } from '@bti/read-models';

export const PROGRAMMES = 'programmes';

export type InitiativeView = InitiativeDescription & {
  initiativeId: string;
  status: InitiativeStatus;
  statusHistory: {
    from: InitiativeStatus;
    to: InitiativeStatus;
    at: string;
    note: string | null;
  }[];
  reports: { reportId: string; title: string; reference: string; publishedOn: string }[];
  /** NOK committed to it, by year and scheme. */
  funding: { year: number; scheme: GrantScheme; amountNok: number }[];
  registeredAt: string;
};

/** One municipality's programme register. It holds no personal data. */
export interface ProgrammeView {
  municipalityId: string;
  initiatives: Record<string, InitiativeView>;
  /** Allocated and committed NOK per year and scheme. */
  funds: { year: number; scheme: GrantScheme; allocated: number; committed: number }[];
  baseline: { date: string; note: string | null } | null;
  revision: string;
}

function fund(view: ProgrammeView, year: number, scheme: GrantScheme) {
  let entry = view.funds.find((f) => f.year === year && f.scheme === scheme);
  if (!entry) {
    entry = { year, scheme, allocated: 0, committed: 0 };
    view.funds = [...view.funds, entry].sort(
      (a, b) => a.year - b.year || a.scheme.localeCompare(b.scheme),
    );
  }
  return entry;
}

export function evolveProgrammeView(
  current: ProgrammeView | null,
  municipalityId: string,
  event: ProgrammeEvent,
): ProgrammeView {
  const view: ProgrammeView = current
    ? structuredClone(current)
    : { municipalityId, initiatives: {}, funds: [], baseline: null, revision: '0' };
  switch (event.type) {
    case 'InitiativeRegistered': {
      const { municipalityId: _m, by: _by, at, ...initiative } = event.data;
      view.initiatives[initiative.initiativeId] = {
        ...initiative,
        statusHistory: [],
        reports: [],
        funding: [],
        registeredAt: at,
      };
      break;
    }
    case 'InitiativeStatusChanged': {
      const initiative = view.initiatives[event.data.initiativeId];
      if (!initiative) break;
      initiative.status = event.data.to;
      initiative.statusHistory.push({
        from: event.data.from,
        to: event.data.to,
        at: event.data.at,
        note: event.data.note,
      });
      break;
    }
    case 'InitiativeEvaluationReportAdded': {
      const { initiativeId, reportId, title, reference, publishedOn } = event.data;
      view.initiatives[initiativeId]?.reports.push({ reportId, title, reference, publishedOn });
      break;
    }
    case 'GrantAllocated':
      fund(view, event.data.year, event.data.scheme).allocated += event.data.amountNok;
      break;
    case 'FundsCommitted': {
      const { initiativeId, year, scheme, amountNok } = event.data;
      fund(view, year, scheme).committed += amountNok;
      view.initiatives[initiativeId]?.funding.push({ year, scheme, amountNok });
      break;
    }
    case 'BaselineMarked':
      view.baseline = { date: event.data.date, note: event.data.note };
      break;
  }
  return view;
}

export const programmeProjection = documentProjection<ProgrammeView>({
  name: 'programmes',
  version: 1,
  collection: PROGRAMMES,
  filter: { streamPrefixes: ['programme-'] },
  documentIds: (event) => [event.stream.slice('programme-'.length)],
  evolve(view, recorded) {
    const municipalityId = recorded.stream.slice('programme-'.length);
    const event = asReadEvent<ProgrammeEvent>(recorded);
    return {
      ...evolveProgrammeView(view, municipalityId, event),
      revision: String(recorded.revision),
    };
  },
});
