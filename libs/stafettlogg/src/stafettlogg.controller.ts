import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentActor } from '@bti/access';
import {
  CaseController,
  awaitOwnWrite,
  CommandDto,
  CommandResponse,
  IfMatchRevision,
  ReadQueryDto,
} from '@bti/commands';
import { notFound, type Actor, type FamilyState } from '@bti/domain';
import { FAMILIES } from '@bti/families';
import { type DocumentPage } from '@bti/read-models';
import { ExecuteStafettloggCommand, type StafettloggIntent } from './stafettlogg.command';
import {
  AddEntryDto,
  AssignSamordningsansvarDto,
  ChangeLevelDto,
  CloseStafettloggDto,
  EndMeasureDto,
  EvaluateMeasureDto,
  GiveConsentDto,
  JoinServiceDto,
  ListStafettloggerQueryDto,
  OfferHandoverDto,
  OnBehalfDto,
  OpenStafettloggDto,
  PlanMeasureDto,
  ReasonDto,
  RefuseConsentDto,
  RenewConsentDto,
  RequestConsentDto,
  StartMeasureDto,
  StartStafettloggDto,
} from './stafettlogg.dto';
import { STAFETTLOGGER, type StafettloggView } from './stafettlogg.projection';
import { summarise, viewFor, type StafettloggSummary } from './stafettlogg-reader';

const uuid = new ParseUUIDPipe();
const STAFF = ['staff', 'coordinator'] as const;
const FAMILY_AND_STAFF = ['staff', 'coordinator', 'guardian', 'youth'] as const;

function onBehalf(body: OnBehalfDto) {
  return {
    givenByGuardianId: body.givenByGuardianId,
    givenByYouth: body.givenByYouth,
    paperFormReference: body.paperFormReference,
  };
}

@ApiTags('stafettlogg')
@ApiBearerAuth()
@Controller('stafettlogger')
export class StafettloggController extends CaseController {
  private async run(
    actor: Actor,
    logId: string,
    body: CommandDto,
    intent: StafettloggIntent,
    reply: FastifyReply,
    ifMatch?: bigint,
  ): Promise<CommandResponse> {
    return this.send(
      actor,
      body.commandId,
      ifMatch,
      (context) => new ExecuteStafettloggCommand(logId, intent, context),
      reply,
    );
  }

  @Post()
  @AllowRoles(...STAFF)
  @ApiOperation({
    summary: 'Start a stafettlogg from a concern decided "involve others", by requesting consent',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  start(
    @CurrentActor() actor: Actor,
    @Body() body: StartStafettloggDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      body.logId,
      body,
      { type: 'Start', concernId: body.concernId, consentId: body.consentId, scope: body.scope },
      reply,
    );
  }

  @Get()
  @AllowRoles(...FAMILY_AND_STAFF)
  @ApiOperation({ summary: 'A family’s logs that you may see, with overdue evaluations counted' })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListStafettloggerQueryDto,
  ): Promise<DocumentPage<StafettloggSummary>> {
    await awaitOwnWrite(this.runner, query);
    const family = this.readModels.getDocument<FamilyState>(FAMILIES, query.familyId);
    const registered = family?.status === 'registered' ? family : null;
    const now = this.clock();
    const page = this.readModels.findDocuments<StafettloggView>(
      STAFETTLOGGER,
      { familyId: query.familyId },
      { after: query.after, limit: query.limit },
    );
    const items = page.items.flatMap((item) => {
      const visible = viewFor(actor, item.document, registered, now);
      return visible ? [{ id: item.id, document: summarise(visible, now) }] : [];
    });
    return { items, nextCursor: page.nextCursor };
  }

  @Get(':logId')
  @AllowRoles(...FAMILY_AND_STAFF)
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
    @Param('logId', uuid) logId: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StafettloggView> {
    const view = await this.readDocument<StafettloggView>(STAFETTLOGGER, logId, query);
    const family = view ? this.readModels.getDocument<FamilyState>(FAMILIES, view.familyId) : null;
    const visible =
      view && viewFor(actor, view, family?.status === 'registered' ? family : null, this.clock());
    if (!visible) throw notFound('STAFETTLOGG_NOT_FOUND');
    void reply.header('ETag', `"${visible.revision}"`);
    return visible;
  }

