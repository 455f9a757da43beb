import { COMMAND_ROLES } from '@bti/access';
import { route, type CommandRouteTable } from '@bti/http';
import type { DiscussionCommand } from '@bti/domain';
import { AdviseDto, OpenDiscussionDto } from './discussions.dto';
import { DispatchToDiscussion } from './discussions.slice';

/** Anonymous discussions: a team advises an employee on a case with no identity in it. */
export const discussionRoutes: CommandRouteTable<DiscussionCommand> = {
  name: 'DiscussionCommandsController',
  prefix: 'discussions',
  tag: 'discussions',
  roles: COMMAND_ROLES.discussion,
  params: { discussionId: 'uuid' },
  dispatch: (id, command, envelope) => new DispatchToDiscussion(id, command, envelope),
  routes: [
    route({
      type: 'OpenAnonymousDiscussion',
      path: '',
      body: OpenDiscussionDto,
      summary:
        'Ask a team about a case anonymously: age band, themes, services — no names, no identity numbers, no consent',
      target: (_, b) => b.discussionId,
      command: (b) => ({
        type: 'OpenAnonymousDiscussion',
        discussionId: b.discussionId,
        arenaId: b.arenaId,
        ageBand: b.ageBand,
        themes: b.themes,
        servicesInvolved: b.servicesInvolved,
        question: b.question,
      }),
    }),
    route({
      type: 'AdviseInDiscussion',
      path: ':discussionId/advice',
      body: AdviseDto,
      summary:
        'The team’s advice and outcome (advice only, ask for consent, report to child welfare)',
      target: ({ discussionId }) => discussionId,
      command: (b) => ({ type: 'AdviseInDiscussion', advice: b.advice, outcome: b.outcome }),
    }),
  ],
};
