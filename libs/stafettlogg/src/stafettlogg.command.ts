import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  guardianSignedInAs,
  assertServiceRegistered,
  ageOn,
  concernDecider,
  concernStream,
  dateOf,
  DomainRuleViolation,
  familyDecider,
  familyStream,
  municipalityDecider,
  municipalityStream,
  notFound,
  stafettloggDecider,
  stafettloggStream,
  type Actor,
  type BtiLevel,
  type CloseReason,
  type ConsentCompetence,
  type ConsentForm,
  type ConsentGiver,
  type ConsentScope,
  type EnrolledMunicipality,
  type FamilyEvaluation,
  type GoalAttainment,
  type KnownStafettlogg,
  type LogActor,
  type LogRules,
  type MeasureDecision,
  type RegisteredFamily,
  type StafettloggCommand,
} from '@bti/domain';
import {
  loadEnrolledMunicipality,
  executeDecider,
  loadState,
  type CommandContext,
  type CommandOutcome,
} from '@bti/commands';
import { EVENT_STORE, type EventStore } from '@bti/event-store';

/** Who signed, when staff record a consent act from a paper form. */
export interface OnBehalf {
  readonly givenByGuardianId?: string;
  readonly givenByYouth?: boolean;
  readonly paperFormReference?: string;
}

/** What the HTTP layer asks for; the handler adds the facts from other streams and the time. */
export type StafettloggIntent =
  | { type: 'Start'; concernId: string; consentId: string; scope: ConsentScope }
  | { type: 'RequestConsent'; consentId: string; scope: ConsentScope }
  | ({ type: 'GiveConsent'; consentId: string; validFrom: string; validUntil: string } & OnBehalf)
  | ({ type: 'RefuseConsent'; consentId: string; reason: string | null } & OnBehalf)
  | ({ type: 'WithdrawConsent'; consentId: string } & OnBehalf)
  | ({ type: 'RenewConsent'; consentId: string; validUntil: string } & OnBehalf)
  | { type: 'Open'; level: BtiLevel }
  | { type: 'JoinService'; serviceId: string; hidden: boolean }
  | Omit<Extract<StafettloggCommand, { type: 'AddEntry' }>, 'actor' | 'at'>
  | {
      type: 'PlanMeasure';
      measureId: string;
      goal: string;
      responsibleServiceId: string;
      responsibleStaffId: string;
      startDate: string;
      evaluationDate: string | null;
      initiativeId: string | null;
      catalogueEntryId: string | null;
    }
  | { type: 'StartMeasure'; measureId: string; startedOn: string }
  | {
      type: 'EvaluateMeasure';
      measureId: string;
      goalAttainment: GoalAttainment;
      familyView: string;
      decision: MeasureDecision;
      nextEvaluationDate: string | null;
    }
  | { type: 'EndMeasure'; measureId: string; reason: string }
  | { type: 'OfferHandover'; toStaffId: string; toServiceId: string }
  | { type: 'AcceptHandover' }
  | { type: 'DeclineHandover' }
  | { type: 'AssignSamordningsansvar'; serviceId: string }
  | { type: 'ChangeLevel'; level: BtiLevel; reason: string }
  | { type: 'MoveToCurrentRules' }
  | {
      type: 'Close';
      reason: CloseReason;
      familyEvaluation: FamilyEvaluation | null;
      evaluationMissingReason: string | null;
    }
  | { type: 'Reopen'; reason: string };

export class ExecuteStafettloggCommand {
  constructor(
    readonly logId: string,
    readonly intent: StafettloggIntent,
    readonly context: CommandContext,
  ) {}
}

export function rulesOf(municipality: EnrolledMunicipality): LogRules {
  const { version, levels, measureEvaluationIntervalDays, consentAge, inactivityThresholdDays } =
    municipality.handlingsveileder;
  return { version, levels, measureEvaluationIntervalDays, consentAge, inactivityThresholdDays };
}

/**
 * Whether the caller may know this log exists. Staff: their service started it, takes part, or is
 * named in one of its consents. Guardians: they are guardians in the family. The young person: it is
 * their log. Anyone else gets a 404, never a 403.
 */
