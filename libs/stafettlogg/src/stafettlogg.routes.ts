import { COMMAND_ROLES } from '@bti/access';
import { CommandDto, route, type CommandRouteTable } from '@bti/http';
import type { StafettloggCommand } from '@bti/domain';
import {
  AddEntryDto,
  AssignSamordningsansvarDto,
  ChangeLevelDto,
  CloseStafettloggDto,
  EndMeasureDto,
  EvaluateMeasureDto,
  GuardianReadAccessDto,
  GuardianSharingDto,
  JoinServiceDto,
  OfferHandoverDto,
  OpenStafettloggDto,
  PlanMeasureDto,
  ReasonDto,
  StartMeasureDto,
} from './stafettlogg.dto';
import { DispatchToStafettlogg } from './stafettlogg.slice';

const log = ({ logId }: Record<string, string>) => logId;

/** The stafettlogg's command endpoints (its consent endpoints are in @bti/consent). */
export const stafettloggRoutes: CommandRouteTable<StafettloggCommand> = {
  name: 'StafettloggCommandsController',
  prefix: 'stafettlogger',
  tag: 'stafettlogg',
  roles: COMMAND_ROLES.stafettlogg,
  params: { logId: 'uuid', measureId: 'uuid' },
  dispatch: (logId, command, envelope) => new DispatchToStafettlogg(logId, command, envelope),
  routes: [
    route({
      type: 'OpenStafettlogg',
      path: ':logId/open',
      body: OpenStafettloggDto,
      summary: 'Open the log under an active consent; you become stafettholder',
      target: log,
      command: (b) => ({ type: 'OpenStafettlogg', level: b.level }),
    }),
    route({
      type: 'JoinService',
      path: ':logId/services',
      body: JoinServiceDto,
      summary: 'A service joins, inside the consent; optionally hidden from other services',
      target: log,
      command: (b) => ({ type: 'JoinService', serviceId: b.serviceId, hidden: b.hidden ?? false }),
    }),
    route({
      type: 'AddEntry',
      path: ':logId/entries',
      body: AddEntryDto,
      summary:
        'Add an entry (staff inside the consent’s services and categories; the family adds its own voice)',
      target: log,
      command: (b) => ({
        type: 'AddEntry',
        entryId: b.entryId,
        kind: b.kind,
        category: b.category,
        sharedWithGuardians: b.sharedWithGuardians,
        text: b.text,
        correctsEntryId: b.correctsEntryId ?? null,
      }),
    }),
    route({
      type: 'PlanMeasure',
      path: ':logId/measures',
      body: PlanMeasureDto,
      summary:
        'Plan a measure with a goal, a responsible service and person, and an evaluation date',
      target: log,
      command: (b) => ({
        type: 'PlanMeasure',
        measureId: b.measureId,
        goal: b.goal,
        responsibleServiceId: b.responsibleServiceId,
        responsibleStaffId: b.responsibleStaffId,
        startDate: b.startDate,
        evaluationDate: b.evaluationDate ?? null,
        initiativeId: b.initiativeId ?? null,
        catalogueEntryId: b.catalogueEntryId ?? null,
      }),
    }),
    route({
      type: 'StartMeasure',
      path: ':logId/measures/:measureId/start',
      body: StartMeasureDto,
      summary: 'Record that a measure started',
      target: log,
      command: (b, p) => ({ type: 'StartMeasure', measureId: p.measureId, startedOn: b.startedOn }),
    }),
    route({
      type: 'EvaluateMeasure',
      path: ':logId/measures/:measureId/evaluate',
      body: EvaluateMeasureDto,
      summary:
        'Evaluate a measure with the family: goal attainment, their view, continue / adjust / end',
      target: log,
      command: (b, p) => ({
        type: 'EvaluateMeasure',
        measureId: p.measureId,
        goalAttainment: b.goalAttainment,
        familyView: b.familyView,
        decision: b.decision,
        nextEvaluationDate: b.nextEvaluationDate ?? null,
      }),
    }),
    route({
      type: 'EndMeasure',
      path: ':logId/measures/:measureId/end',
      body: EndMeasureDto,
      summary: 'End a measure',
      target: log,
      command: (b, p) => ({ type: 'EndMeasure', measureId: p.measureId, reason: b.reason }),
    }),
    route({
      type: 'OfferHandover',
      path: ':logId/handover/offer',
      body: OfferHandoverDto,
      summary: 'Offer the baton; the current stafettholder stays responsible until it is accepted',
      target: log,
      command: (b) => ({
        type: 'OfferHandover',
        toStaffId: b.toStaffId,
        toServiceId: b.toServiceId,
      }),
    }),
    route({
      type: 'AcceptHandover',
      path: ':logId/handover/accept',
      body: CommandDto,
      summary: 'Accept the baton offered to you',
      target: log,
      command: () => ({ type: 'AcceptHandover' }),
    }),
    route({
      type: 'DeclineHandover',
      path: ':logId/handover/decline',
      body: CommandDto,
      summary: 'Decline the baton offered to you',
      target: log,
      command: () => ({ type: 'DeclineHandover' }),
    }),
    route({
      type: 'AssignSamordningsansvar',
      path: ':logId/samordningsansvar',
      body: AssignSamordningsansvarDto,
      summary: 'Decide which service has samordningsansvar (separate from the stafettholder)',
      target: log,
      command: (b) => ({ type: 'AssignSamordningsansvar', serviceId: b.serviceId }),
    }),
    route({
      type: 'ChangeLevel',
      path: ':logId/level',
      body: ChangeLevelDto,
      summary: 'Change the BTI level, with a reason',
      target: log,
      command: (b) => ({ type: 'ChangeLevel', level: b.level, reason: b.reason }),
    }),
    route({
      type: 'MoveToCurrentRules',
      path: ':logId/rules',
      body: CommandDto,
      summary: 'Move the log on to the municipality’s current handlingsveileder rules',
      target: log,
      command: () => ({ type: 'MoveToCurrentRules' }),
    }),
    route({
      type: 'CloseStafettlogg',
      path: ':logId/close',
      body: CloseStafettloggDto,
      summary: 'Close the log with a reason and the family’s closing evaluation',
      target: log,
      command: (b) => ({
        type: 'CloseStafettlogg',
        reason: b.reason,
        familyEvaluation: b.familyEvaluation
          ? { ...b.familyEvaluation, comment: b.familyEvaluation.comment ?? null }
          : null,
        evaluationMissingReason: b.evaluationMissingReason ?? null,
      }),
    }),
    route({
      type: 'ReopenStafettlogg',
      path: ':logId/reopen',
      body: ReasonDto,
      summary: 'Reopen a closed log under an active consent',
      target: log,
      command: (b) => ({ type: 'ReopenStafettlogg', reason: b.reason }),
    }),
    route({
      type: 'ChooseGuardianSharing',
      path: ':logId/guardian-sharing',
      body: GuardianSharingDto,
      summary:
        'The young person, from the consent age, chooses what their guardians may no longer read (health is kept from them by law)',
      target: log,
      command: (b) => ({ type: 'ChooseGuardianSharing', keptFromGuardians: b.keptFromGuardians }),
    }),
    route({
      type: 'GrantGuardianReadAccess',
      path: ':logId/guardian-read-access',
      body: GuardianReadAccessDto,
      summary:
        'Let a parent without parental responsibility read the log, with the reason (a service taking part)',
      target: log,
      command: (b) => ({
        type: 'GrantGuardianReadAccess',
        guardianId: b.guardianId,
        reason: b.reason,
      }),
    }),
    route({
      type: 'RevokeGuardianReadAccess',
      path: ':logId/guardian-read-access/revoke',
      body: GuardianReadAccessDto,
      summary: 'Take back a parent’s read access, with the reason',
      target: log,
      command: (b) => ({
        type: 'RevokeGuardianReadAccess',
        guardianId: b.guardianId,
        reason: b.reason,
      }),
    }),
  ],
};
