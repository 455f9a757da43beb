import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ACCESS_RECORDER,
  AllowRoles,
  CurrentActor,
  QUERY_ROLES,
  type AccessRecorder,
} from '@bti/access';
import type { Actor } from '@bti/domain';
import {
  ApiAnswer,
  awaitOwnWrite,
  CLOCK,
  type Clock,
  UuidParam,
  validationFailed,
} from '@bti/http';
import { MEETINGS } from '@bti/meetings';
import { PROJECTION_RUNNER, type ProjectionRunner } from '@bti/read-models';
import { STAFETTLOGGER } from '@bti/stafettlogg';
import { TimelineQueryDto } from './overview.dto';
import { TimelineReader, type TimelinePage } from './timeline-reader';
import { TIMELINE } from './timeline.projection';

/** The items come from the timeline; what a reader may see of them, from the log's and meeting's facts. */
const READS = [TIMELINE, STAFETTLOGGER, MEETINGS];

@ApiTags('timeline')
@ApiBearerAuth()
@Controller('families')
export class TimelineQueriesController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(TimelineReader) private readonly timeline: TimelineReader,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(ACCESS_RECORDER) private readonly accessRecorder: AccessRecorder,
  ) {}

  @Get(':familyId/timeline')
  @ApiAnswer('TimelinePage')
  @AllowRoles(...QUERY_ROLES.timeline)
  @ApiOperation({
    summary:
      'Everything that happened around the family, in time order, as far as you may see it: concerns, consents, entries, measures, handovers, meetings, decisions and the family’s evaluations',
  })
  async timelineOf(
    @CurrentActor() actor: Actor,
    @UuidParam('familyId') familyId: string,
    @Query() query: TimelineQueryDto,
  ): Promise<TimelinePage> {
    if (query.from && query.to && query.from > query.to)
      throw validationFailed([{ field: 'to', reasons: ['to must not be before from'] }]);
    await awaitOwnWrite(this.runner, query, READS);
    const page = this.timeline.page(
      actor,
      familyId,
      {
        subjectId: query.subjectId,
        kinds: query.kind,
        from: query.from,
        to: query.to,
        after: query.after,
        limit: query.limit,
      },
      this.clock(),
    );
    await this.accessRecorder.recordRead(actor, {
      familyId,
      subjectId: query.subjectId ?? null,
      target: 'timeline',
      targetId: familyId,
      consentActive: null,
      participating: null,
    });
    return page;
  }
}