export function mayKnowLog(
  actor: Actor,
  log: KnownStafettlogg,
  family: RegisteredFamily | null,
): boolean {
  if (actor.role === 'staff' || actor.role === 'coordinator') {
    const serviceId = actor.serviceId;
    // Service ids are chosen per municipality: a namesake elsewhere is another service.
    if (!serviceId || actor.municipalityId !== log.municipalityId) return false;
    // The service that started the log is named in its first consent request, so it is covered here.
    return (
      Boolean(log.services[serviceId]) ||
      Object.values(log.consents).some((consent) => consent.scope.services.includes(serviceId))
    );
  }
  if (!family) return false;
  if (actor.role === 'guardian') return guardianSignedInAs(family, actor.subject) !== undefined;
  if (actor.role === 'youth')
    return family.subjects[log.subjectId]?.identitySubject === actor.subject;
  return false;
}

type ConsentActIntent = Extract<
  StafettloggIntent,
  { type: 'GiveConsent' | 'RefuseConsent' | 'WithdrawConsent' | 'RenewConsent' }
>;

function isConsentAct(intent: StafettloggIntent): intent is ConsentActIntent {
  return ['GiveConsent', 'RefuseConsent', 'WithdrawConsent', 'RenewConsent'].includes(intent.type);
}

@CommandHandler(ExecuteStafettloggCommand)
export class StafettloggCommandHandler implements ICommandHandler<
  ExecuteStafettloggCommand,
  CommandOutcome
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ logId, intent, context }: ExecuteStafettloggCommand): Promise<CommandOutcome> {
    const stream = stafettloggStream(logId);
    const { actor, occurredAt: at } = context;
    if (intent.type === 'Start') return this.start(logId, intent, context);

    const { state: log } = await loadState(this.store, stream, stafettloggDecider);
    if (log.status === 'none') throw notFound('STAFETTLOGG_NOT_FOUND');
    const [{ state: family }, { state: municipality }] = await Promise.all([
      loadState(this.store, familyStream(log.familyId), familyDecider),
      loadState(this.store, municipalityStream(log.municipalityId), municipalityDecider),
    ]);
    if (family.status !== 'registered' || municipality.status !== 'enrolled')
      throw notFound('STAFETTLOGG_NOT_FOUND');
    if (!mayKnowLog(actor, log, family)) throw notFound('STAFETTLOGG_NOT_FOUND');

    if (isConsentAct(intent)) {
      const act = this.consentAct(actor, intent, log, family, municipality, at);
      return executeDecider(this.store, stream, stafettloggDecider, () => act, context);
    }

    if (intent.type === 'AddEntry') {
      const logActor = this.logActor(actor, family, log, municipality);
      return executeDecider(
        this.store,
        stream,
        stafettloggDecider,
        () => ({ ...intent, actor: logActor, at }),
        context,
      );
    }

    const by = this.staff(actor, municipality);
    const command = this.staffCommand(intent, by, municipality, at);
    return executeDecider(this.store, stream, stafettloggDecider, () => command, context);
  }

  private async start(
    logId: string,
    intent: Extract<StafettloggIntent, { type: 'Start' }>,
    context: CommandContext,
  ): Promise<CommandOutcome> {
    const { actor, occurredAt: at } = context;
    const municipality = await loadEnrolledMunicipality(this.store, actor.municipalityId ?? '');
    const by = this.staff(actor, municipality);
    const { state: concern } = await loadState(
      this.store,
      concernStream(intent.concernId),
      concernDecider,
    );
    if (
      concern.status === 'none' ||
      concern.serviceId !== by.serviceId ||
      concern.municipalityId !== municipality.municipalityId
    ) {
      throw new DomainRuleViolation('CONCERN_NOT_FOUND', 'Your service has no such concern', {
        concernId: intent.concernId,
      });
    }
    const unknownService = intent.scope.services.find(
      (serviceId) => !municipality.services[serviceId],
    );
    if (unknownService)
      throw new DomainRuleViolation(
        'UNKNOWN_SERVICE',
        'The consent names a service the municipality has not registered',
        { serviceId: unknownService },
      );
    const command: StafettloggCommand = {
      type: 'RequestConsent',
      consentId: intent.consentId,
      scope: intent.scope,
      log: {
        logId,
        concernId: concern.concernId,
        familyId: concern.familyId,
        subjectId: concern.subjectId,
        municipalityId: concern.municipalityId,
        concernOutcome: concern.outcome,
        concernServiceId: concern.serviceId,
      },
      by,
      at,
    };
    return executeDecider(
      this.store,
      stafettloggStream(logId),
      stafettloggDecider,
      (state) => {
        if (state.status !== 'none')
          throw new DomainRuleViolation(
            'STAFETTLOGG_EXISTS',
            'A stafettlogg with this id exists already',
          );
        return command;
      },
      context,
    );
  }

  /** Staff act for a service registered in the log's municipality. */
  private staff(
    actor: Actor,
    municipality: EnrolledMunicipality,
  ): { staffId: string; serviceId: string; coordinator: boolean } {
    const serviceId = actor.serviceId;
    if ((actor.role !== 'staff' && actor.role !== 'coordinator') || !serviceId) {
      throw new DomainRuleViolation(
        'SERVICE_REQUIRED',
        'Only staff acting for a service can do this',
      );
    }
    assertServiceRegistered(municipality, serviceId);
    return { staffId: actor.subject, serviceId, coordinator: actor.role === 'coordinator' };
  }

  private logActor(
    actor: Actor,
    family: RegisteredFamily,
    log: KnownStafettlogg,
    municipality: EnrolledMunicipality,
  ): LogActor {
    if (actor.role === 'guardian') {
      const guardian = guardianSignedInAs(family, actor.subject);
      if (!guardian) throw notFound('STAFETTLOGG_NOT_FOUND');
      return {
        kind: 'guardian',
        guardianId: guardian.guardianId,
        parentalResponsibility: guardian.parentalResponsibility,
      };
    }
    if (actor.role === 'youth') return { kind: 'youth', subjectId: log.subjectId };
    return { kind: 'staff', ...this.staff(actor, municipality) };
  }

  private consentAct(
    actor: Actor,
    intent: ConsentActIntent,
    log: KnownStafettlogg,
    family: RegisteredFamily,
    municipality: EnrolledMunicipality,
    at: string,
  ): StafettloggCommand {
    const subject = family.subjects[log.subjectId];
    const competence: ConsentCompetence = {
      subjectAge: subject?.personal.birthDate
        ? ageOn(subject.personal.birthDate, dateOf(at))
        : null,
      consentAge: (log.rules ?? rulesOf(municipality)).consentAge,
    };
    const actorRef = this.logActor(actor, family, log, municipality);
    let giver: ConsentGiver;
    let form: ConsentForm = { kind: 'digital' };
    if (actorRef.kind === 'staff') {
      if (
        !intent.paperFormReference ||
        (intent.givenByGuardianId === undefined) === (intent.givenByYouth !== true)
      ) {
        throw new DomainRuleViolation(
          'PAPER_FORM_REQUIRED',
          'Staff record a signed paper form: give paperFormReference and either givenByGuardianId or givenByYouth',
        );
      }
      giver = intent.givenByYouth
        ? { kind: 'youth', subjectId: log.subjectId }
        : { kind: 'guardian', guardianId: intent.givenByGuardianId ?? '' };
      form = { kind: 'paper', reference: intent.paperFormReference };
    } else {
      if (
        intent.givenByGuardianId !== undefined ||
        intent.givenByYouth !== undefined ||
        intent.paperFormReference !== undefined
      ) {
        throw new DomainRuleViolation(
          'ON_BEHALF_NOT_ALLOWED',
          'You act for yourself; givenBy… and paperFormReference are for staff recording a paper form',
        );
      }
      giver =
        actorRef.kind === 'guardian'
          ? { kind: 'guardian', guardianId: actorRef.guardianId }
          : { kind: 'youth', subjectId: actorRef.subjectId };
    }
    if (giver.kind === 'guardian' && !family.guardians[giver.guardianId])
      throw new DomainRuleViolation('GUARDIAN_NOT_FOUND', 'No such guardian in the family');
    const giverHasParentalResponsibility =
      giver.kind === 'guardian' && family.guardians[giver.guardianId].parentalResponsibility;
    const common = {
      consentId: intent.consentId,
      giver,
      competence,
      giverHasParentalResponsibility,
      at,
    };
    switch (intent.type) {
      case 'GiveConsent':
        return {
          type: 'GiveConsent',
          ...common,
          actor: actorRef,
          form,
          validFrom: intent.validFrom,
          validUntil: intent.validUntil,
        };
      case 'RefuseConsent':
        return { type: 'RefuseConsent', ...common, reason: intent.reason };
      case 'WithdrawConsent':
        return { type: 'WithdrawConsent', ...common };
      case 'RenewConsent':
        return { type: 'RenewConsent', ...common, validUntil: intent.validUntil };
    }
  }

  private staffCommand(
    intent: Exclude<
      StafettloggIntent,
      {
        type:
          | 'Start'
          | 'AddEntry'
          | 'GiveConsent'
          | 'RefuseConsent'
          | 'WithdrawConsent'
          | 'RenewConsent';
      }
    >,
    by: { staffId: string; serviceId: string; coordinator: boolean },
    municipality: EnrolledMunicipality,
    at: string,
  ): StafettloggCommand {
    const registeredStaff = (staffId: string, serviceId: string) => {
      const staff = municipality.staff[staffId];
      if (!staff || staff.serviceId !== serviceId) {
        throw new DomainRuleViolation('UNKNOWN_STAFF', 'No such staff member in that service', {
          staffId,
          serviceId,
        });
      }
      return { staffId, serviceId };
    };
    switch (intent.type) {
      case 'RequestConsent':
        return { type: 'RequestConsent', consentId: intent.consentId, scope: intent.scope, by, at };
      case 'Open':
        return {
          type: 'OpenStafettlogg',
          level: intent.level,
          rules: rulesOf(municipality),
          by,
          at,
        };
      case 'JoinService':
        if (!municipality.services[intent.serviceId])
          throw new DomainRuleViolation('UNKNOWN_SERVICE', 'No such service in the municipality', {
            serviceId: intent.serviceId,
          });
        return { type: 'JoinService', serviceId: intent.serviceId, hidden: intent.hidden, by, at };
      case 'PlanMeasure': {
        const { responsibleServiceId, responsibleStaffId, ...rest } = intent;
        if (rest.catalogueEntryId && !municipality.catalogue[rest.catalogueEntryId]) {
          throw new DomainRuleViolation(
            'UNKNOWN_CATALOGUE_ENTRY',
            'No such entry in the service catalogue',
          );
        }
        return {
          ...rest,
          type: 'PlanMeasure',
          responsible: registeredStaff(responsibleStaffId, responsibleServiceId),
          by,
          at,
        };
      }
      case 'StartMeasure':
      case 'EvaluateMeasure':
      case 'EndMeasure':
      case 'AcceptHandover':
      case 'DeclineHandover':
      case 'AssignSamordningsansvar':
        return { ...intent, by, at };
      case 'OfferHandover':
        return {
          type: 'OfferHandover',
          to: registeredStaff(intent.toStaffId, intent.toServiceId),
          by,
          at,
        };
      case 'ChangeLevel':
        return { type: 'ChangeLevel', to: intent.level, reason: intent.reason, by, at };
      case 'MoveToCurrentRules':
        return { type: 'MoveToCurrentRules', rules: rulesOf(municipality), by, at };
      case 'Close':
        return {
          type: 'CloseStafettlogg',
          reason: intent.reason,
          familyEvaluation: intent.familyEvaluation,
          evaluationMissingReason: intent.evaluationMissingReason,
          by,
          at,
        };
      case 'Reopen':
        return { type: 'ReopenStafettlogg', reason: intent.reason, by, at };
    }
  }
}
