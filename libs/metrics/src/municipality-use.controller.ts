import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, mayLeadMunicipality, QUERY_ROLES } from '@bti/access';
import { notFound, type Actor } from '@bti/domain';
import { ApiAnswer, awaitOwnWrite, CLOCK, ID_SLUG, type Clock } from '@bti/http';
import { PROJECTION_RUNNER, type ProjectionRunner } from '@bti/read-models';
import { MunicipalityUseQueryDto } from './metrics.dto';
import { METRIC_FACTS } from './metric-facts';
import { MunicipalityUseReader, type MunicipalityUse } from './municipality-use-reader';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('municipalities')
export class MunicipalityUseController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MunicipalityUseReader) private readonly reader: MunicipalityUseReader,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get(':municipalityId/use')
  @ApiAnswer('MunicipalityUse')
  @AllowRoles(...QUERY_ROLES.municipalityUse)
  @ApiOperation({
    summary:
      'For those who run the municipality’s services (its admin and coordinators): per service, open logs, batons held, overdue evaluations, handovers and concerns waiting, consents to renew, and activity per month — exact counts, no case content. Analysts read the metric tables instead (403)',
  })
  async use(
    @CurrentActor() actor: Actor,
    @Param('municipalityId') municipalityId: string,
    @Query() query: MunicipalityUseQueryDto,
  ): Promise<MunicipalityUse> {
    if (!ID_SLUG.test(municipalityId) || !mayLeadMunicipality(actor, municipalityId))
      throw notFound('MUNICIPALITY_NOT_FOUND');
    await awaitOwnWrite(this.runner, query, [METRIC_FACTS]);
    return this.reader.use(municipalityId, query.months ?? 12, this.clock());
  }
}
