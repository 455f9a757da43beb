import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentActor } from '@bti/access';
import {
  CaseController,
  awaitOwnWrite,
  CommandResponse,
  IfMatchRevision,
  ReadQueryDto,
} from '@bti/commands';
import {
  notFound,
  type Actor,
  type EnrolledMunicipality,
  type MunicipalityCommand,
  type MunicipalityState,
} from '@bti/domain';
import {} from '@bti/read-models';
import { ExecuteMunicipalityCommand } from './municipality.command';
import {
  AddCatalogueEntryDto,
  ConfigureHandlingsveilederDto,
  EnrolMunicipalityDto,
  RegisterServiceDto,
  RegisterStaffDto,
} from './municipality.dto';
import { MUNICIPALITIES } from './municipality.projection';

function assertOwnMunicipality(actor: Actor, municipalityId: string): void {
  if (actor.municipalityId !== municipalityId) {
    throw new ForbiddenException({
      code: 'NOT_YOUR_MUNICIPALITY',
      message: 'You administer another municipality',
    });
  }
}

@ApiTags('municipality')
@ApiBearerAuth()
@Controller('municipalities')
export class MunicipalityController extends CaseController {
  private async run(
    actor: Actor,
    municipalityId: string,
    commandId: string,
    command: MunicipalityCommand,
    reply: FastifyReply,
    ifMatch?: bigint,
  ): Promise<CommandResponse> {
    assertOwnMunicipality(actor, municipalityId);
    return this.send(
      actor,
      commandId,
      ifMatch,
      (context) => new ExecuteMunicipalityCommand(municipalityId, command, context),
      reply,
    );
  }

  @Post()
  @AllowRoles('admin')
  @ApiOperation({
    summary:
      'Enrol your municipality (default handlingsveileder: 14-day concern deadline, consent age 16)',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  enrol(
    @CurrentActor() actor: Actor,
    @Body() body: EnrolMunicipalityDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    return this.run(
      actor,
      body.municipalityId,
      body.commandId,
      {
        type: 'EnrolMunicipality',
        municipalityId: body.municipalityId,
        name: body.name,
        county: body.county,
      },
      reply,
    );
  }

  @Post(':municipalityId/services')
  @AllowRoles('admin')
  @ApiOperation({ summary: 'Register a service or unit with its sector' })
  @ApiCreatedResponse({ type: CommandResponse })
  registerService(
    @CurrentActor() actor: Actor,
    @Param('municipalityId') municipalityId: string,
    @Body() body: RegisterServiceDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const service = {
      serviceId: body.serviceId,
      name: body.name,
      sector: body.sector,
      alsoServes: body.alsoServes ?? [],
    };
    return this.run(
      actor,
      municipalityId,
      body.commandId,
      { type: 'RegisterService', service },
      reply,
      ifMatch,
    );
  }

  @Post(':municipalityId/staff')
  @AllowRoles('admin')
  @ApiOperation({ summary: 'Register a staff member or coordinator in a service' })
  @ApiCreatedResponse({ type: CommandResponse })
  registerStaff(
    @CurrentActor() actor: Actor,
    @Param('municipalityId') municipalityId: string,
    @Body() body: RegisterStaffDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const staff = {
      staffId: body.staffId,
      serviceId: body.serviceId,
      displayName: body.displayName,
      role: body.role,
    };
    return this.run(
      actor,
      municipalityId,
      body.commandId,
      { type: 'RegisterStaff', staff },
      reply,
      ifMatch,
    );
  }

  @Put(':municipalityId/handlingsveileder')
  @AllowRoles('admin')
  @ApiOperation({
    summary: 'Change the handlingsveileder rules; open logs keep theirs until moved on',
  })
  @ApiCreatedResponse({ type: CommandResponse })
  configure(
    @CurrentActor() actor: Actor,
    @Param('municipalityId') municipalityId: string,
    @Body() body: ConfigureHandlingsveilederDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { commandId, ...rules } = body;
    const levels = rules.levels.map((l) => ({ level: l.level, name: l.name }));
    return this.run(
      actor,
      municipalityId,
      commandId,
      { type: 'ConfigureHandlingsveileder', rules: { ...rules, levels } },
      reply,
      ifMatch,
    );
  }

  @Post(':municipalityId/catalogue')
  @AllowRoles('admin')
  @ApiOperation({ summary: 'Add an offer to the service catalogue' })
  @ApiCreatedResponse({ type: CommandResponse })
  addCatalogueEntry(
    @CurrentActor() actor: Actor,
    @Param('municipalityId') municipalityId: string,
    @Body() body: AddCatalogueEntryDto,
    @IfMatchRevision() ifMatch: bigint | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const { commandId, serviceId, ...entry } = body;
    return this.run(
      actor,
      municipalityId,
      commandId,
      { type: 'AddCatalogueEntry', entry: { ...entry, serviceId: serviceId ?? null } },
      reply,
      ifMatch,
    );
  }

  @Get(':municipalityId')
  @AllowRoles('admin', 'coordinator', 'staff')
  @ApiOperation({ summary: 'The municipality’s services, staff, handlingsveileder and catalogue' })
  async get(
    @CurrentActor() actor: Actor,
    @Param('municipalityId') municipalityId: string,
    @Query() query: ReadQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EnrolledMunicipality> {
    await awaitOwnWrite(this.runner, query);
    const state =
      actor.municipalityId === municipalityId
        ? this.readModels.getDocument<MunicipalityState & { revision: string }>(
            MUNICIPALITIES,
            municipalityId,
          )
        : null;
    if (!state || state.status !== 'enrolled') throw notFound('MUNICIPALITY_NOT_FOUND');
    void reply.header('ETag', `"${state.revision}"`);
    return state;
  }
}
