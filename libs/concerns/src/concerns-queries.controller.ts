import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentActor, mayKnowConcern, QUERY_ROLES } from '@bti/access';
import { dateOf, isConcernOverdue, notFound, type Actor } from '@bti/domain';
import { ApiAnswer, awaitOwnWrite, CLOCK, ReadQueryDto, type Clock, UuidParam } from '@bti/http';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type DocumentPage,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { ListConcernsQueryDto } from './concerns.dto';
import { CONCERNS, type ConcernView } from './concerns.projection';

export type ConcernListItem = ConcernView & { overdue: boolean };

@ApiTags('concerns')
@ApiBearerAuth()
@Controller('concerns')
@AllowRoles(...QUERY_ROLES.concerns)
export class ConcernsQueriesController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_STORE) private readonly readModels: SqliteReadModelStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  private withOverdue(view: ConcernView): ConcernListItem {
    return { ...view, overdue: isConcernOverdue(view, dateOf(this.clock().toISOString())) };
  }

  @Get()
  @ApiAnswer('ConcernPage')
  @ApiOperation({
    summary: 'Your service’s concerns, with those past their deadline marked overdue',
  })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListConcernsQueryDto,
  ): Promise<DocumentPage<ConcernListItem>> {
    await awaitOwnWrite(this.runner, query, [CONCERNS]);
    const where: Record<string, string> = {
      municipalityId: actor.municipalityId ?? '',
      serviceId: actor.serviceId ?? '',
    };
    if (query.status || query.overdue)
      where.status = query.overdue ? 'open' : (query.status ?? 'open');
    const page = this.readModels.findDocuments<ConcernView>(CONCERNS, where, {
      after: query.after,
      limit: query.limit,
    });
    const items = page.items
      .filter((item) => mayKnowConcern(actor, item.document))
      .map((item) => ({ id: item.id, document: this.withOverdue(item.document) }));
    return {
      items: query.overdue ? items.filter((item) => item.document.overdue) : items,
      nextCursor: page.nextCursor,
    };
  }

  @Get(':concernId')
  @ApiAnswer('ConcernListItem')
  @ApiOperation({ summary: 'One of your service’s concerns' })
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('concernId') concernId: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConcernListItem> {
    await awaitOwnWrite(this.runner, query, [CONCERNS]);
    const view = this.readModels.getDocument<ConcernView>(CONCERNS, concernId);
    if (!view || !mayKnowConcern(actor, view)) throw notFound('CONCERN_NOT_FOUND');
    void reply.header('ETag', `"${view.revision}"`);
    return this.withOverdue(view);
  }
}
