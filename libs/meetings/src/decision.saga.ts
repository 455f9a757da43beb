import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  EMPTY,
  catchError,
  concatMap,
  defer,
  from,
  lastValueFrom,
  map,
  of,
  retry,
  Subscription,
  tap,
  throwError,
  timer,
  toArray,
  Observable,
} from 'rxjs';
import { ActionForbidden } from '@bti/access';
import { StreamStates, type CommandEnvelope } from '@bti/command-handling';
import {
  DomainRuleViolation,
  isRole,
  meetingDecider,
  meetingStream,
  type Actor,
  type MeetingEvent,
  type StafettloggCommand,
} from '@bti/domain';
import {
  asReadEvent,
  deterministicUuid,
  EVENT_STORE,
  type AsRead,
  type EventStore,
  type RecordedEvent,
} from '@bti/event-store';
import { APP_CONFIG, type AppConfig } from '@bti/config';
import { CLOCK, type Clock } from '@bti/http';
import { READ_MODEL_STORE, type SqliteReadModelStore } from '@bti/read-models';
import { DispatchToStafettlogg } from '@bti/stafettlogg';
import { DispatchToMeeting } from './meetings.slice';

export const DECISION_SAGA = 'saga:meeting-decisions';
/** As the saga reads it from the log: its words null once the family's personal data is erased. */
type DecisionRecorded = Extract<AsRead<MeetingEvent>, { type: 'MeetingDecisionRecorded' }>['data'];

/** The words a measure or a level change is carried into the log with, or why there are none. */
function wordsOf(text: string | null): string {
  if (text !== null) return text;
  throw new DomainRuleViolation(
    'FAMILY_ERASED',
    'The family’s personal data has been erased: the decision’s words are gone, so it cannot be carried into the log',
  );
}

/** How often a command that failed for a passing reason (the store, a race) is tried again. */
const TRANSIENT_RETRIES = 4;

/**
 * The stafettlogg command a decision stands for, or null for an agreement the log does not hold.
 * Throws FAMILY_ERASED for a measure or level change whose words an erasure took.
 */
export function logCommandFor(
  decision: DecisionRecorded,
  decisionEventId: string,
): { logId: string; command: StafettloggCommand } | null {
  const details = decision.details;
  switch (details.kind) {
    case 'measure':
      return {
        logId: details.logId,
        command: {
          type: 'PlanMeasure',
          // Derived from the decision event: the same decision is the same measure, however often.
          measureId: deterministicUuid('meeting-decision-measure', decisionEventId),
          goal: wordsOf(decision.personal.goal ?? decision.personal.text),
          responsibleServiceId: decision.responsible.serviceId,
          responsibleStaffId: decision.responsible.staffId,
          startDate: details.startDate,
          evaluationDate: details.evaluationDate,
          initiativeId: details.initiativeId,
          catalogueEntryId: null,
        },
      };
    case 'level_change':
      return {
        logId: details.logId,
        command: {
          type: 'ChangeLevel',
          level: details.level,
          reason: wordsOf(decision.personal.text),
        },
      };
    case 'stafettholder':
      return {
        logId: details.logId,
        command: {
          type: 'OfferHandover',
          toStaffId: details.to.staffId,
          toServiceId: details.to.serviceId,
        },
      };
    case 'samordningsansvar':
      return {
        logId: details.logId,
        command: { type: 'AssignSamordningsansvar', serviceId: details.serviceId },
      };
    default:
      return null;
  }
}

/** How long the saga's checkpoint may stay behind while no decision comes. */
const QUIET_CHECKPOINT_MS = 5_000;
/** How soon a decision's checkpoint the projection thread kept from being written is tried again. */
const SAVE_RETRY_MS = 20;

const isRuleBroken = (error: unknown) =>
  error instanceof DomainRuleViolation || error instanceof ActionForbidden;

/**
 * Carries samordningsmøte decisions into the child's stafettlogg: a measure is planned, the level
 * changed, the baton offered, samordningsansvar assigned — as commands through the one command path,
 * in the name of the chair who recorded the decision.
 *
 * It reads the durable, checkpointed subscription (never the in-process event bus), one decision at
 * a time. Each command's commandId is derived from the decision event's id, so a replay after a crash
 * — or the same saga on another API node — changes nothing. A decision the log refuses (consent
 * withdrawn meanwhile, the person no longer registered …) is recorded on the meeting as a follow-up
 * for a person, and never tried again; a passing failure is tried a few times, then the same.
 */
