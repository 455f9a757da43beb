import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentActor, mayKnowMunicipality, QUERY_ROLES } from '@bti/access';
import { notFound, type Actor } from '@bti/domain';
import { ApiAnswer, awaitOwnWrite, ReadQueryDto } from '@bti/http';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { MUNICIPALITIES, type MunicipalityView } from './municipality.projection';

@ApiTags('municipality')
@ApiBearerAuth()
@Controller('municipalities')
export class MunicipalityQueriesController {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: SqliteReadModelStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get(':municipalityId')
  @ApiAnswer('MunicipalityView')
  @AllowRoles(...QUERY_ROLES.municipality)
  @ApiOperation({ summary: 'The municipality’s services, staff, handlingsveileder and catalogue' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('municipalityId') municipalityId: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MunicipalityView> {
    await awaitOwnWrite(this.runner, query, [MUNICIPALITIES]);
    const state = mayKnowMunicipality(actor, municipalityId)
      ? this.readModels.getDocument<MunicipalityView>(MUNICIPALITIES, municipalityId)
      : null;
    if (!state) throw notFound('MUNICIPALITY_NOT_FOUND');
    void reply.header('ETag', `"${state.revision}"`);
    return state;
  }
}
