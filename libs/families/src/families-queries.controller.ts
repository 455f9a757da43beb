import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  AllowRoles,
  CurrentActor,
  mayKnowFamily,
  QUERY_ROLES,
  ACCESS_RECORDER,
  type AccessRecorder,
} from '@bti/access';
import { notFound, type Actor } from '@bti/domain';
import { ApiAnswer, awaitOwnWrite, ReadQueryDto, UuidParam } from '@bti/http';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { FAMILIES, signedInGuardians, type FamilyView } from './families.projection';
import { registerAsSeenBy } from './register-view';

@ApiTags('families')
@ApiBearerAuth()
@Controller('families')
export class FamiliesQueriesController {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: SqliteReadModelStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(ACCESS_RECORDER) private readonly accessRecorder: AccessRecorder,
  ) {}

  @Get(':familyId')
  @ApiAnswer('FamilyView')
  @AllowRoles(...QUERY_ROLES.family)
  @ApiOperation({ summary: 'The family register: subjects and guardians' })
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('familyId') familyId: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FamilyView> {
    await awaitOwnWrite(this.runner, query, [FAMILIES]);
    const family = this.readModels.getDocument<FamilyView>(FAMILIES, familyId);
    if (!family || !mayKnowFamily(actor, { ...family, guardians: signedInGuardians(family) }))
      throw notFound('FAMILY_NOT_FOUND');
    await this.accessRecorder.recordRead(actor, {
      familyId,
      subjectId: null,
      target: 'family',
      targetId: familyId,
      consentActive: null,
      participating: null,
    });
    const seen = registerAsSeenBy(actor, family);
    if (seen.revision !== null) void reply.header('ETag', `"${seen.revision}"`);
    return seen;
  }
}
