import { CommandHandler } from '@nestjs/cqrs';
import { mayKnowConcern, mayKnowFamily } from '@bti/access';
import { CaseDispatch, SliceCommandHandler, type CommandSlice } from '@bti/command-handling';
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
    municipalityOf: (state) => (state.status === 'none' ? null : state.municipalityId),

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

export class DispatchToConcern extends CaseDispatch<ConcernCommand> {}

@CommandHandler(DispatchToConcern)
export class ConcernCommandHandler extends SliceCommandHandler<
  ConcernCommand,
  ConcernState,
  ConcernEvent,
  ConcernFacts
> {
  protected readonly slice = concernSlice;
}
