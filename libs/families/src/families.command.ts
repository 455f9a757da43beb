import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { familyDecider, notFound, familyStream, type FamilyCommand } from '@bti/domain';
import {
  loadEnrolledMunicipality,
  executeDecider,
  loadState,
  type CommandContext,
  type CommandOutcome,
} from '@bti/commands';
import { EVENT_STORE, type EventStore } from '@bti/event-store';

export class ExecuteFamilyCommand {
  constructor(
    readonly familyId: string,
    readonly command: FamilyCommand,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ExecuteFamilyCommand)
export class FamilyCommandHandler implements ICommandHandler<ExecuteFamilyCommand, CommandOutcome> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ familyId, command, context }: ExecuteFamilyCommand): Promise<CommandOutcome> {
    const municipalityId = context.actor.municipalityId;
    if (command.type === 'RegisterFamily') {
      await loadEnrolledMunicipality(this.store, command.municipalityId);
    } else {
      // Another municipality's family is not known to this caller.
      const { state } = await loadState(this.store, familyStream(familyId), familyDecider);
      if (state.status !== 'registered' || state.municipalityId !== municipalityId) {
        throw notFound('FAMILY_NOT_FOUND');
      }
    }
    return executeDecider(
      this.store,
      familyStream(familyId),
      familyDecider,
      () => command,
      context,
    );
  }
}
