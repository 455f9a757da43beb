import { CommandHandler } from '@nestjs/cqrs';
import { ActionForbidden, mayAdministerMunicipality } from '@bti/access';
import { CaseDispatch, SliceCommandHandler, type CommandSlice } from '@bti/command-handling';
import {
  municipalityDecider,
  municipalityStream,
  type MunicipalityCommand,
  type MunicipalityEvent,
  type MunicipalityState,
} from '@bti/domain';

/** Commands to a municipality: only its own admin sets it up (another admin gets a 403). */
export const municipalitySlice: CommandSlice<
  MunicipalityCommand,
  MunicipalityState,
  MunicipalityEvent,
  undefined
> = {
  context: 'municipality',
  stream: municipalityStream,
  decider: municipalityDecider,
  municipalityOf: (_state, municipalityId) => municipalityId,
  loadFacts: async () => undefined,
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
  undefined
> {
  protected readonly slice = municipalitySlice;
}
