import { COMMAND_ROLES } from '@bti/access';
import { route, type CommandRouteTable } from '@bti/http';
import type { ArenaCommand, ArenaDescription } from '@bti/domain';
import {
  AcceptReferralDto,
  ArenaDescriptionDto,
  DeclineReferralDto,
  EstablishArenaDto,
  ReferCaseDto,
} from './arenas.dto';
import { DispatchToArena } from './arenas.slice';

const arena = ({ arenaId }: Record<string, string>) => arenaId;
const description = (b: ArenaDescriptionDto): ArenaDescription => ({
  kind: b.kind,
  name: b.name,
  mandate: b.mandate,
  intakeCriteria: b.intakeCriteria,
  memberServices: b.memberServices,
  meetingRhythm: b.meetingRhythm,
  acceptsCitizenReferrals: b.acceptsCitizenReferrals,
});

/** Arenas (teams) and the cases referred to them. */
export const arenaRoutes: CommandRouteTable<ArenaCommand> = {
  name: 'ArenaCommandsController',
  prefix: 'arenas',
  tag: 'arenas',
  roles: COMMAND_ROLES.arena,
  params: { arenaId: 'uuid', referralId: 'uuid' },
  dispatch: (arenaId, command, envelope) => new DispatchToArena(arenaId, command, envelope),
  routes: [
    route({
      type: 'EstablishArena',
      path: '',
      body: EstablishArenaDto,
      summary: 'Establish a team with its mandate, intake criteria, member services and rhythm',
      target: (_, b) => b.arenaId,
      command: (b) => ({ type: 'EstablishArena', arenaId: b.arenaId, ...description(b) }),
    }),
    route({
      type: 'UpdateArena',
      method: 'PUT',
      path: ':arenaId',
      body: ArenaDescriptionDto,
      summary: 'Change the team’s mandate, criteria, members or rhythm',
      target: arena,
      command: (b) => ({ type: 'UpdateArena', ...description(b) }),
    }),
    route({
      type: 'ReferCase',
      path: ':arenaId/referrals',
      body: ReferCaseDto,
      summary:
        'Refer a case to the team: staff inside the consent; the family itself where the arena is "en dør inn"',
      target: arena,
      command: (b) => ({
        type: 'ReferCase',
        referralId: b.referralId,
        familyId: b.familyId,
        logId: b.logId ?? null,
        reason: b.reason,
      }),
    }),
    route({
      type: 'AcceptReferral',
      path: ':arenaId/referrals/:referralId/accept',
      body: AcceptReferralDto,
      summary: 'Take the referred case in (the team’s member services)',
      target: arena,
      command: (b, params) => ({
        type: 'AcceptReferral',
        referralId: params.referralId,
        note: b.note ?? null,
      }),
    }),
    route({
      type: 'DeclineReferral',
      path: ':arenaId/referrals/:referralId/decline',
      body: DeclineReferralDto,
      summary: 'Decline with a reason, and say where to go instead',
      target: arena,
      command: (b, params) => ({
        type: 'DeclineReferral',
        referralId: params.referralId,
        reason: b.reason,
        redirectToArenaId: b.redirectToArenaId ?? null,
        advice: b.advice ?? null,
      }),
    }),
  ],
};
