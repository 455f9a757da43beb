import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { municipalityDecider, municipalityStream, type MunicipalityCommand } from '@bti/domain';
import { executeDecider, type CommandContext, type CommandOutcome } from '@bti/commands';
import { EVENT_STORE, type EventStore } from '@bti/event-store';

export class ExecuteMunicipalityCommand {
  constructor(
    readonly municipalityId: string,
    readonly command: MunicipalityCommand,
    readonly context: CommandContext,
  ) {}
}

@CommandHandler(ExecuteMunicipalityCommand)
export class MunicipalityCommandHandler implements ICommandHandler<
  ExecuteMunicipalityCommand,
  CommandOutcome
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({
    municipalityId,
    command,
    context,
  }: ExecuteMunicipalityCommand): Promise<CommandOutcome> {
    return executeDecider(
      this.store,
      municipalityStream(municipalityId),
      municipalityDecider,
      () => command,
      context,
    );
  }
}
