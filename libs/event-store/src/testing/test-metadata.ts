import { randomUUID } from 'node:crypto';
import type { EventMetadataInput, EventToAppend } from '../event-store.port';

/** Metadata as a command handler would write it, for tests and benchmarks. */
export function testMetadata(overrides: Partial<EventMetadataInput> = {}): EventMetadataInput {
  const commandId = overrides.commandId ?? randomUUID();
  return {
    commandId,
    correlationId: commandId,
    causationId: null,
    actor: {
      subject: 'test-staff',
      role: 'staff',
      municipalityId: 'm-test',
      serviceId: 'svc-test',
    },
    municipalityId: 'm-test',
    occurredAt: '2026-01-15T09:30:00.000Z',
    schemaVersion: 1,
    ...overrides,
  };
}

export function testEvent(
  type: string,
  data: Record<string, string | number | boolean> = {},
): EventToAppend {
  return { type, data, metadata: testMetadata() };
}
