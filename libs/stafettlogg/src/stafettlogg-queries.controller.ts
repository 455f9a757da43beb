import { Controller, Get, Inject, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentActor, QUERY_ROLES } from '@bti/access';
import { CLOCK, type Clock } from '@bti/command-handling';
import type { Actor, FamilyState } from '@bti/domain';
import { FAMILIES } from '@bti/families';
import { awaitOwnWrite, ReadQueryDto } from '@bti/http';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type DocumentPage,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { ListStafettloggerQueryDto } from './stafettlogg.dto';
import { STAFETTLOGGER, type StafettloggView } from './stafettlogg.projection';
import { readableView, summarise, viewFor, type StafettloggSummary } from './stafettlogg-reader';

const READS = [STAFETTLOGGER, FAMILIES];

@ApiTags('stafettlogg')
@ApiBearerAuth()
@Controller('stafettlogger')
export class StafettloggQueriesController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(READ_MODEL_STORE) private readonly readModels: SqliteReadModelStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  private family(familyId: string) {
    const family = this.readModels.getDocument<FamilyState>(FAMILIES, familyId);
    return family?.status === 'registered' ? family : null;
  }

  @Get()
  @AllowRoles(...QUERY_ROLES.stafettloggList)
  @ApiOperation({ summary: 'A family’s logs that you may read, with overdue evaluations counted' })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListStafettloggerQueryDto,
  ): Promise<DocumentPage<StafettloggSummary>> {
    await awaitOwnWrite(this.runner, query, READS);
    const family = this.family(query.familyId);
    const now = this.clock();
    const page = this.readModels.findDocuments<StafettloggView>(
      STAFETTLOGGER,
      { familyId: query.familyId },
      { after: query.after, limit: query.limit },
    );
    const items = page.items.flatMap((item) => {
      const visible = viewFor(actor, item.document, family, now);
      return visible ? [{ id: item.id, document: summarise(visible, now) }] : [];
    });
    return { items, nextCursor: page.nextCursor };
  }

  @Get(':logId')
  @AllowRoles(...QUERY_ROLES.stafettlogg)
  @ApiOperation({
    summary:
      'The log as you may see it: consent-filtered for services, shared entries for the family',
  })
  @ApiOkResponse({
    description:
      'The log as you may see it; ETag is its revision (pass minPosition to include your own last write)',
  })
  async get(
    @CurrentActor() actor: Actor,
    @Param('logId', new ParseUUIDPipe()) logId: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StafettloggView> {
    await awaitOwnWrite(this.runner, query, READS);
    const view = this.readModels.getDocument<StafettloggView>(STAFETTLOGGER, logId);
    const visible = readableView(
      actor,
      view,
      view ? this.family(view.familyId) : null,
      this.clock(),
    );
    void reply.header('ETag', `"${visible.revision}"`);
    return visible;
  }
}
