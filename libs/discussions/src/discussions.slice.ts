import { Inject } from '@nestjs/common';
import { CommandHandler } from '@nestjs/cqrs';
import { FAMILY_MEMBER_NAMES, mayKnowDiscussion, type FamilyMemberNames } from '@bti/access';
import {
  CaseDispatch,
  CommandHandling,
  SliceCommandHandler,
  type CommandSlice,
} from '@bti/command-handling';
import {
  anonymousTexts,
  arenaDecider,
  arenaStream,
  discussionDecider,
  discussionStream,
  municipalityDecider,
  municipalityStream,
  notFound,
  type DiscussionCommand,
  type DiscussionEvent,
  type DiscussionFacts,
  type DiscussionState,
} from '@bti/domain';

type DiscussionSlice = CommandSlice<
  DiscussionCommand,
  DiscussionState,
  DiscussionEvent,
  DiscussionFacts
>;

/** The anonymous discussion's part of the command path; it needs the names that must not appear. */
export function discussionSlice(names: FamilyMemberNames): DiscussionSlice {
  return {
    context: 'discussion',
    stream: discussionStream,
    decider: discussionDecider,
    municipalityOf: (state) => (state.status === 'none' ? null : state.municipalityId),

    async loadFacts(command, state, actor, streams) {
      const municipalityId = state.status === 'none' ? actor.municipalityId : state.municipalityId;
      const arenaId =
        command.type === 'OpenAnonymousDiscussion'
          ? command.arenaId
          : state.status === 'none'
            ? null
            : state.arenaId;
      if (!municipalityId) return { municipality: null, arena: null, familyMemberNames: [] };
      const [municipality, arena, familyMemberNames] = await Promise.all([
        streams.load(municipalityStream(municipalityId), municipalityDecider),
        arenaId ? streams.load(arenaStream(arenaId), arenaDecider) : null,
        names.namesIn(municipalityId, anonymousTexts(command)),
      ]);
      const known = arena?.state.status === 'established' ? arena.state : null;
      return {
        municipality: municipality.state.status === 'enrolled' ? municipality.state : null,
        arena:
          known && arenaId && known.municipalityId === municipalityId
            ? { arenaId, kind: known.kind, memberServices: known.memberServices }
            : null,
        familyMemberNames,
      };
    },

    authorize(actor, command, state) {
      if (state.status === 'none' || command.type === 'OpenAnonymousDiscussion') return;
      const known = mayKnowDiscussion(actor, {
        municipalityId: state.municipalityId,
        askedByServiceId: state.askedBy.serviceId,
        teamServices: state.teamServices,
      });
      if (!known) throw notFound('DISCUSSION_NOT_FOUND');
    },
  };
}

export class DispatchToDiscussion extends CaseDispatch<DiscussionCommand> {}

@CommandHandler(DispatchToDiscussion)
export class DiscussionCommandHandler extends SliceCommandHandler<
  DiscussionCommand,
  DiscussionState,
  DiscussionEvent,
  DiscussionFacts
> {
  protected readonly slice: DiscussionSlice;

  constructor(
    @Inject(CommandHandling) handling: CommandHandling,
    @Inject(FAMILY_MEMBER_NAMES) names: FamilyMemberNames,
  ) {
    super(handling);
    this.slice = discussionSlice(names);
  }
}
