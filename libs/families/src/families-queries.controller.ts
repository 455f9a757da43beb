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
    void reply.header('ETag', `"${family.revision}"`);
    return asSeenBy(actor, family);
  }
}

/**
 * The register as a family member sees it: every member's sign-in but their own withheld (another
 * member's sign-in is no family matter), and the guardians' contact details only to a guardian with
 * parental responsibility or to the young person — a parent without it read the mother's phone
 * number and every member's sign-in (found from outside). The services see it whole.
 */
function asSeenBy(actor: Actor, family: FamilyView): FamilyView {
  if (actor.role !== 'guardian' && actor.role !== 'youth') return family;
  const guardians = Object.values(family.guardians);
  const responsible =
    actor.role === 'youth' ||
    guardians.some((g) => g.identitySubject === actor.subject && g.parentalResponsibility);
  const ownOnly = (identitySubject: string | null) =>
    identitySubject === actor.subject ? identitySubject : null;
  return {
    ...family,
    subjects: Object.fromEntries(
      Object.entries(family.subjects).map(([id, subject]) => [
        id,
        { ...subject, identitySubject: ownOnly(subject.identitySubject) },
      ]),
    ),
    guardians: Object.fromEntries(
      Object.entries(family.guardians).map(([id, guardian]) => {
        const own = guardian.identitySubject === actor.subject;
        return [
          id,
          {
            ...guardian,
            identitySubject: own ? guardian.identitySubject : null,
            personal: {
              ...guardian.personal,
              contact: own || responsible ? guardian.personal.contact : null,
            },
          },
        ];
      }),
    ),
  };
}