  @Post(':logId/consents')
  @AllowRoles(...STAFF)
  @ApiOperation({ summary: 'Request a further consent (new services or categories)' })
  @ApiCreatedResponse({ type: CommandResponse })
  requestConsent(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Body() body: RequestConsentDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      logId,
      body,
      { type: 'RequestConsent', consentId: body.consentId, scope: body.scope },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/consents/:consentId/give')
  @AllowRoles(...FAMILY_AND_STAFF)
  @ApiOperation({
    summary:
      'Give consent: digitally as guardian or young person, or staff recording a signed paper form',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  give(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Param('consentId', uuid) consentId: string,
    @Body() body: GiveConsentDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      logId,
      body,
      {
        type: 'GiveConsent',
        consentId,
        validFrom: body.validFrom,
        validUntil: body.validUntil,
        ...onBehalf(body),
      },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/consents/:consentId/refuse')
  @AllowRoles(...FAMILY_AND_STAFF)
  @ApiOperation({ summary: 'Refuse consent (the refusal is recorded too)' })
  @ApiCreatedResponse({ type: CommandResponse })
  refuse(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Param('consentId', uuid) consentId: string,
    @Body() body: RefuseConsentDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      logId,
      body,
      { type: 'RefuseConsent', consentId, reason: body.reason ?? null, ...onBehalf(body) },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/consents/:consentId/withdraw')
  @AllowRoles(...FAMILY_AND_STAFF)
  @ApiOperation({ summary: 'Withdraw consent: access stops at once for what comes after' })
  @ApiCreatedResponse({ type: CommandResponse })
  withdraw(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Param('consentId', uuid) consentId: string,
    @Body() body: OnBehalfDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      logId,
      body,
      { type: 'WithdrawConsent', consentId, ...onBehalf(body) },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/consents/:consentId/renew')
  @AllowRoles(...FAMILY_AND_STAFF)
  @ApiOperation({ summary: 'Renew consent by extending its validity' })
  @ApiCreatedResponse({ type: CommandResponse })
  renew(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Param('consentId', uuid) consentId: string,
    @Body() body: RenewConsentDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      logId,
      body,
      { type: 'RenewConsent', consentId, validUntil: body.validUntil, ...onBehalf(body) },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/open')
  @HttpCode(201)
  @AllowRoles(...STAFF)
  @ApiOperation({ summary: 'Open the log under an active consent; you become stafettholder' })
  @ApiCreatedResponse({ type: CommandResponse })
  open(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Body() body: OpenStafettloggDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(actor, logId, body, { type: 'Open', level: body.level }, reply, ifMatch);
  }

  @Post(':logId/services')
  @AllowRoles(...STAFF)
  @ApiOperation({
    summary: 'A service joins, inside the consent; optionally hidden from other services',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  join(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Body() body: JoinServiceDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      logId,
      body,
      { type: 'JoinService', serviceId: body.serviceId, hidden: body.hidden ?? false },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/entries')
  @AllowRoles(...FAMILY_AND_STAFF)
  @ApiOperation({
    summary:
      'Add an entry (staff inside the consent’s services and categories; the family adds its own voice)',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  addEntry(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Body() body: AddEntryDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { commandId: _commandId, correctsEntryId, ...entry } = body;
    return this.run(
      actor,
      logId,
      body,
      { type: 'AddEntry', ...entry, correctsEntryId: correctsEntryId ?? null },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/measures')
  @AllowRoles(...STAFF)
  @ApiOperation({
    summary: 'Plan a measure with a goal, a responsible service and person, and an evaluation date',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  planMeasure(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Body() body: PlanMeasureDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const {
      commandId: _commandId,
      evaluationDate,
      initiativeId,
      catalogueEntryId,
      ...measure
    } = body;
    return this.run(
      actor,
      logId,
      body,
      {
        type: 'PlanMeasure',
        ...measure,
        evaluationDate: evaluationDate ?? null,
        initiativeId: initiativeId ?? null,
        catalogueEntryId: catalogueEntryId ?? null,
      },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/measures/:measureId/start')
  @AllowRoles(...STAFF)
  @ApiOperation({ summary: 'Record that a measure started' })
  @ApiCreatedResponse({ type: CommandResponse })
  startMeasure(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Param('measureId', uuid) measureId: string,
    @Body() body: StartMeasureDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      logId,
      body,
      { type: 'StartMeasure', measureId, startedOn: body.startedOn },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/measures/:measureId/evaluate')
  @AllowRoles(...STAFF)
  @ApiOperation({
    summary:
      'Evaluate a measure with the family: goal attainment, their view, continue / adjust / end',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  evaluateMeasure(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Param('measureId', uuid) measureId: string,
    @Body() body: EvaluateMeasureDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { commandId: _commandId, nextEvaluationDate, ...evaluation } = body;
    return this.run(
      actor,
      logId,
      body,
      {
        type: 'EvaluateMeasure',
        measureId,
        ...evaluation,
        nextEvaluationDate: nextEvaluationDate ?? null,
      },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/measures/:measureId/end')
  @AllowRoles(...STAFF)
  @ApiOperation({ summary: 'End a measure' })
  @ApiCreatedResponse({ type: CommandResponse })
  endMeasure(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Param('measureId', uuid) measureId: string,
    @Body() body: EndMeasureDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      logId,
      body,
      { type: 'EndMeasure', measureId, reason: body.reason },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/handover/offer')
  @AllowRoles(...STAFF)
  @ApiOperation({
    summary: 'Offer the baton; the current stafettholder stays responsible until it is accepted',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  offerHandover(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Body() body: OfferHandoverDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      logId,
      body,
      { type: 'OfferHandover', toStaffId: body.toStaffId, toServiceId: body.toServiceId },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/handover/accept')
  @AllowRoles(...STAFF)
  @ApiOperation({ summary: 'Accept the baton offered to you' })
  @ApiCreatedResponse({ type: CommandResponse })
  acceptHandover(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Body() body: CommandDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(actor, logId, body, { type: 'AcceptHandover' }, reply, ifMatch);
  }

  @Post(':logId/handover/decline')
  @AllowRoles(...STAFF)
  @ApiOperation({ summary: 'Decline the baton offered to you' })
  @ApiCreatedResponse({ type: CommandResponse })
  declineHandover(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Body() body: CommandDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(actor, logId, body, { type: 'DeclineHandover' }, reply, ifMatch);
  }

  @Post(':logId/samordningsansvar')
  @AllowRoles(...STAFF)
  @ApiOperation({
    summary: 'Decide which service has samordningsansvar (separate from the stafettholder)',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  samordningsansvar(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Body() body: AssignSamordningsansvarDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      logId,
      body,
      { type: 'AssignSamordningsansvar', serviceId: body.serviceId },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/level')
  @AllowRoles(...STAFF)
  @ApiOperation({ summary: 'Change the BTI level, with a reason' })
  @ApiCreatedResponse({ type: CommandResponse })
  changeLevel(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Body() body: ChangeLevelDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      logId,
      body,
      { type: 'ChangeLevel', level: body.level, reason: body.reason },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/rules')
  @AllowRoles(...STAFF)
  @ApiOperation({
    summary: 'Move the log on to the municipality’s current handlingsveileder rules',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  moveToCurrentRules(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Body() body: CommandDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(actor, logId, body, { type: 'MoveToCurrentRules' }, reply, ifMatch);
  }

  @Post(':logId/close')
  @AllowRoles(...STAFF)
  @ApiOperation({ summary: 'Close the log with a reason and the family’s closing evaluation' })
  @ApiCreatedResponse({ type: CommandResponse })
  close(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Body() body: CloseStafettloggDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const evaluation = body.familyEvaluation
      ? { ...body.familyEvaluation, comment: body.familyEvaluation.comment ?? null }
      : null;
    return this.run(
      actor,
      logId,
      body,
      {
        type: 'Close',
        reason: body.reason,
        familyEvaluation: evaluation,
        evaluationMissingReason: body.evaluationMissingReason ?? null,
      },
      reply,
      ifMatch,
    );
  }

  @Post(':logId/reopen')
  @AllowRoles(...STAFF)
  @ApiOperation({ summary: 'Reopen a closed log under an active consent' })
  @ApiCreatedResponse({ type: CommandResponse })
  reopen(
    @CurrentActor() actor: Actor,
    @Param('logId', uuid) logId: string,
    @Body() body: ReasonDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(actor, logId, body, { type: 'Reopen', reason: body.reason }, reply, ifMatch);
  }
}