@Injectable()
export class DecisionSaga implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('DecisionSaga');
  private subscription: Subscription | null = null;
  private consecutiveFailures = 0;
  /**
   * How far the saga has gone, also past what it wrote down: every append moves the subscription's
   * position, but the checkpoint is written only after a batch that carried a decision, or once
   * `QUIET_CHECKPOINT_MS` has passed, and only when the read-model file is not busy with a batch of the
   * projection thread — written on every append, it was a write to the file per group commit, waiting
   * for that thread's commit. Resuming from an older checkpoint reads positions again; a decision
   * among them is carried out again and changes nothing (its commands' ids are derived from it).
   */
  private handledUpTo = 0n;
  private checkpointSavedAt = 0;
  /** A batch with a decision has been carried out and its position not yet written. */
  private decisionUnsaved = false;
  private saveRetry: NodeJS.Timeout | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly checkpoints: SqliteReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(CommandBus) private readonly commandBus: CommandBus,
    @Inject(StreamStates) private readonly streams: StreamStates,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.runSagas) this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  get checkpoint(): bigint {
    const saved = this.checkpoints.checkpoint(DECISION_SAGA);
    return saved > this.handledUpTo ? saved : this.handledUpTo;
  }

  get failures(): number {
    return this.consecutiveFailures;
  }

  /** False on a node where RUN_SAGAS=false, or once stopped. */
  get running(): boolean {
    return this.subscription !== null;
  }

  start(): void {
    if (this.subscription) return;
    this.subscription = this.pipeline()
      .pipe(
        retry({
          delay: (error: unknown) => {
            this.consecutiveFailures += 1;
            this.logger.error(
              {
                checkpoint: String(this.checkpoint),
                failures: this.consecutiveFailures,
                error: error instanceof Error ? error.name : 'unknown',
              },
              'decision saga failed; resuming from its checkpoint',
            );
            return timer(Math.min(250 * 2 ** this.consecutiveFailures, 30_000));
          },
        }),
      )
      .subscribe();
  }

  async stop(): Promise<void> {
    this.subscription?.unsubscribe();
    this.subscription = null;
    if (this.saveRetry) clearTimeout(this.saveRetry);
    this.saveRetry = null;
    // Let a command in flight finish before the store closes under it.
    await new Promise((resolve) => setImmediate(resolve));
  }

  /** One pass over the subscription from the checkpoint: each batch carried out, then checkpointed. */
  private pipeline(): Observable<bigint> {
    return defer(() => {
      const subscription = this.store.subscribe({
        fromPosition: this.checkpoint,
        filter: { eventTypes: ['MeetingDecisionRecorded'] },
        maxBatchSize: 100,
      });
      return from(subscription).pipe(
        concatMap((batch) =>
          from(batch.events).pipe(
            concatMap((event) => this.carryOut(event)),
            toArray(),
            map(() => ({ position: batch.position, carriedDecisions: batch.events.length > 0 })),
          ),
        ),
        tap(({ position, carriedDecisions }) => {
          if (position > this.handledUpTo) this.handledUpTo = position;
          if (carriedDecisions) this.decisionUnsaved = true;
          if (this.decisionUnsaved || Date.now() - this.checkpointSavedAt >= QUIET_CHECKPOINT_MS)
            this.saveHandled();
          this.consecutiveFailures = 0;
        }),
        map(({ position }) => position),
        // Closing the store's subscription when the pipeline ends, errs or is unsubscribed.
        (source) =>
          new Observable<bigint>((subscriber) => {
            const inner = source.subscribe(subscriber);
            return () => {
              inner.unsubscribe();
              void subscription.close();
            };
          }),
      );
    });
  }

  /**
   * Writes how far the saga has gone, without waiting for the projection thread's batch (which would
   * hold the API's thread): when the thread holds the file, a decision's position is tried again
   * shortly — a restart from before it would carry the decision out again, and though its commands'
   * ids make that change nothing in most cases, a decision that now fails (the family erased since)
   * would be recorded as needing a person.
   */
  private saveHandled(): void {
    if (this.saveRetry) clearTimeout(this.saveRetry);
    this.saveRetry = null;
    if (!this.checkpoints.isOpen) return;
    if (this.checkpoints.saveCheckpointUnlessBusy(DECISION_SAGA, this.handledUpTo)) {
      this.checkpointSavedAt = Date.now();
      this.decisionUnsaved = false;
      return;
    }
    if (!this.decisionUnsaved) return;
    this.saveRetry = setTimeout(() => this.saveHandled(), SAVE_RETRY_MS);
    this.saveRetry.unref();
  }

  private carryOut(event: RecordedEvent): Observable<void> {
    const decision = asReadEvent<MeetingEvent>(event).data as DecisionRecorded;
    const meetingId = event.stream.slice('meeting-'.length);
    const actor = actorOf(event);
    if (!actor) return of(undefined);
    const envelope = (purpose: string): CommandEnvelope => ({
      commandId: deterministicUuid(purpose, event.id),
      actor,
      occurredAt: this.clock().toISOString(),
      correlationId: event.metadata.correlationId,
      causationId: event.id,
    });
    let target: ReturnType<typeof logCommandFor>;
    try {
      target = logCommandFor(decision, event.id);
    } catch (error) {
      if (!isRuleBroken(error)) throw error;
      return this.recordFollowUp(meetingId, decision.decisionId, error, envelope);
    }
    if (!target) return of(undefined);
    const { logId, command } = target;
    return defer(() => this.followedUpAlready(meetingId, decision.decisionId)).pipe(
      concatMap((done) =>
        done
          ? EMPTY
          : defer(() =>
              this.commandBus.execute(
                new DispatchToStafettlogg(logId, command, envelope('meeting-decision-saga')),
              ),
            ).pipe(
              retry({
                count: TRANSIENT_RETRIES,
                delay: (error: unknown, attempt) =>
                  isRuleBroken(error) ? throwError(() => error) : timer(100 * 2 ** attempt),
              }),
              map(() => undefined),
              catchError((error: unknown) =>
                this.recordFollowUp(meetingId, decision.decisionId, error, envelope),
              ),
            ),
      ),
    );
  }

  /** A decision a person already followed up (the log refused it before) is not tried again. */
  private async followedUpAlready(meetingId: string, decisionId: string): Promise<boolean> {
    const { state } = await this.streams.load(meetingStream(meetingId), meetingDecider);
    return state.status !== 'none' && state.followUps[decisionId] !== undefined;
  }

  private recordFollowUp(
    meetingId: string,
    decisionId: string,
    error: unknown,
    envelope: (purpose: string) => CommandEnvelope,
  ): Observable<void> {
    const refused = isRuleBroken(error);
    const code = refused
      ? (error as DomainRuleViolation | ActionForbidden).code
      : 'NOT_CARRIED_OUT';
    const message = refused
      ? (error as Error).message
      : 'The decision could not be carried into the log; carry it out by hand';
    return defer(() =>
      this.commandBus.execute(
        new DispatchToMeeting(
          meetingId,
          { type: 'RecordDecisionFollowUp', decisionId, code, message },
          envelope('meeting-decision-follow-up'),
        ),
      ),
    ).pipe(
      tap(() =>
        this.logger.warn(
          { meetingId, decisionId, code },
          'decision needs a person: follow-up recorded',
        ),
      ),
      map(() => undefined),
      catchError((failure: unknown) => {
        if (!isRuleBroken(failure)) return throwError(() => failure);
        // The meeting itself refuses the follow-up (it is there already, or the chair's service is
        // gone): say so where operators look, and move on.
        this.logger.error(
          { meetingId, decisionId, code: (failure as DomainRuleViolation).code },
          'decision follow-up could not be recorded',
        );
        return of(undefined);
      }),
    );
  }

  /** Waits until the saga has handled every decision up to `position` (for tests and tools). */
  async waitFor(position: bigint, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.checkpoint < position) {
      if (Date.now() > deadline) throw new Error(`decision saga did not reach ${position}`);
      await lastValueFrom(timer(20));
    }
  }
}

/** The chair who recorded the decision, from the event's metadata. */
function actorOf(event: RecordedEvent): Actor | null {
  const actor = event.metadata.actor;
  if (!isRole(actor.role)) return null;
  return {
    subject: actor.subject,
    role: actor.role,
    municipalityId: actor.municipalityId,
    serviceId: actor.serviceId,
  };
}
