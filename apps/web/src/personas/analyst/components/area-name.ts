import type { AreaLevel, MetricCatalogue } from '../reads';

/**
 * What a person calls an area: a municipality by its name from the catalogue (the tables name it by
 * id), a county by its name (which is its id), the whole programme by `all`. Until the catalogue is
 * there, the id.
 */
export function areaName(
  catalogue: MetricCatalogue | undefined,
  level: AreaLevel,
  id: string | null | undefined,
  all: string,
): string {
  if (level === 'all') return all;
  if (level === 'municipality')
    return catalogue?.municipalities.find((m) => m.id === id)?.name ?? id ?? '';
  return id ?? '';
}
