import { CommandHandler } from '@nestjs/cqrs';
import { logFactsOf, logFamilyFactsOf, mayKnowFamily, mayKnowLog, NO_LOG_FACTS } from '@bti/access';
import {
  CaseDispatch,
  SliceCommandHandler,
  type CommandSlice,
  type StreamStates,
} from '@bti/command-handling';
import {
  arenaDecider,
  arenaRefOf,
  arenaStream,
  consentAgeOf,
  familyDecider,
  familyStream,
  isStaffRole,
  municipalityDecider,
  municipalityStream,
  notFound,
  stafettloggDecider,
  stafettloggStream,
  type Actor,
  type ArenaCommand,
  type ArenaEvent,
  type ArenaFacts,
  type ArenaState,
} from '@bti/domain';

export const arenaSlice: CommandSlice<ArenaCommand, ArenaState, ArenaEvent, ArenaFacts> = {
  context: 'arena',
  stream: arenaStream,
  decider: arenaDecider,
  municipalityOf: (state) => (state.status === 'established' ? state.municipalityId : null),

  async loadFacts(command, state, actor: Actor, streams: StreamStates) {
    const municipalityId =
      state.status === 'established' ? state.municipalityId : actor.municipalityId;
    const referral = command.type === 'ReferCase' ? command : null;
    // The log a case is referred with; for taking a referral in, the one it was referred with.
    const logId =
      referral?.logId ??
      (command.type === 'AcceptReferral' && state.status === 'established'
        ? (state.referrals[command.referralId]?.logId ?? null)
        : null);
    const redirectToArenaId = command.type === 'DeclineReferral' ? command.redirectToArenaId : null;
    const [municipality, family, log, redirectTo] = await Promise.all([
      municipalityId ? streams.load(municipalityStream(municipalityId), municipalityDecider) : null,
      referral ? streams.load(familyStream(referral.familyId), familyDecider) : null,
      logId ? streams.load(stafettloggStream(logId), stafettloggDecider) : null,
      redirectToArenaId ? streams.load(arenaStream(redirectToArenaId), arenaDecider) : null,
    ]);
    // The family only when it lives in the arena's municipality and the actor may know it.
    const knownFamily =
      family?.state.status === 'registered' &&
      family.state.municipalityId === municipalityId &&
      (mayKnowFamily(actor, {
        ...family.state,
        guardians: Object.values(family.state.guardians),
      }) ||
        (actor.role === 'youth' &&
          Object.values(family.state.subjects).some((s) => s.identitySubject === actor.subject)))
        ? family.state
        : null;
    // The log only when the actor may know it: a parent without parental responsibility attached a log
    // he got 404 for (found from outside), learning it exists and showing it to the team's services.
    const logState =
      log &&
      log.state.status !== 'none' &&
      mayKnowLog(
        actor,
        logFactsOf(log.state, NO_LOG_FACTS),
        logFamilyFactsOf(log.state, { ...NO_LOG_FACTS, family: knownFamily }),
      )
        ? log.state
        : null;
    return {
      redirectTo: redirectTo ? arenaRefOf(redirectTo.state) : null,
      municipality: municipality?.state.status === 'enrolled' ? municipality.state : null,
      family: knownFamily,
      log:
        logState && logId
          ? {
              logId,
              familyId: logState.familyId,
              subjectId: logState.subjectId,
              municipalityId: logState.municipalityId,
              level: logState.status === 'awaiting_consent' ? null : logState.level,
              consents: Object.values(logState.consents),
              services: logState.status === 'awaiting_consent' ? {} : logState.services,
              consentAge: consentAgeOf(
                logState,
                municipality?.state.status === 'enrolled' ? municipality.state : null,
              ),
            }
          : null,
    };
  },

  authorize(actor, command, state) {
    if (state.status !== 'established' || command.type === 'EstablishArena') return;
    // Staff and admins know their own municipality's arenas; the family refers where it is open.
    const ownMunicipality = actor.municipalityId === state.municipalityId;
    if ((isStaffRole(actor.role) || actor.role === 'admin') && !ownMunicipality)
      throw notFound('ARENA_NOT_FOUND');
  },
};

export class DispatchToArena extends CaseDispatch<ArenaCommand> {}

@CommandHandler(DispatchToArena)
export class ArenaCommandHandler extends SliceCommandHandler<
  ArenaCommand,
  ArenaState,
  ArenaEvent,
  ArenaFacts
> {
  protected readonly slice = arenaSlice;
}
