import {
  deterministicUuid,
  StreamNotFound,
  type EventStore,
  type JsonObject,
} from '@bti/event-store';
import {
  pilotHistory,
  type GeneratedStream,
  type GeneratedUnit,
  type PilotOptions,
} from './pilot-generator';
import { PILOT_MUNICIPALITIES } from './pilot-municipalities';

export interface PilotSeedResult {
  readonly units: number;
  readonly events: number;
  readonly seconds: number;
}

/** Service ids the municipalities already have (the hand-written Vestre Toten demo), so the generator reuses them. */
export async function existingServices(store: EventStore): Promise<Map<string, string[]>> {
  const existing = new Map<string, string[]>();
  for (const m of PILOT_MUNICIPALITIES) {
    const events = await store
      .readStream(`municipality-${m.municipalityId}`)
      .catch((error: unknown) => {
        if (error instanceof StreamNotFound) return [];
        throw error;
      });
    if (events.length === 0) continue;
    existing.set(
      m.municipalityId,
      events
        .filter((e) => e.type === 'ServiceRegistered')
        .map((e) => String((e.data as { serviceId: string }).serviceId)),
    );
  }
  return existing;
}

/**
 * Appends the generated histories: the municipalities' set-up first, then the families, many at a
 * time (the store commits concurrent appends together), each family's streams in order. Every append
 * carries a commandId derived from the seed and the stream, so a second run, or a run after a crash
 * half-way, appends nothing twice.
 */
export async function writePilotHistory(
  store: EventStore,
  options: Omit<PilotOptions, 'existingServices'>,
  onProgress?: (written: { units: number; events: number }) => void,
  concurrency = 48,
): Promise<PilotSeedResult> {
  const started = Date.now();
  const units = withCommandIds(
    pilotHistory({ ...options, existingServices: await existingServices(store) }),
    options.seed,
  );
  let written = 0;
  let events = 0;
  const writeUnit = async (unit: readonly (GeneratedStream & { commandId: string })[]) => {
    for (const { stream, events: generated, commandId } of unit) {
      if (generated.length === 0) continue;
      await store.append(
        stream,
        generated.map(({ event, at, actor }) => ({
          type: event.type,
          data: event.data as unknown as JsonObject,
          metadata: {
            commandId,
            correlationId: commandId,
            causationId: null,
            actor,
            municipalityId: actor.municipalityId,
            occurredAt: at,
            schemaVersion: 1,
          },
        })),
        'any',
        { commandId },
      );
      events += generated.length;
    }
    written += 1;
    if (written % 1000 === 0) onProgress?.({ units: written, events });
  };
  // The municipalities' set-up comes first: every family refers to its services and staff.
  for (let i = 0; i < PILOT_MUNICIPALITIES.length; i++) {
    const next = units.next();
    if (!next.done) await writeUnit(next.value);
  }
  const workers = Array.from({ length: concurrency }, async () => {
    for (let next = units.next(); !next.done; next = units.next()) await writeUnit(next.value);
  });
  await Promise.all(workers);
  return { units: written, events, seconds: (Date.now() - started) / 1000 };
}

/**
 * Names each append by the seed, its stream and how many appends to that stream came before it in the
 * generator's order — not by its content, which may differ on a later run (a municipality set up by
 * the first run is "existing" on the second) — so a second run appends nothing.
 */
function* withCommandIds(
  units: Iterable<GeneratedUnit>,
  seed: number,
): Generator<(GeneratedStream & { commandId: string })[]> {
  const appends = new Map<string, number>();
  for (const unit of units)
    yield unit.map((generated) => {
      const n = appends.get(generated.stream) ?? 0;
      appends.set(generated.stream, n + 1);
      return {
        ...generated,
        commandId: deterministicUuid('pilot-demo-append', `${seed}/${generated.stream}/${n}`),
      };
    });
}
