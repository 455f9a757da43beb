import type { Actor } from '@bti/domain';
import type { Clock } from './clock';
import type { CommandContext } from './decider-command';

export function commandContext(
  actor: Actor,
  commandId: string,
  clock: Clock,
  expectedRevision?: bigint,
): CommandContext {
  return {
    commandId,
    actor,
    municipalityId: actor.municipalityId,
    occurredAt: clock().toISOString(),
    expectedRevision,
  };
}
