import { setTimeout as pause } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { ActionForbidden } from '@bti/access';
import { DomainRuleViolation, isNotFound, type DomainEvent, type JsonObject } from '@bti/domain';
import {
  EVENT_STORE,
  UpcastingEventStore,
  WrongExpectedRevision,
  type CommandRecord,
  type EventStore,
  type EventToAppend,
} from '@bti/event-store';
import type { CommandEnvelope, CommandOutcome } from './command-envelope';
import type { CommandSlice } from './command-slice';
import { commandFingerprint } from './fingerprint';
import { StreamStates } from './stream-states';
import { StreamTurns } from './stream-turns';

/**
 * Without If-Match, a command that lost a race to another process's append is decided again on the
 * fresh state, up to this many times in all (commands of this process on one stream take turns, so
 * only another node or the CLI can make it lose), each after a short wait that grows and is spread out
 * at random, so that two nodes' retries do not meet again.
 */
const MAX_ATTEMPTS = 6;
const RETRY_WAIT_MS = 4;

/** The one command path, for every context. */
@Injectable()
export class CommandHandling {
  private readonly turns = new StreamTurns();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(StreamStates) private readonly streams: StreamStates,
  ) {}

  /**
   * The stream is loaded once, the facts from other streams, the policy asked, the decider run,
   * If-Match compared, and the events appended at the revision that was read — where the store checks
   * the commandId in the same transaction. A known commandId answers with its first answer (or
   * COMMAND_ID_REUSED when it carried another change) whatever the rules say of it now: when they
   * refuse it, the refusal is answered only if the id is new. The id is not looked up before the
   * decision, which every new command would pay for (2.2 % of the API's thread under the HTTP bench)
   * to spare a repeat the work of deciding again.
   */
  async handle<Command extends { readonly type: string }, State, Event extends DomainEvent, Facts>(
    slice: CommandSlice<Command, State, Event, Facts>,
    id: string,
    command: Command,
    envelope: CommandEnvelope,
  ): Promise<CommandOutcome> {
    const stream = slice.stream(id);
    const fingerprint = commandFingerprint(stream, command, envelope.actor);
    let earlier: CommandRecord | null;
    try {
      const decided = await this.turns.take(stream, () =>
        this.decideAndAppend(slice, id, command, envelope, stream, fingerprint),
      );
      if ('outcome' in decided) return decided.outcome;
      earlier = decided.earlier;
    } catch (error) {
      // A lookup that fails fails the command: answering the refusal instead would tell a client (or
      // the decision saga) that a command which may have been written the first time was not.
      earlier = await this.store.commandResult(envelope.commandId);
      if (!earlier) throw error;
      // What is not there for the caller stays not there, and what they may not do stays refused:
      // COMMAND_ID_REUSED would tell them that an id they sent to it was used (found from outside:
      // another municipality's admin replaying one) — unless it is their own earlier change.
      if (refusedToCaller(error) && !isSameChange(earlier, stream, fingerprint)) throw error;
    }
    return firstAnswer(earlier, stream, fingerprint);
  }

  /**
   * The command decided and appended (`outcome`), or the record of its id found known on the way
   * (`earlier`), which `handle` answers with: in the stream's own commands, or by the store's append.
   */
  private async decideAndAppend<
    Command extends { readonly type: string },
    State,
    Event extends DomainEvent,
    Facts,
  >(
    slice: CommandSlice<Command, State, Event, Facts>,
    id: string,
    command: Command,
    envelope: CommandEnvelope,
    stream: string,
    fingerprint: string,
  ): Promise<{ outcome: CommandOutcome } | { earlier: CommandRecord }> {
    for (let attempt = 1; ; attempt++) {
      const {
        state,
        revision,
        command: inStream,
        era,
      } = await this.streams.load(stream, slice.decider);
      // The log itself knows the command: its events carry its id (another node wrote them, or the
      // store's own record of the id was lost).
      const written = inStream(envelope.commandId);
      const earlier = written && {
        ...written,
        stream,
        nextExpectedRevision: written.revision,
        duplicate: true,
      };
      // The caller's own earlier change answers at once; anyone else's only once the policy has let
      // the caller see the stream (a 404 first, not COMMAND_ID_REUSED, to one who may not know it).
      if (earlier && isSameChange(earlier, stream, fingerprint)) return { earlier };
      const facts = await slice.loadFacts(command, state, envelope.actor, this.streams);
      slice.authorize(envelope.actor, command, state, facts, id, envelope.occurredAt);
      const given = { by: envelope.actor, at: envelope.occurredAt, facts };
      if (earlier) {
        // A stream anyone may create (a concern, a meeting) passes `authorize`; what it names (another
        // municipality's family) may still be unknown to the caller: the rules' 404 then, as a new id
        // gets it, not that the id was used (found from outside).
        refuseIfNotThere(() => slice.decider.decide(command, state, given));
        return { earlier };
      }
      const events = slice.decider.decide(command, state, given);
      // If-Match after the rules, not before: a log the caller may not know answers 404 (its rule)
      // whether or not it exists, where a 409 first would have told `no_stream` from a revision.
      if (envelope.expectedRevision !== undefined && envelope.expectedRevision !== revision) {
        throw new WrongExpectedRevision(stream, envelope.expectedRevision, revision);
      }
      const next = events.reduce(slice.decider.evolve, state);
      // The stream's municipality, not the actor's: a guardian's consent belongs to the log's.
      const municipalityId = slice.municipalityOf(next, id) ?? envelope.actor.municipalityId;
      try {
        const toAppend = this.toAppend(events, envelope, municipalityId, fingerprint);
        const result = await this.store.append(stream, toAppend, revision, {
          commandId: envelope.commandId,
          fingerprint,
        });
        // The commandId was appended before (or by a request that arrived at the same time): its
        // first answer, from the store's record, which names the stream it went to.
        if (result.duplicate)
          return {
            earlier: (await this.store.commandResult(envelope.commandId)) ?? { ...result, stream },
          };
        this.streams.remember(
          stream,
          slice.decider,
          next,
          result.nextExpectedRevision,
          {
            commandId: envelope.commandId,
            fingerprint,
            revision: result.nextExpectedRevision,
            position: result.position,
            eventTypes: result.eventTypes,
          },
          era,
        );
        return {
          outcome: {
            stream,
            revision: result.nextExpectedRevision,
            position: result.position,
            duplicate: false,
            eventTypes: result.eventTypes,
          },
        };
      } catch (error) {
        const retry =
          error instanceof WrongExpectedRevision &&
          envelope.expectedRevision === undefined &&
          attempt < MAX_ATTEMPTS;
        if (!retry) throw error;
        await pause(Math.random() * RETRY_WAIT_MS * 2 ** attempt);
      }
    }
  }

  private toAppend(
    events: readonly DomainEvent[],
    envelope: CommandEnvelope,
    municipalityId: string | null,
    fingerprint: string,
  ): EventToAppend[] {
    const registry = this.store instanceof UpcastingEventStore ? this.store.registry : null;
    const { actor } = envelope;
    return events.map((event) => ({
      type: event.type,
      data: event.data as JsonObject,
      metadata: {
        commandId: envelope.commandId,
        correlationId: envelope.correlationId ?? envelope.commandId,
        causationId: envelope.causationId ?? null,
        actor: {
          subject: actor.subject,
          role: actor.role,
          municipalityId: actor.municipalityId,
          serviceId: actor.serviceId,
        },
        municipalityId,
        occurredAt: envelope.occurredAt,
        schemaVersion: registry?.schemaVersion(event.type) ?? 1,
        commandFingerprint: fingerprint,
      },
    }));
  }
}

