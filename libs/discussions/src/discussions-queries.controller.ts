import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, mayKnowDiscussion, QUERY_ROLES } from '@bti/access';
import { notFound, type Actor } from '@bti/domain';
import { ApiAnswer, awaitOwnWrite, ReadQueryDto, UuidParam } from '@bti/http';
import {
  pageLimit,
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type DocumentPage,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { ListDiscussionsQueryDto } from './discussions.dto';
import { DISCUSSIONS, type DiscussionView } from './discussions.projection';

const READS = [DISCUSSIONS];

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
    // A page is filled with what the caller may read, and its cursor is the last of those: a cursor
    // from the rows behind the filter walked a non-member through the ids of every discussion put
    // to the team (found from outside).
    const limit = pageLimit(query.limit);
    const items: DocumentPage<DiscussionView>['items'] = [];
    for (let after = query.after; ;) {
      const page = this.readModels.findDocuments<DiscussionView>(DISCUSSIONS, where, {
        after,
        limit,
      });
      for (const item of page.items) {
        if (!mayKnowDiscussion(actor, item.document)) continue;
        if (items.length === limit) return { items, nextCursor: items[limit - 1].id };
        items.push(item);
      }
      if (page.nextCursor === null) return { items, nextCursor: null };
      after = page.nextCursor;
    }
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
    if (!view || !mayKnowDiscussion(actor, view)) throw notFound('DISCUSSION_NOT_FOUND');
    return view;
  }
}
