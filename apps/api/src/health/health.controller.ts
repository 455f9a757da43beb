import { ApiAnswer } from '@bti/http';
import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, Public } from '@bti/access';
import { EVENT_STORE, type EventStore, personalDataLayer } from '@bti/event-store';
import { DECISION_SAGA, DecisionSaga } from '@bti/meetings';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';

export interface HealthReport {
  status: 'ok' | 'degraded' | 'down';
  eventStore: {
    adapter: string;
    reachable: boolean;
    headPosition: string | null;
    /** Events since start whose personal part the family's key did not open (a wrong key store). */
    unreadablePersonalData: number;
  };
  /**
   * Batch transactions since start and their time, in seconds: each projection's `applySeconds` is
   * part of it, and the rest is what the batches cost beyond the projections (committing their pages).
   */
  readModels: {
    reachable: boolean;
    transactions: number;
    transactionSeconds: number;
    /**
     * An erasure's rebuild beside the live read models, which go on answering: since when, its phase,
     * and the new file's lowest checkpoint; null when none runs.
     */
    rebuildBeside: { startedAt: string; phase: string; position: string } | null;
    lastRebuildBeside: {
      startedAt: string;
      replacedAt: string;
      builtIn: 'child_process' | 'api_process';
      /**
       * The children's own accounting of their build, when they built the file: `seconds` from start
       * to file written; the work summed over the `processes` that built shares of it at once.
       */
      child: {
        seconds: number;
        processes: number;
        transactionSeconds: number;
        projections: Record<string, { applySeconds: number; eventsHandled: number }>;
      } | null;
    } | null;
  };
  projections: {
    name: string;
    checkpoint: string;
    lag: string;
    lagUnit: 'events' | 'bytes';
    running: boolean;
    feed: 'shared' | 'solo' | null;
    consecutiveFailures: number;
    /** Emptied and replaying the log: queries that read it answer 503 READ_MODELS_REBUILDING. */
    rebuilding: boolean;
    /** Time in the projection's own handlers since start, in seconds, and the events handed to them. */
    applySeconds: number;
    eventsHandled: number;
  }[];
  /** Sagas carry one context's events into another's commands (decisions → stafettlogg). */
  sagas: {
    name: string;
    checkpoint: string;
    running: boolean;
    consecutiveFailures: number;
  }[];
}

/**
 * What anyone may ask, as a load balancer does: is it serving. The figures (positions, lags, counts)
 * are the operator's (`/health/details`): the log's head position, read before and after two of a
 * guardian's own commands, would count the services' entries between them that sealed positions hide.
 */
export interface PublicHealthReport {
  status: HealthReport['status'];
  eventStore: { reachable: boolean };
  readModels: { reachable: boolean };
}

const roundToMs = (seconds: number) => Math.round(seconds * 1000) / 1000;

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(READ_MODEL_STORE) private readonly readModels: SqliteReadModelStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(DecisionSaga) private readonly decisionSaga: DecisionSaga,
  ) {}

  @Get()
  @Public()
  @ApiOperation({
    summary: 'Liveness: serving, and whether the event store and read models answer (no sign-in)',
  })
  @ApiAnswer('PublicHealthReport', {
    description: 'Serving; `degraded` when a projection keeps failing',
  })
  @ApiServiceUnavailableResponse({
    description: 'The event store or the read models cannot be reached',
  })
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<PublicHealthReport> {
    const report = await this.report(reply);
    return {
      status: report.status,
      eventStore: { reachable: report.eventStore.reachable },
      readModels: { reachable: report.readModels.reachable },
    };
  }

  @Get('details')
  @AllowRoles('operator')
  @ApiOperation({
    summary:
      'The operator’s figures: head position, each projection’s checkpoint, lag and work, rebuilds, sagas',
  })
  @ApiAnswer('HealthReport', { description: 'Serving; `degraded` when a projection keeps failing' })
  @ApiServiceUnavailableResponse({
    description: 'The event store or the read models cannot be reached',
  })
  async details(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    return this.report(reply);
  }

  private async report(reply: FastifyReply): Promise<HealthReport> {
    let headPosition: bigint | null = null;
    try {
      await this.store.ping();
      headPosition = await this.store.headPosition();
    } catch {
      headPosition = null;
    }
    let readModelsReachable = true;
    try {
      this.readModels.ping();
    } catch {
      readModelsReachable = false;
    }
    const rebuilding = readModelsReachable ? this.runner.rebuilding() : [];
    const projections =
      headPosition === null || !readModelsReachable
        ? []
        : (await this.runner.status()).map((p) => ({
            name: p.name,
            checkpoint: String(p.checkpoint),
            lag: String(p.lag),
            lagUnit: p.lagUnit,
            running: p.running,
            feed: p.feed,
            consecutiveFailures: p.consecutiveFailures,
            rebuilding: rebuilding.includes(p.name),
            applySeconds: roundToMs(p.applySeconds),
            eventsHandled: p.eventsHandled,
          }));
    const sagas = readModelsReachable
      ? [
          {
            name: DECISION_SAGA,
            checkpoint: String(this.decisionSaga.checkpoint),
            running: this.decisionSaga.running,
            consecutiveFailures: this.decisionSaga.failures,
          },
        ]
      : [];
    const beside = this.runner.rebuildBesideStatus();
    const last = this.runner.lastRebuildBeside();
    const down = headPosition === null || !readModelsReachable;
    const work = this.readModels.work();
    const unreadablePersonalData = personalDataLayer(this.store)?.unreadable ?? 0;
    // The live projections stand still for the last stretch of a rebuild beside them, and while empty
    // read models are built from scratch elsewhere (a first start over a long log), on purpose.
    const standingStill =
      beside !== null && (beside.phase === 'last_stretch' || !beside.liveFollowing);
    const degraded =
      projections.some((p) => p.consecutiveFailures > 0 || (!p.running && !standingStill)) ||
      sagas.some((saga) => saga.consecutiveFailures > 0) ||
      unreadablePersonalData > 0;
    if (down) void reply.status(HttpStatus.SERVICE_UNAVAILABLE);
    return {
      status: down ? 'down' : degraded ? 'degraded' : 'ok',
      eventStore: {
        adapter: this.store.adapter,
        reachable: headPosition !== null,
        headPosition: headPosition === null ? null : String(headPosition),
        unreadablePersonalData,
      },
      readModels: {
        reachable: readModelsReachable,
        transactions: work.transactions,
        transactionSeconds: roundToMs(work.transactionSeconds),
        rebuildBeside: beside && {
          startedAt: beside.startedAt,
          phase: beside.phase,
          position: String(beside.position),
        },
        lastRebuildBeside: last && {
          startedAt: last.startedAt,
          replacedAt: last.replacedAt,
          builtIn: last.elsewhere ? 'child_process' : 'api_process',
          child: last.elsewhere && {
            seconds: roundToMs(last.elsewhere.seconds),
            processes: last.elsewhere.processes,
            transactionSeconds: roundToMs(last.elsewhere.work.transactionSeconds),
            projections: Object.fromEntries(
              Object.entries(last.elsewhere.work.projections).map(([name, work]) => [
                name,
                { applySeconds: roundToMs(work.applySeconds), eventsHandled: work.eventsHandled },
              ]),
            ),
          },
        },
      },
      projections,
      sagas,
    };
  }
}
