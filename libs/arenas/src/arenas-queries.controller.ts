import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentActor, QUERY_ROLES } from '@bti/access';
import { DomainRuleViolation, isStaffRole, notFound, type Actor } from '@bti/domain';
import { ApiAnswer, awaitOwnWrite, ReadQueryDto, UuidParam } from '@bti/http';
import { PROJECTION_RUNNER, type DocumentPage, type ProjectionRunner } from '@bti/read-models';
import { ListArenasQueryDto, ListReferralsQueryDto } from './arenas.dto';
import {
  ArenasReadModel,
  type ArenaView,
  type ArenaWithQueue,
  type ReferralView,
} from './arenas.read-model';

const READS = ['arenas'];

const actsForMunicipality = (actor: Actor) => isStaffRole(actor.role) || actor.role === 'admin';

/** Staff and admins see their municipality's arenas; the family sees those it may refer to itself. */
function mayKnowArena(actor: Actor, arena: ArenaView): boolean {
  if (actsForMunicipality(actor)) return actor.municipalityId === arena.municipalityId;
  return arena.acceptsCitizenReferrals;
}

/** The arena as this reader may see it: how many cases wait is the municipality's to know. */
function arenaAsSeenBy(actor: Actor, arena: ArenaWithQueue): ArenaView {
  if (actsForMunicipality(actor)) return arena;
  const { pendingReferrals: _waiting, revision: _movesWithReferrals, ...described } = arena;
  return described;
}

@ApiTags('arenas')
@ApiBearerAuth()
@Controller('arenas')
export class ArenasQueriesController {
  constructor(
    @Inject(ArenasReadModel) private readonly arenas: ArenasReadModel,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  @ApiAnswer('ArenaPage')
  @AllowRoles(...QUERY_ROLES.arenas)
  @ApiOperation({
    summary: 'The teams of a municipality: mandate, intake criteria, members and rhythm',
  })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListArenasQueryDto,
  ): Promise<DocumentPage<ArenaView>> {
    await awaitOwnWrite(this.runner, query, READS);
    // Staff and admins know their own municipality's arenas only: another's is not there for them.
    if (
      actsForMunicipality(actor) &&
      query.municipalityId !== undefined &&
      query.municipalityId !== actor.municipalityId
    )
      throw notFound('MUNICIPALITY_NOT_FOUND');
    const municipalityId = actor.municipalityId ?? query.municipalityId ?? '';
    const page = this.arenas.arenasOf(municipalityId, query);
    return {
      items: page.items
        .filter((arena) => mayKnowArena(actor, arena))
        .map((arena) => ({ id: arena.arenaId, document: arenaAsSeenBy(actor, arena) })),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':arenaId')
  @ApiAnswer('ArenaView')
  @AllowRoles(...QUERY_ROLES.arenas)
  @ApiOperation({ summary: 'One team, with its intake criteria and how many cases wait' })
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('arenaId') arenaId: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ArenaView> {
    await awaitOwnWrite(this.runner, query, READS);
    const arena = this.arenas.arena(arenaId);
    if (!arena || !mayKnowArena(actor, arena)) throw notFound('ARENA_NOT_FOUND');
    const seen = arenaAsSeenBy(actor, arena);
    if (seen.revision !== undefined) void reply.header('ETag', `"${seen.revision}"`);
    return seen;
  }

  @Get(':arenaId/referrals')
  @ApiAnswer('ReferralPage')
  @AllowRoles(...QUERY_ROLES.arenaReferrals)
  @ApiOperation({
    summary:
      'The team’s intake queue: referrer, service, level and consent status, in the order cases came',
  })
  async referrals(
    @CurrentActor() actor: Actor,
    @UuidParam('arenaId') arenaId: string,
    @Query() query: ListReferralsQueryDto,
  ): Promise<DocumentPage<ReferralView>> {
    await awaitOwnWrite(this.runner, query, READS);
    const arena = this.arenas.arena(arenaId);
    if (!arena || !mayKnowArena(actor, arena)) throw notFound('ARENA_NOT_FOUND');
    if (!actor.serviceId || !arena.memberServices.includes(actor.serviceId))
      // The same answer a non-member's write (accept, decline) gets.
      throw new DomainRuleViolation(
        'NOT_ARENA_MEMBER',
        'Only the team’s member services see its queue',
      );
    const page = this.arenas.referrals(arenaId, query.status ?? 'pending', query);
    return {
      items: page.items.map((referral) => ({ id: referral.referralId, document: referral })),
      nextCursor: page.nextCursor,
    };
  }
}
