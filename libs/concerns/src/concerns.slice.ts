import { Injectable } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { mayKnowConcern, mayKnowFamily } from '@bti/access';
import {
  CommandHandling,
  type CommandEnvelope,
  type CommandOutcome,
  type CommandSlice,
} from '@bti/command-handling';
import {
  concernDecider,
  concernStream,
  familyDecider,
  familyStream,
  municipalityDecider,
  municipalityStream,
  notFound,
  type ConcernCommand,
  type ConcernEvent,
  type ConcernFacts,
  type ConcernState,
} from '@bti/domain';

export const concernSlice: CommandSlice<ConcernCommand, ConcernState, ConcernEvent, ConcernFacts> =
  {
    context: 'concern',
    stream: concernStream,
    decider: concernDecider,

    async loadFacts(command, _state, actor, streams) {
      if (command.type !== 'NoteConcern' || !actor.municipalityId)
        return { municipality: null, family: null };
      const [{ state: municipality }, { state: family }] = await Promise.all([
        streams.load(municipalityStream(actor.municipalityId), municipalityDecider),
        streams.load(familyStream(command.familyId), familyDecider),
      ]);
      const knownFamily =
        family.status === 'registered' &&
        mayKnowFamily(actor, { ...family, guardians: Object.values(family.guardians) })
          ? family
          : null;
      return {
        municipality: municipality.status === 'enrolled' ? municipality : null,
        family: knownFamily,
      };
    },

    authorize(actor, command, state) {
      // Noting on a taken id gets the decider's one answer (CONCERN_EXISTS), whoever holds it.
      if (command.type === 'NoteConcern' || state.status === 'none') return;
      if (!mayKnowConcern(actor, state)) throw notFound('CONCERN_NOT_FOUND');
    },
  };

export class DispatchToConcern extends Command<CommandOutcome> {
  constructor(
    readonly concernId: string,
    readonly command: ConcernCommand,
    readonly envelope: CommandEnvelope,
  ) {
    super();
  }
}

@Injectable()
@CommandHandler(DispatchToConcern)
export class ConcernCommandHandler implements ICommandHandler<DispatchToConcern> {
  constructor(private readonly handling: CommandHandling) {}

  execute({ concernId, command, envelope }: DispatchToConcern): Promise<CommandOutcome> {
    return this.handling.handle(concernSlice, concernId, command, envelope);
  }
}
