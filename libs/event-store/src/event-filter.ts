import type { EventFilter } from './event-store.port';

export function matchesFilter(
  filter: EventFilter | undefined,
  stream: string,
  type: string,
): boolean {
  if (!filter) return true;
  if ('streamPrefixes' in filter)
    return filter.streamPrefixes.some((prefix) => stream.startsWith(prefix));
  return filter.eventTypes.includes(type);
}
