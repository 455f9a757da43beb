import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentActor } from '@bti/access';
import {
  CaseController,
  awaitOwnWrite,
  CommandResponse,
  IfMatchRevision,
  ReadQueryDto,
} from '@bti/commands';
import { isConcernOverdue, dateOf, notFound, type Actor } from '@bti/domain';
import { type DocumentPage } from '@bti/read-models';
import { ExecuteConcernCommand, type ConcernIntent } from './concerns.command';
import {
  DecideConcernDto,
  ListConcernsQueryDto,
  NoteConcernDto,
  RecordConcernTalkDto,
} from './concerns.dto';
import { CONCERNS, type ConcernView } from './concerns.projection';

const uuid = new ParseUUIDPipe();

export type ConcernListItem = ConcernView & { overdue: boolean };

@ApiTags('concerns')
@ApiBearerAuth()
@Controller('concerns')
@AllowRoles('staff', 'coordinator')
export class ConcernsController extends CaseController {
  private async run(
    actor: Actor,
    concernId: string,
    commandId: string,
    intent: ConcernIntent,
    reply: FastifyReply,
    ifMatch?: bigint,
  ) {
    return this.send(
      actor,
      commandId,
      ifMatch,
      (context) => new ExecuteConcernCommand(concernId, intent, context),
      reply,
    );
  }

  @Post()
  @ApiOperation({
    summary: 'Note an undring or bekymring (nivå 0) inside your own service; no consent yet',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  note(
    @CurrentActor() actor: Actor,
    @Body() body: NoteConcernDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { commandId, concernId, ...intent } = body;
    return this.run(actor, concernId, commandId, { type: 'NoteConcern', ...intent }, reply);
  }

  @Post(':concernId/talks')
  @ApiOperation({
    summary: 'Record a talk with a colleague, the leader, the child or the guardians',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  talk(
    @CurrentActor() actor: Actor,
    @Param('concernId', uuid) concernId: string,
    @Body() body: RecordConcernTalkDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { commandId, ...intent } = body;
    return this.run(
      actor,
      concernId,
      commandId,
      { type: 'RecordConcernTalk', ...intent },
      reply,
      ifMatch,
    );
  }

  @Post(':concernId/decision')
  @ApiOperation({
    summary: 'Decide: close, help within the service (nivå 1), or involve others (ask for consent)',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  decide(
    @CurrentActor() actor: Actor,
    @Param('concernId', uuid) concernId: string,
    @Body() body: DecideConcernDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      concernId,
      body.commandId,
      {
        type: 'DecideConcern',
        outcome: body.outcome,
        reason: body.reason,
        lateReason: body.lateReason ?? null,
      },
      reply,
      ifMatch,
    );
  }

  private withOverdue(view: ConcernView): ConcernListItem {
    return {
      ...view,
      overdue: isConcernOverdue(view, dateOf(this.clock().toISOString())),
    };
  }

  @Get()
  @ApiOperation({
    summary: 'Your service’s concerns, with those past their deadline marked overdue',
  })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListConcernsQueryDto,
  ): Promise<DocumentPage<ConcernListItem>> {
    await awaitOwnWrite(this.runner, query);
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
    const items = page.items.map((item) => ({
      id: item.id,
      document: this.withOverdue(item.document),
    }));
    return {
      items: query.overdue ? items.filter((item) => item.document.overdue) : items,
      nextCursor: page.nextCursor,
    };
  }

  @Get(':concernId')
  @ApiOperation({ summary: 'One of your service’s concerns' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('concernId', uuid) concernId: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ConcernListItem> {
    const view = await this.readDocument<ConcernView>(CONCERNS, concernId, query);
    if (!view || view.serviceId !== actor.serviceId || view.municipalityId !== actor.municipalityId)
      throw notFound('CONCERN_NOT_FOUND');
    void reply.header('ETag', `"${view.revision}"`);
    return this.withOverdue(view);
  }
}
