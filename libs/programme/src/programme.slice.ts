import { CommandHandler } from '@nestjs/cqrs';
import { CaseDispatch, SliceCommandHandler, type CommandSlice } from '@bti/command-handling';
import {
  municipalityDecider,
  municipalityStream,
  notFound,
  programmeDecider,
  programmeStream,
  type ProgrammeCommand,
  type ProgrammeEvent,
  type ProgrammeFacts,
  type ProgrammeState,
} from '@bti/domain';

/** One programme register per municipality, kept by its admin. */
export const programmeSlice: CommandSlice<
  ProgrammeCommand,
  ProgrammeState,
  ProgrammeEvent,
  ProgrammeFacts
> = {
  context: 'programme',
  stream: programmeStream,
  decider: programmeDecider,
  municipalityOf: (_state, municipalityId) => municipalityId,

  async loadFacts(_command, _state, actor, streams) {
    if (!actor.municipalityId) return { municipality: null };
    const { state } = await streams.load(
      municipalityStream(actor.municipalityId),
      municipalityDecider,
    );
    return { municipality: state.status === 'enrolled' ? state : null };
  },

  authorize(actor, _command, _state, _facts, municipalityId) {
    if (actor.municipalityId !== municipalityId) throw notFound('MUNICIPALITY_NOT_FOUND');
  },
};

export class DispatchToProgramme extends CaseDispatch<ProgrammeCommand> {}

@CommandHandler(DispatchToProgramme)
export class ProgrammeCommandHandler extends SliceCommandHandler<
  ProgrammeCommand,
  ProgrammeState,
  ProgrammeEvent,
  ProgrammeFacts
> {
  protected readonly slice = programmeSlice;
}
