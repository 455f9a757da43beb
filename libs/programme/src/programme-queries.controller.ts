import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentActor, QUERY_ROLES } from '@bti/access';
import { notFound, type Actor } from '@bti/domain';
import { ApiAnswer, awaitOwnWrite, ReadQueryDto } from '@bti/http';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { PROGRAMMES, type ProgrammeView } from './programme.projection';

const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;

@ApiTags('programme')
@ApiBearerAuth()
@Controller('programme')
export class ProgrammeQueriesController {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: SqliteReadModelStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get(':municipalityId')
  @AllowRoles(...QUERY_ROLES.programme)
  @ApiParam({ name: 'municipalityId', type: String, example: 'vestre-toten' })
  @ApiOperation({
    summary:
      'The programme register: initiatives, their status and reports, grants per scheme and what is committed, the baseline',
  })
  @ApiAnswer('ProgrammeView', {
    description:
      'Your own municipality’s register; analysts read any municipality’s (it holds no personal data)',
  })
  async get(
    @CurrentActor() actor: Actor,
    @Param('municipalityId') municipalityId: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ProgrammeView> {
    await awaitOwnWrite(this.runner, query, [PROGRAMMES]);
    const mayRead = actor.role === 'analyst' || actor.municipalityId === municipalityId;
    const view = SLUG.test(municipalityId)
      ? this.readModels.getDocument<ProgrammeView>(PROGRAMMES, municipalityId)
      : null;
    if (!mayRead || !view) throw notFound('MUNICIPALITY_NOT_FOUND');
    void reply.header('ETag', `"${view.revision}"`);
    return view;
  }
}
