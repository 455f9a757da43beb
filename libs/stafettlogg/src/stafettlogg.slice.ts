import { CommandHandler } from '@nestjs/cqrs';
import { logFactsOf, logFamilyFactsOf, mayKnowConcern, mayKnowLog } from '@bti/access';
import {
  CaseDispatch,
  SliceCommandHandler,
  type CommandSlice,
  type StreamStates,
} from '@bti/command-handling';
import {
  concernDecider,
  concernStream,
  familyDecider,
  familyStream,
  municipalityDecider,
  municipalityStream,
  notFound,
  programmeDecider,
  programmeStream,
  stafettloggDecider,
  stafettloggStream,
  type Actor,
  type StafettloggCommand,
  type StafettloggEvent,
  type StafettloggFacts,
  type StafettloggState,
} from '@bti/domain';

/** The stafettlogg's part of the command path; consent commands take it too (same stream). */
export const stafettloggSlice: CommandSlice<
  StafettloggCommand,
  StafettloggState,
  StafettloggEvent,
  StafettloggFacts
> = {
  context: 'stafettlogg',
  stream: stafettloggStream,
  decider: stafettloggDecider,
  municipalityOf: (state) => (state.status === 'none' ? null : state.municipalityId),

  async loadFacts(command, state, actor, streams: StreamStates) {
    const concern =
      command.type === 'StartStafettlogg'
        ? (await streams.load(concernStream(command.concernId), concernDecider)).state
        : null;
    const knownConcern =
      concern && concern.status !== 'none' && mayKnowConcern(actor, concern) ? concern : null;
    const municipalityId = state.status !== 'none' ? state.municipalityId : actor.municipalityId;
    const familyId = state.status !== 'none' ? state.familyId : knownConcern?.familyId;
    const pointsAtInitiative = command.type === 'PlanMeasure' && command.initiativeId !== null;
    const [municipality, family, programme] = await Promise.all([
      municipalityId ? streams.load(municipalityStream(municipalityId), municipalityDecider) : null,
      familyId ? streams.load(familyStream(familyId), familyDecider) : null,
      pointsAtInitiative && municipalityId
        ? streams.load(programmeStream(municipalityId), programmeDecider)
        : null,
    ]);
    return {
      municipality: municipality?.state.status === 'enrolled' ? municipality.state : null,
      family: family?.state.status === 'registered' ? family.state : null,
      concern: knownConcern,
      ...(programme ? { initiatives: programme.state.initiatives } : {}),
    };
  },

  authorize(actor: Actor, command, state, facts, _id, at) {
    // A start on a taken id gets the decider's one answer for every taken id, whoever holds it.
    if (state.status === 'none' || command.type === 'StartStafettlogg') return;
    if (!mayKnowLog(actor, logFactsOf(state, facts), logFamilyFactsOf(state, facts), at))
      throw notFound('STAFETTLOGG_NOT_FOUND');
  },
};

/** Carries a command to the stafettlogg on the CommandBus (consent routes send it too). */
export class DispatchToStafettlogg extends CaseDispatch<StafettloggCommand> {}

@CommandHandler(DispatchToStafettlogg)
export class StafettloggCommandHandler extends SliceCommandHandler<
  StafettloggCommand,
  StafettloggState,
  StafettloggEvent,
  StafettloggFacts
> {
  protected readonly slice = stafettloggSlice;
}
