import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  accessLogScope,
  AllowRoles,
  CurrentActor,
  mayReviewAccess,
  QUERY_ROLES,
} from '@bti/access';
import { notFound, type Actor } from '@bti/domain';
import {
  ApiAnswer,
  awaitOwnWrite,
  ID_SLUG,
  pageByPosition,
  PositionPageQueryDto,
  UuidParam,
} from '@bti/http';
import { PROJECTION_RUNNER, type ProjectionRunner } from '@bti/read-models';
import {
  ACCESS_LOG,
  AccessLogReadModel,
  type AccessAnomaly,
  type AccessLogItem,
} from './access-log.read-model';

const READS = [ACCESS_LOG];

@ApiTags('access log')
@ApiBearerAuth()
@Controller()
export class AccessLogQueriesController {
  constructor(
    @Inject(AccessLogReadModel) private readonly accessLog: AccessLogReadModel,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get('families/:familyId/access-log')
  @ApiAnswer('AccessLogPage')
  @AllowRoles(...QUERY_ROLES.accessLog)
  @ApiOperation({
    summary:
      'Who has looked at my child’s log: every read by someone outside the family, newest first (guardians with parental responsibility; the young person, the reads about themselves)',
  })
  async familyAccessLog(
    @CurrentActor() actor: Actor,
    @UuidParam('familyId') familyId: string,
    @Query() query: PositionPageQueryDto,
  ): Promise<{ items: AccessLogItem[]; nextCursor: string | null }> {
    await awaitOwnWrite(this.runner, query, READS);
    const scope = accessLogScope(actor, this.accessLog.members(familyId));
    if (!scope) throw notFound('FAMILY_NOT_FOUND');
    return pageByPosition(this.runner.positions, query, (page) =>
      this.accessLog.reads(familyId, 'all' in scope ? null : scope.subjectId, page),
    );
  }

  @Get('municipalities/:municipalityId/access-anomalies')
  @ApiAnswer('AccessAnomalyPage')
  @AllowRoles(...QUERY_ROLES.accessAnomalies)
  @ApiOperation({
    summary:
      'Reads the municipality’s leaders should look at: without an active consent, by a service outside the log, or of more than 20 families by one person in a day',
  })
  async anomalies(
    @CurrentActor() actor: Actor,
    @Param('municipalityId') municipalityId: string,
    @Query() query: PositionPageQueryDto,
  ): Promise<{ items: AccessAnomaly[]; nextCursor: string | null }> {
    if (!ID_SLUG.test(municipalityId) || !mayReviewAccess(actor, municipalityId))
      throw notFound('MUNICIPALITY_NOT_FOUND');
    await awaitOwnWrite(this.runner, query, READS);
    return pageByPosition(this.runner.positions, query, (page) =>
      this.accessLog.anomalies(municipalityId, page),
    );
  }
}
