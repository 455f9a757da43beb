import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentActor } from '@bti/access';
import { CaseController, CommandResponse, IfMatchRevision, ReadQueryDto } from '@bti/commands';
import {
  guardianSignedInAs,
  dateOf,
  notFound,
  type Actor,
  type FamilyCommand,
  type FamilyState,
  type RegisteredFamily,
} from '@bti/domain';
import {} from '@bti/read-models';
import {
  AddGuardianDto,
  AddSubjectDto,
  LinkSubjectIdentityDto,
  RecordBirthDto,
  RegisterFamilyDto,
} from './families.dto';
import { ExecuteFamilyCommand } from './families.command';
import { FAMILIES } from './families.projection';

const uuid = new ParseUUIDPipe({ version: undefined });

/** Staff of the family's municipality, and the family's own guardians, may read the family register. */
export function mayReadFamily(actor: Actor, family: RegisteredFamily): boolean {
  if (actor.role === 'guardian') return guardianSignedInAs(family, actor.subject) !== undefined;
  return (
    (actor.role === 'staff' || actor.role === 'coordinator') &&
    actor.municipalityId === family.municipalityId
  );
}

@ApiTags('families')
@ApiBearerAuth()
@Controller('families')
export class FamiliesController extends CaseController {
  private async run(
    actor: Actor,
    familyId: string,
    commandId: string,
    command: FamilyCommand,
    reply: FastifyReply,
    ifMatch?: bigint,
  ): Promise<CommandResponse> {
    return this.send(
      actor,
      commandId,
      ifMatch,
      (context) => new ExecuteFamilyCommand(familyId, command, context),
      reply,
    );
  }

  private today(): string {
    return dateOf(this.clock().toISOString());
  }

  @Post()
  @AllowRoles('staff', 'coordinator')
  @ApiOperation({ summary: 'Register a family in your municipality' })
  @ApiCreatedResponse({ type: CommandResponse })
  register(
    @CurrentActor() actor: Actor,
    @Body() body: RegisterFamilyDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      body.familyId,
      body.commandId,
      {
        type: 'RegisterFamily',
        familyId: body.familyId,
        municipalityId: actor.municipalityId ?? '',
      },
      reply,
    );
  }

  @Post(':familyId/subjects')
  @AllowRoles('staff', 'coordinator')
  @ApiOperation({ summary: 'Add a child, a young person (up to 24) or a pregnancy' })
  @ApiCreatedResponse({ type: CommandResponse })
  addSubject(
    @CurrentActor() actor: Actor,
    @Param('familyId', uuid) familyId: string,
    @Body() body: AddSubjectDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const subject = {
      subjectId: body.subjectId,
      kind: body.kind,
      identitySubject: body.identitySubject ?? null,
      personal: {
        name: body.name,
        birthDate: body.birthDate ?? null,
        expectedBirthDate: body.expectedBirthDate ?? null,
      },
    };
    return this.run(
      actor,
      familyId,
      body.commandId,
      { type: 'AddSubject', subject, today: this.today() },
      reply,
      ifMatch,
    );
  }

  @Post(':familyId/subjects/:subjectId/birth')
  @AllowRoles('staff', 'coordinator')
  @ApiOperation({ summary: 'Record the birth: the pregnancy becomes a child' })
  @ApiCreatedResponse({ type: CommandResponse })
  recordBirth(
    @CurrentActor() actor: Actor,
    @Param('familyId', uuid) familyId: string,
    @Param('subjectId', uuid) subjectId: string,
    @Body() body: RecordBirthDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      familyId,
      body.commandId,
      {
        type: 'RecordBirth',
        subjectId,
        name: body.name,
        birthDate: body.birthDate,
        today: this.today(),
      },
      reply,
      ifMatch,
    );
  }

  @Post(':familyId/subjects/:subjectId/identity')
  @AllowRoles('staff', 'coordinator')
  @ApiOperation({
    summary: 'Link a young person’s sign-in, so they can consent and read their own log',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  linkIdentity(
    @CurrentActor() actor: Actor,
    @Param('familyId', uuid) familyId: string,
    @Param('subjectId', uuid) subjectId: string,
    @Body() body: LinkSubjectIdentityDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      familyId,
      body.commandId,
      { type: 'LinkSubjectIdentity', subjectId, identitySubject: body.identitySubject },
      reply,
      ifMatch,
    );
  }

  @Post(':familyId/guardians')
  @AllowRoles('staff', 'coordinator')
  @ApiOperation({ summary: 'Add a guardian, with or without parental responsibility' })
  @ApiCreatedResponse({ type: CommandResponse })
  addGuardian(
    @CurrentActor() actor: Actor,
    @Param('familyId', uuid) familyId: string,
    @Body() body: AddGuardianDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const guardian = {
      guardianId: body.guardianId,
      identitySubject: body.identitySubject,
      parentalResponsibility: body.parentalResponsibility,
      personal: { name: body.name, contact: body.contact ?? null },
    };
    return this.run(
      actor,
      familyId,
      body.commandId,
      { type: 'AddGuardian', guardian },
      reply,
      ifMatch,
    );
  }

  @Get(':familyId')
  @AllowRoles('staff', 'coordinator', 'guardian')
  @ApiOperation({ summary: 'The family register: subjects and guardians' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('familyId', uuid) familyId: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegisteredFamily> {
    const family = await this.readDocument<FamilyState & { revision: string }>(
      FAMILIES,
      familyId,
      query,
    );
    if (!family || family.status !== 'registered' || !mayReadFamily(actor, family))
      throw notFound('FAMILY_NOT_FOUND');
    void reply.header('ETag', `"${family.revision}"`);
    return family;
  }
}
