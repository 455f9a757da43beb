import { CommandHandler } from '@nestjs/cqrs';
import { mayKnowFamily } from '@bti/access';
import { CaseDispatch, SliceCommandHandler, type CommandSlice } from '@bti/command-handling';
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
  municipalityOf: (state) => (state.status === 'registered' ? state.municipalityId : null),

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
    if (command.type === 'EraseFamily') {
      // Only the municipality's own administrator orders an erasure; to others it is not there.
      if (actor.role !== 'admin' || actor.municipalityId !== state.municipalityId)
        throw notFound('FAMILY_NOT_FOUND');
      return;
    }
    if (!mayKnowFamily(actor, { ...state, guardians: Object.values(state.guardians) }))
      throw notFound('FAMILY_NOT_FOUND');
  },
};

export class DispatchToFamily extends CaseDispatch<FamilyCommand> {}

@CommandHandler(DispatchToFamily)
export class FamilyCommandHandler extends SliceCommandHandler<
  FamilyCommand,
  FamilyState,
  FamilyEvent,
  FamilyFacts
> {
  protected readonly slice = familySlice;
}
