import type { ConcernEvent, ConcernOutcome, TalkParty } from '@bti/domain';
import { asReadEvent, type RecordedEvent } from '@bti/event-store';
import { documentProjection } from '@bti/read-models';

export const CONCERNS = 'concerns';

type ConcernNoted = Extract<ConcernEvent, { type: 'ConcernNoted' }>['data'];

/** What the noting service sees of a concern: the noted facts, the talks and the decision. */
export type ConcernView = Omit<ConcernNoted, 'personal'> & {
  /** Null once the family's personal data is erased. */
  summary: string | null;
  status: 'open' | 'decided';
  outcome: ConcernOutcome | null;
  decidedAt: string | null;
  decidedLate: boolean;
  talks: { with: TalkParty; heldOn: string }[];
  /** The concern stream's revision: send it as If-Match. */
  revision: string;
};

export const concernProjection = documentProjection<ConcernView>({
  name: 'concerns',
  version: 3,
  collection: CONCERNS,
  indexes: ['municipalityId', 'serviceId', 'status'],
  filter: { streamPrefixes: ['concern-'] },
  documentIds: (event) => [event.stream.slice('concern-'.length)],
  evolve(view, recorded) {
    const next = evolveConcernView(view, recorded);
    return next && { ...next, revision: String(recorded.revision) };
  },
});

function evolveConcernView(view: ConcernView | null, recorded: RecordedEvent): ConcernView | null {
  const event = asReadEvent<ConcernEvent>(recorded);
  switch (event.type) {
    case 'ConcernNoted': {
      const { personal, ...noted } = event.data;
      return {
        ...noted,
        revision: '0',
        summary: personal.summary,
        status: 'open',
        outcome: null,
        decidedAt: null,
        decidedLate: false,
        talks: [],
      };
    }
    case 'ConcernTalkRecorded':
      return (
        view && {
          ...view,
          talks: [...view.talks, { with: event.data.with, heldOn: event.data.heldOn }],
        }
      );
    case 'ConcernDecided':
      return (
        view && {
          ...view,
          status: 'decided',
          outcome: event.data.outcome,
          decidedAt: event.data.decidedAt,
          decidedLate: event.data.late,
        }
      );
    default:
      return view;
  }
}
