import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ACCESS_RECORDER,
  AllowRoles,
  CurrentActor,
  meetingReadAccess,
  QUERY_ROLES,
  type AccessRecorder,
} from '@bti/access';
import type { Actor } from '@bti/domain';
import {
  ApiAnswer,
  awaitOwnWrite,
  CLOCK,
  ReadQueryDto,
  type Clock,
  answerAsFile,
  UuidParam,
} from '@bti/http';
import { PROJECTION_RUNNER, type DocumentPage, type ProjectionRunner } from '@bti/read-models';
import { invitationOf, minutesOf, type Minutes } from './meeting-documents.view';
import { FollowUpsQueryDto, ListMeetingsQueryDto, MinutesQueryDto } from './meetings.dto';
import { MeetingsReadModel } from './meetings.read-model';
import {
  followUpItem,
  meetingFor,
  readableMeeting,
  summarise,
  type FollowUpItem,
} from './meetings-reader';
import type { MeetingSummary, MeetingView } from './meetings.view';

/** The only projection these queries read (it keeps its own copies of consents and names). */
const READS = ['meetings'];

@ApiTags('meetings')
@ApiBearerAuth()
@Controller('meetings')
export class MeetingsQueriesController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MeetingsReadModel) private readonly meetings: MeetingsReadModel,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(ACCESS_RECORDER) private readonly accessRecorder: AccessRecorder,
  ) {}

  private facts = (view: MeetingView) => ({
    access: this.meetings.accessFacts(view),
    family: this.meetings.familyFacts(view),
  });

  /** The meeting as the reader may see it; a read by someone outside the family goes into its access log. */
  private async readable(actor: Actor, meetingId: string): Promise<MeetingView> {
    const view = readableMeeting(actor, this.meetings.meeting(meetingId), this.facts, this.clock());
    await this.accessRecorder.recordRead(actor, {
      familyId: view.familyId,
      subjectId: this.meetings.subjectOf(view),
      target: 'meeting',
      targetId: meetingId,
      consentActive: null,
      participating: null,
    });
    return view;
  }

  @Get()
  @ApiAnswer('MeetingSummaryPage')
  @AllowRoles(...QUERY_ROLES.meeting)
  @ApiOperation({ summary: 'A family’s samordningsmøter that you may see, in time order' })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListMeetingsQueryDto,
  ): Promise<DocumentPage<MeetingSummary>> {
    await awaitOwnWrite(this.runner, query, READS);
    const at = this.clock().toISOString();
    const { views: items, nextCursor } = this.meetings.meetingsOfFamily(
      query.familyId,
      query,
      (view) => {
        const { access, family } = this.facts(view);
        const reader = meetingReadAccess(actor, access, family, at);
        if (reader.kind !== 'service' && reader.kind !== 'family') return null;
        return { id: view.meetingId, document: summarise(meetingFor(reader, view, access)) };
      },
    );
    if (items.length > 0)
      await this.accessRecorder.recordRead(actor, {
        familyId: query.familyId,
        subjectId: null,
        target: 'meeting_list',
        targetId: query.familyId,
        consentActive: null,
        participating: null,
      });
    return { items, nextCursor };
  }

  @Get('follow-ups')
  @AllowRoles(...QUERY_ROLES.meetingFollowUps)
  @ApiOperation({
    summary:
      'Decisions the log could not take in, in meetings your service chairs: each needs a person',
  })
  @ApiAnswer('FollowUpPage', {
    description:
      'Listed even when the consent that let your service read the meeting has since lapsed — often the very reason — with the decision’s words left out then',
  })
  async followUps(
    @CurrentActor() actor: Actor,
    @Query() query: FollowUpsQueryDto,
  ): Promise<DocumentPage<FollowUpItem>> {
    await awaitOwnWrite(this.runner, query, READS);
    const page = this.meetings.openFollowUps(
      actor.municipalityId ?? '',
      actor.serviceId ?? '',
      query,
    );
    const at = this.clock().toISOString();
    const items = page.items.flatMap(({ meetingId, decisionId }) => {
      const view = this.meetings.meeting(meetingId);
      const decision = view?.decisions.find((d) => d.decisionId === decisionId);
      if (!view || !decision?.followUp) return [];
      const { access, family } = this.facts(view);
      const reader = meetingReadAccess(actor, access, family, at);
      // Restricted with its closed logs, the meeting leaves its chair's lists as it leaves the worklist.
      if (reader.kind === 'restricted') return [];
      const readable = reader.kind === 'service';
      return [
        {
          id: `${meetingId}/${decisionId}`,
          document: followUpItem(view, decision, readable),
        },
      ];
    });
    return { items, nextCursor: page.nextCursor };
  }

  @Get(':meetingId')
  @AllowRoles(...QUERY_ROLES.meeting)
  @ApiOperation({
    summary:
      'The meeting as you may see it: agenda, attendance, what was said, decisions and their way into the log',
  })
  @ApiAnswer('MeetingView', {
    description: 'ETag is the meeting’s revision, for the services (not the family)',
  })
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('meetingId') meetingId: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MeetingView> {
    await awaitOwnWrite(this.runner, query, READS);
    const view = await this.readable(actor, meetingId);
    if (view.revision !== null) void reply.header('ETag', `"${view.revision}"`);
    return view;
  }

  @Get(':meetingId/minutes')
  @ApiAnswer('Minutes')
  @AllowRoles(...QUERY_ROLES.meeting)
  @ApiOperation({
    summary:
      'The minutes (referat): what was said and decided, in plain words — in bokmål, or nynorsk with language=nn',
  })
  async minutes(
    @CurrentActor() actor: Actor,
    @UuidParam('meetingId') meetingId: string,
    @Query() query: MinutesQueryDto,
  ): Promise<Minutes> {
    await awaitOwnWrite(this.runner, query, READS);
    return minutesOf(await this.readable(actor, meetingId), query.language);
  }

  @Get(':meetingId/invitation.ics')
  @AllowRoles(...QUERY_ROLES.meeting)
  @ApiProduces('text/calendar')
  @ApiOperation({
    summary: 'The invitation as a calendar file (.ics); it names no child and no family member',
  })
  @ApiOkResponse({ schema: { type: 'string' } })
  async invitation(
    @CurrentActor() actor: Actor,
    @UuidParam('meetingId') meetingId: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    await awaitOwnWrite(this.runner, query, READS);
    const view = await this.readable(actor, meetingId);
    // Set here, not by a decorator: a refusal must go out as JSON, which a calendar type would break.
    answerAsFile(reply, 'samordningsmote', 'ics');
    return invitationOf(view, this.clock());
  }
}
