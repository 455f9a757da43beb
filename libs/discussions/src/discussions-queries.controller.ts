import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, QUERY_ROLES } from '@bti/access';
import { notFound, type Actor } from '@bti/domain';
import { ApiAnswer, awaitOwnWrite, ReadQueryDto, UuidParam } from '@bti/http';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type DocumentPage,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { ListDiscussionsQueryDto } from './discussions.dto';
import { DISCUSSIONS, type DiscussionView } from './discussions.projection';

const READS = [DISCUSSIONS];

/** The service that asked, and the team's member services when it was asked. */
function mayRead(actor: Actor, view: DiscussionView): boolean {
  const own = actor.serviceId ?? '';
  return (
    actor.municipalityId === view.municipalityId &&
    (own === view.askedByServiceId || view.teamServices.includes(own))
  );
}

@ApiTags('discussions')
@ApiBearerAuth()
@Controller('discussions')
@AllowRoles(...QUERY_ROLES.discussions)
export class DiscussionsQueriesController {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: SqliteReadModelStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  @ApiAnswer('DiscussionPage')
  @ApiOperation({
    summary:
      'The anonymous discussions your service asked — or, with arenaId, those put to your team — with the advice',
  })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListDiscussionsQueryDto,
  ): Promise<DocumentPage<DiscussionView>> {
    await awaitOwnWrite(this.runner, query, READS);
    const where: Record<string, string> = query.arenaId
      ? { municipalityId: actor.municipalityId ?? '', arenaId: query.arenaId }
      : { municipalityId: actor.municipalityId ?? '', askedByServiceId: actor.serviceId ?? '' };
    const page = this.readModels.findDocuments<DiscussionView>(DISCUSSIONS, where, query);
    return {
      items: page.items.filter((item) => mayRead(actor, item.document)),
      nextCursor: page.nextCursor,
    };
  }

  @Get(':discussionId')
  @ApiAnswer('DiscussionView')
  @ApiOperation({ summary: 'One anonymous discussion' })
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('discussionId') discussionId: string,
    @Query() query: ReadQueryDto,
  ): Promise<DiscussionView> {
    await awaitOwnWrite(this.runner, query, READS);
    const view = this.readModels.getDocument<DiscussionView>(DISCUSSIONS, discussionId);
    if (!view || !mayRead(actor, view)) throw notFound('DISCUSSION_NOT_FOUND');
    return view;
  }
}
