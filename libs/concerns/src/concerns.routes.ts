import { COMMAND_ROLES } from '@bti/access';
import { route, type CommandRouteTable } from '@bti/http';
import type { ConcernCommand } from '@bti/domain';
import { DecideConcernDto, NoteConcernDto, RecordConcernTalkDto } from './concerns.dto';
import { DispatchToConcern } from './concerns.slice';

const concern = ({ concernId }: Record<string, string>) => concernId;

export const concernRoutes: CommandRouteTable<ConcernCommand> = {
  name: 'ConcernCommandsController',
  prefix: 'concerns',
  tag: 'concerns',
  roles: COMMAND_ROLES.concern,
  params: { concernId: 'uuid' },
  dispatch: (concernId, command, envelope) => new DispatchToConcern(concernId, command, envelope),
  routes: [
    route({
      type: 'NoteConcern',
      path: '',
      body: NoteConcernDto,
      summary: 'Note an undring or bekymring (nivå 0) inside your own service; no consent yet',
      target: (_, b) => b.concernId,
      command: (b) => ({
        type: 'NoteConcern',
        concernId: b.concernId,
        familyId: b.familyId,
        subjectId: b.subjectId,
        kind: b.kind,
        summary: b.summary,
      }),
    }),
    route({
      type: 'RecordConcernTalk',
      path: ':concernId/talks',
      body: RecordConcernTalkDto,
      summary: 'Record a talk with a colleague, the leader, the child or the guardians',
      target: concern,
      command: (b) => ({
        type: 'RecordConcernTalk',
        with: b.with,
        heldOn: b.heldOn,
        summary: b.summary,
      }),
    }),
    route({
      type: 'DecideConcern',
      path: ':concernId/decision',
      body: DecideConcernDto,
      summary:
        'Decide: close, help within the service (nivå 1), or involve others (ask for consent)',
      target: concern,
      command: (b) => ({
        type: 'DecideConcern',
        outcome: b.outcome,
        reason: b.reason,
        lateReason: b.lateReason ?? null,
      }),
    }),
  ],
};
