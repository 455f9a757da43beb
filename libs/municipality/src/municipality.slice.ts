import { CommandHandler } from '@nestjs/cqrs';
import { ActionForbidden, mayAdministerMunicipality } from '@bti/access';
import { CaseDispatch, SliceCommandHandler, type CommandSlice } from '@bti/command-handling';
import {
  municipalityDecider,
  municipalityStream,
  NO_MUNICIPALITY_FACTS,
  type MunicipalityCommand,
  type MunicipalityEvent,
  type MunicipalityFacts,
  type MunicipalityState,
} from '@bti/domain';

/** Commands to a municipality: only its own admin sets it up (another admin gets a 403). */
export const municipalitySlice: CommandSlice<
  MunicipalityCommand,
  MunicipalityState,
  MunicipalityEvent,
  MunicipalityFacts
> = {
  context: 'municipality',
  stream: municipalityStream,
  decider: municipalityDecider,
  municipalityOf: (_state, municipalityId) => municipalityId,
  async loadFacts(command, _state, _actor, streams) {
    if (command.type !== 'RegisterService') return NO_MUNICIPALITY_FACTS;
    const named = [...new Set(command.service.alsoServes)];
    const neighbours = await Promise.all(
      named.map((id) => streams.load(municipalityStream(id), municipalityDecider)),
    );
    return {
      enrolledNeighbours: named.filter((_, i) => neighbours[i].state.status === 'enrolled'),
    };
  },
  authorize(actor, _command, _state, _facts, municipalityId) {
    if (!mayAdministerMunicipality(actor, municipalityId))
      throw new ActionForbidden('NOT_YOUR_MUNICIPALITY', 'You administer another municipality');
  },
};

export class DispatchToMunicipality extends CaseDispatch<MunicipalityCommand> {}

@CommandHandler(DispatchToMunicipality)
export class MunicipalityCommandHandler extends SliceCommandHandler<
  MunicipalityCommand,
  MunicipalityState,
  MunicipalityEvent,
  MunicipalityFacts
> {
  protected readonly slice = municipalitySlice;
}
