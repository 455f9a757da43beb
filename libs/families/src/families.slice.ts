import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { mayKnowFamily } from '@bti/access';
import {
  CommandHandling,
  type CommandEnvelope,
  type CommandOutcome,
  type CommandSlice,
} from '@bti/command-handling';
import {
  familyDecider,
  familyStream,
  municipalityDecider,
  municipalityStream,
  notFound,
  type FamilyCommand,
  type FamilyEvent,
  type FamilyFacts,
  type FamilyState,
} from '@bti/domain';

export const familySlice: CommandSlice<FamilyCommand, FamilyState, FamilyEvent, FamilyFacts> = {
  context: 'family',
  stream: familyStream,
  decider: familyDecider,

  async loadFacts(command, _state, actor, streams) {
    if (command.type !== 'RegisterFamily' || !actor.municipalityId) return { municipality: null };
    const { state } = await streams.load(
      municipalityStream(actor.municipalityId),
      municipalityDecider,
    );
    return { municipality: state.status === 'enrolled' ? state : null };
  },

  authorize(actor, command, state) {
    // Registering on a taken id gets the decider's one answer for every taken id.
    if (command.type === 'RegisterFamily' || state.status !== 'registered') return;
    if (!mayKnowFamily(actor, { ...state, guardians: Object.values(state.guardians) }))
      throw notFound('FAMILY_NOT_FOUND');
  },
};

export class DispatchToFamily extends Command<CommandOutcome> {
  constructor(
    readonly familyId: string,
    readonly command: FamilyCommand,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(DispatchToFamily)
export class FamilyCommandHandler implements ICommandHandler<DispatchToFamily> {
  constructor(private readonly handling: CommandHandling) {}

  execute({ familyId, command, envelope }: DispatchToFamily): Promise<CommandOutcome> {
    return this.handling.handle(familySlice, familyId, command, envelope);
  }
}
