import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentActor, LOG_CONSENTS, QUERY_ROLES, type LogConsents } from '@bti/access';
import {
  DomainRuleViolation,
  isStaffRole,
  memberOutsideConsent,
  notFound,
  type Actor,
} from '@bti/domain';
import { ApiAnswer, awaitOwnWrite, CLOCK, type Clock, ReadQueryDto, UuidParam } from '@bti/http';
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
    @Inject(LOG_CONSENTS) private readonly logConsents: LogConsents,
    @Inject(CLOCK) private readonly clock: Clock,
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
    // The queue also reads each referred log's consents as they are now.
    await awaitOwnWrite(this.runner, query, [...READS, ...this.logConsents.readModels]);
    const arena = this.arenas.arena(arenaId);
    if (!arena || !mayKnowArena(actor, arena)) throw notFound('ARENA_NOT_FOUND');
    if (!actor.serviceId || !arena.memberServices.includes(actor.serviceId))
      // The same answer a non-member's write (accept, decline) gets.
      throw new DomainRuleViolation(
        'NOT_ARENA_MEMBER',
        'Only the team’s member services see its queue',
      );
    const page = this.arenas.referrals(arenaId, query.status ?? 'pending', query);
    const at = this.clock().toISOString();
    return {
      items: page.items.map((referral) => ({
        id: referral.referralId,
        document: this.asConsentHasItNow(referral, arena.memberServices, at),
      })),
      nextCursor: page.nextCursor,
    };
  }

  /**
   * A case referred with its log under a consent naming the team is the team's to read while such a
   * consent is active: once it is withdrawn or has run out, the family's reason is withheld (found
   * from outside: the queue still showed it, and the case could be taken in).
   */
  private asConsentHasItNow(
    referral: ReferralView,
    memberServices: readonly string[],
    at: string,
  ): ReferralView {
    if (referral.logId === null) return { ...referral, consentCoversArenaNow: false };
    const consents = this.logConsents.consentsOf(referral.logId);
    const coveredNow = memberOutsideConsent(memberServices, consents, at) === null;
    return {
      ...referral,
      consentCoversArenaNow: coveredNow,
      reason: referral.consentCoversArena && !coveredNow ? null : referral.reason,
    };
  }
}
