import { COMMAND_ROLES } from '@bti/access';
import { route, type CommandRouteTable } from '@bti/http';
import type { MunicipalityCommand } from '@bti/domain';
import {
  AddCatalogueEntryDto,
  ConfigureHandlingsveilederDto,
  EnrolMunicipalityDto,
  RegisterServiceDto,
  RegisterStaffDto,
  StaffMemberDto,
} from './municipality.dto';
import { DispatchToMunicipality } from './municipality.slice';

const municipality = ({ municipalityId }: Record<string, string>) => municipalityId;

export const municipalityRoutes: CommandRouteTable<MunicipalityCommand> = {
  name: 'MunicipalityCommandsController',
  prefix: 'municipalities',
  tag: 'municipality',
  roles: COMMAND_ROLES.municipality,
  params: { municipalityId: 'slug' },
  dispatch: (id, command, envelope) => new DispatchToMunicipality(id, command, envelope),
  routes: [
    route({
      type: 'EnrolMunicipality',
      path: '',
      body: EnrolMunicipalityDto,
      summary:
        'Enrol your municipality (default handlingsveileder: 14-day concern deadline, consent age 16)',
      target: (_, b) => b.municipalityId,
      command: (b) => ({
        type: 'EnrolMunicipality',
        municipalityId: b.municipalityId,
        name: b.name,
        county: b.county,
      }),
    }),
    route({
      type: 'RegisterService',
      path: ':municipalityId/services',
      body: RegisterServiceDto,
      summary: 'Register a service or unit with its sector',
      target: municipality,
      command: (b) => ({
        type: 'RegisterService',
        service: {
          serviceId: b.serviceId,
          name: b.name,
          sector: b.sector,
          alsoServes: b.alsoServes ?? [],
        },
      }),
    }),
    route({
      type: 'RegisterStaff',
      path: ':municipalityId/staff',
      body: RegisterStaffDto,
      summary:
        'Register a staff member or coordinator in a service: the register says who works where',
      target: municipality,
      command: (b) => ({
        type: 'RegisterStaff',
        staff: {
          staffId: b.staffId,
          serviceId: b.serviceId,
          displayName: b.displayName,
          role: b.role,
        },
      }),
    }),
    route({
      type: 'DeactivateStaff',
      path: ':municipalityId/staff/deactivate',
      body: StaffMemberDto,
      summary: 'Deactivate a person in the staff register: from now on they may not act or read',
      target: municipality,
      command: (b) => ({ type: 'DeactivateStaff', staffId: b.staffId }),
    }),
    route({
      type: 'ReactivateStaff',
      path: ':municipalityId/staff/reactivate',
      body: StaffMemberDto,
      summary: 'Reactivate a deactivated person in the staff register',
      target: municipality,
      command: (b) => ({ type: 'ReactivateStaff', staffId: b.staffId }),
    }),
    route({
      type: 'ConfigureHandlingsveileder',
      method: 'PUT',
      path: ':municipalityId/handlingsveileder',
      body: ConfigureHandlingsveilederDto,
      summary: 'Change the handlingsveileder rules; open logs keep theirs until moved on',
      target: municipality,
      command: (b) => ({
        type: 'ConfigureHandlingsveileder',
        rules: {
          levels: b.levels.map((l) => ({ level: l.level, name: l.name })),
          concernDecisionDeadlineDays: b.concernDecisionDeadlineDays,
          measureEvaluationIntervalDays: b.measureEvaluationIntervalDays,
          consentAge: b.consentAge,
          inactivityThresholdDays: b.inactivityThresholdDays,
        },
      }),
    }),
    route({
      type: 'AddCatalogueEntry',
      path: ':municipalityId/catalogue',
      body: AddCatalogueEntryDto,
      summary: 'Add an offer to the service catalogue',
      target: municipality,
      command: (b) => ({
        type: 'AddCatalogueEntry',
        entry: {
          entryId: b.entryId,
          name: b.name,
          description: b.description,
          targetGroup: b.targetGroup,
          contact: b.contact,
          serviceId: b.serviceId ?? null,
        },
      }),
    }),
  ],
};
