import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  assertServiceRegistered,
  concernDecider,
  concernStream,
  DomainRuleViolation,
  familyDecider,
  familyStream,
  notFound,
  type ConcernKind,
  type ConcernOutcome,
  type TalkParty,
} from '@bti/domain';
import {
  loadEnrolledMunicipality,
  executeDecider,
  loadState,
  type CommandContext,
  type CommandOutcome,
} from '@bti/commands';
import { EVENT_STORE, type EventStore } from '@bti/event-store';

export type ConcernIntent =
  | { type: 'NoteConcern'; familyId: string; subjectId: string; kind: ConcernKind; summary: string }
  | { type: 'RecordConcernTalk'; with: TalkParty; heldOn: string; summary: string }
  | { type: 'DecideConcern'; outcome: ConcernOutcome; reason: string; lateReason: string | null };

export class ExecuteConcernCommand {
  constructor(
    readonly concernId: string,
    readonly intent: ConcernIntent,
    readonly context: CommandContext,
  ) {}
}

/** Loads what a concern command needs from other streams, then decides. Staff act for their own service. */
@CommandHandler(ExecuteConcernCommand)
export class ConcernCommandHandler implements ICommandHandler<
  ExecuteConcernCommand,
  CommandOutcome
> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ concernId, intent, context }: ExecuteConcernCommand): Promise<CommandOutcome> {
    const { actor, occurredAt: at } = context;
    const serviceId = actor.serviceId;
    const municipalityId = actor.municipalityId;
    if (!serviceId || !municipalityId)
      throw new DomainRuleViolation(
        'SERVICE_REQUIRED',
        'Concerns are noted by staff acting for a service',
      );
    const stream = concernStream(concernId);
    if (intent.type !== 'NoteConcern') {
      return executeDecider(
        this.store,
        stream,
        concernDecider,
        () => ({
          ...intent,
          by: actor.subject,
          byServiceId: serviceId,
          byMunicipalityId: municipalityId,
          at,
        }),
        context,
      );
    }
    const [municipality, { state: family }] = await Promise.all([
      loadEnrolledMunicipality(this.store, municipalityId),
      loadState(this.store, familyStream(intent.familyId), familyDecider),
    ]);
    assertServiceRegistered(municipality, serviceId);
    if (family.status !== 'registered' || family.municipalityId !== municipalityId)
      throw notFound('FAMILY_NOT_FOUND');
    if (!family.subjects[intent.subjectId])
      throw new DomainRuleViolation('SUBJECT_NOT_FOUND', 'No such subject in the family');
    return executeDecider(
      this.store,
      stream,
      concernDecider,
      () => ({
        ...intent,
        concernId,
        municipalityId,
        serviceId,
        by: actor.subject,
        at,
        decisionDeadlineDays: municipality.handlingsveileder.concernDecisionDeadlineDays,
      }),
      context,
    );
  }
}
