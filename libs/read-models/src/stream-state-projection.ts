import type { JsonObject } from '@bti/domain';
import type { RecordedEvent } from '@bti/event-store';
import type { DocumentProjection } from './document-projection';

/**
 * A read model that is the aggregate's own state, one document per stream: the simplest projection,
 * and exactly what the decider sees, so the two cannot drift apart. Each document also carries its
 * stream's `revision`.
 */
export function streamStateProjection<State>(options: {
  name: string;
  version: number;
  collection: string;
  streamPrefix: string;
  decider: {
    readonly initialState: () => State;
    readonly evolve: (state: State, event: never) => State;
  };
}): DocumentProjection {
  const prefix = `${options.streamPrefix}-`;
  return {
    name: options.name,
    version: options.version,
    collection: options.collection,
    filter: { streamPrefixes: [prefix] },
    documentIds: (event: RecordedEvent) => [event.stream.slice(prefix.length)],
    evolve: (document, event) => {
      const state = options.decider.evolve(
        (document as State | null) ?? options.decider.initialState(),
        { type: event.type, data: event.data } as never,
      ) as unknown as JsonObject;
      // The stream revision travels with the document, so a reader can send it back as If-Match.
      return { ...state, revision: String(event.revision) };
    },
  };
}
