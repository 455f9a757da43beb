import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { ActionForbidden, mayAdministerMunicipality } from '@bti/access';
import {
  CommandHandling,
  type CommandEnvelope,
  type CommandOutcome,
  type CommandSlice,
} from '@bti/command-handling';
import {
  municipalityDecider,
  municipalityStream,
  type MunicipalityCommand,
  type MunicipalityEvent,
  type MunicipalityState,
} from '@bti/domain';

/** Commands to a municipality: only its own admin sets it up (another admin gets a 403). */
export function municipalitySlice(
  municipalityId: string,
): CommandSlice<MunicipalityCommand, MunicipalityState, MunicipalityEvent, undefined> {
  return {
    context: 'municipality',
    stream: municipalityStream,
    decider: municipalityDecider,
    loadFacts: async () => undefined,
    authorize(actor) {
      if (!mayAdministerMunicipality(actor, municipalityId))
        throw new ActionForbidden('NOT_YOUR_MUNICIPALITY', 'You administer another municipality');
    },
  };
}

export class DispatchToMunicipality extends Command<CommandOutcome> {
  constructor(
    readonly municipalityId: string,
    readonly command: MunicipalityCommand,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(DispatchToMunicipality)
export class MunicipalityCommandHandler implements ICommandHandler<DispatchToMunicipality> {
  constructor(private readonly handling: CommandHandling) {}

  execute({ municipalityId, command, envelope }: DispatchToMunicipality): Promise<CommandOutcome> {
    return this.handling.handle(
      municipalitySlice(municipalityId),
      municipalityId,
      command,
      envelope,
    );
  }
}
