import type { DiscussionEvent } from '@bti/domain';
import { asReadEvent } from '@bti/event-store';
import { documentProjection } from '@bti/read-models';

export const DISCUSSIONS = 'discussions';

type Opened = Extract<DiscussionEvent, { type: 'AnonymousDiscussionOpened' }>['data'];
type Advised = Extract<DiscussionEvent, { type: 'AnonymousDiscussionAdvised' }>['data'];

/** An anonymous discussion as its team and the asking employee see it: it holds no identity. */
export type DiscussionView = Opened & {
  status: 'open' | 'advised';
  askedByServiceId: string;
  advice: (Omit<Advised, 'at'> & { advisedAt: string }) | null;
  revision: string;
};

export const discussionsProjection = documentProjection<DiscussionView>({
  name: 'discussions',
  version: 1,
  collection: DISCUSSIONS,
  indexes: ['municipalityId', 'arenaId', 'askedByServiceId'],
  filter: { streamPrefixes: ['discussion-'] },
  documentIds: (event) => [event.stream.slice('discussion-'.length)],
  evolve(view, recorded) {
    const event = asReadEvent<DiscussionEvent>(recorded);
    const revision = String(recorded.revision);
    if (event.type === 'AnonymousDiscussionOpened')
      return {
        ...event.data,
        status: 'open',
        askedByServiceId: event.data.askedBy.serviceId,
        advice: null,
        revision,
      };
    if (!view) return view;
    const { at, ...advice } = event.data;
    return { ...view, status: 'advised', advice: { ...advice, advisedAt: at }, revision };
  },
});
