import { COMMAND_ROLES } from '@bti/access';
import { route, type CommandRouteTable } from '@bti/http';
import type { ProgrammeCommand } from '@bti/domain';
import {
  AddEvaluationReportDto,
  AllocateGrantDto,
  ChangeInitiativeStatusDto,
  CommitFundsDto,
  MarkBaselineDto,
  RegisterInitiativeDto,
} from './programme.dto';
import { DispatchToProgramme } from './programme.slice';

const municipality = ({ municipalityId }: Record<string, string>) => municipalityId;

/** The programme register: what the municipality funds from the pooled 0–24 grant. */
export const programmeRoutes: CommandRouteTable<ProgrammeCommand> = {
  name: 'ProgrammeCommandsController',
  prefix: 'programme',
  tag: 'programme',
  roles: COMMAND_ROLES.programme,
  params: { municipalityId: 'slug', initiativeId: 'slug' },
  dispatch: (id, command, envelope) => new DispatchToProgramme(id, command, envelope),
  routes: [
    route({
      type: 'RegisterInitiative',
      path: ':municipalityId/initiatives',
      body: RegisterInitiativeDto,
      summary:
        'Register an initiative funded from the pooled grant: purpose, target group, services, sectors, evaluation method',
      target: municipality,
      command: (b) => ({
        type: 'RegisterInitiative',
        initiativeId: b.initiativeId,
        name: b.name,
        purpose: b.purpose,
        targetGroup: b.targetGroup,
        serviceIds: b.serviceIds,
        sectors: b.sectors,
        evaluationMethod: b.evaluationMethod,
        status: b.status ?? 'planned',
      }),
    }),
    route({
      type: 'ChangeInitiativeStatus',
      path: ':municipalityId/initiatives/:initiativeId/status',
      body: ChangeInitiativeStatusDto,
      summary: 'Move an initiative on: planned → piloting → in operation → ended',
      target: municipality,
      command: (b, params) => ({
        type: 'ChangeInitiativeStatus',
        initiativeId: params.initiativeId,
        status: b.status,
        note: b.note ?? null,
      }),
    }),
    route({
      type: 'AddEvaluationReport',
      path: ':municipalityId/initiatives/:initiativeId/reports',
      body: AddEvaluationReportDto,
      summary: 'Add an evaluation report, by reference',
      target: municipality,
      command: (b, params) => ({
        type: 'AddEvaluationReport',
        initiativeId: params.initiativeId,
        reportId: b.reportId,
        title: b.title,
        reference: b.reference,
        publishedOn: b.publishedOn,
      }),
    }),
    route({
      type: 'AllocateGrant',
      path: ':municipalityId/allocations',
      body: AllocateGrantDto,
      summary: 'Record a grant allocation for a year from one of the five schemes',
      target: municipality,
      command: (b) => ({
        type: 'AllocateGrant',
        allocationId: b.allocationId,
        year: b.year,
        scheme: b.scheme,
        amountNok: b.amountNok,
      }),
    }),
    route({
      type: 'CommitFunds',
      path: ':municipalityId/commitments',
      body: CommitFundsDto,
      summary: 'Commit allocated funds to an initiative (never more than is left)',
      target: municipality,
      command: (b) => ({
        type: 'CommitFunds',
        commitmentId: b.commitmentId,
        initiativeId: b.initiativeId,
        year: b.year,
        scheme: b.scheme,
        amountNok: b.amountNok,
      }),
    }),
    route({
      type: 'MarkBaseline',
      path: ':municipalityId/baseline',
      body: MarkBaselineDto,
      summary: 'Mark the baseline (nullpunkt) the municipality’s trends are measured from',
      target: municipality,
      command: (b) => ({ type: 'MarkBaseline', date: b.date, note: b.note ?? null }),
    }),
  ],
};