const notThereForCaller = (error: unknown): boolean =>
  error instanceof DomainRuleViolation && isNotFound(error as DomainRuleViolation<string>);

/** Not there for the caller, or not theirs to do (403): the answer a new id would get too. */
const refusedToCaller = (error: unknown): boolean =>
  notThereForCaller(error) || error instanceof ActionForbidden;

/** Throws what `decide` throws when it is a not-found refusal; any other refusal is not the answer. */
function refuseIfNotThere(decide: () => unknown): void {
  try {
    decide();
  } catch (error) {
    if (notThereForCaller(error)) throw error;
  }
}

const isSameChange = (earlier: CommandRecord, stream: string, fingerprint: string) =>
  earlier.stream === stream && earlier.fingerprint === fingerprint;

/**
 * A commandId seen before: the same change answers as it did the first time; the same id carrying
 * another change (another stream, body, type or sender) is refused, never silently dropped. A record
 * without a fingerprint (written in bulk, as the demo's history is, or before fingerprints) cannot
 * show that this is the same change by the same sender, so it is refused too: answered, it gave its
 * revision and events to anyone who sent its id to the stream — another municipality's staff included
 * — and took an erasure sent with it for done (found from outside).
 */
function firstAnswer(earlier: CommandRecord, stream: string, fingerprint: string): CommandOutcome {
  if (!isSameChange(earlier, stream, fingerprint)) {
    throw new DomainRuleViolation(
      'COMMAND_ID_REUSED',
      'This commandId was used for another change; make a new one for each intended change',
    );
  }
  return {
    stream,
    revision: earlier.nextExpectedRevision,
    position: earlier.position,
    duplicate: true,
    eventTypes: earlier.eventTypes,
  };
}
