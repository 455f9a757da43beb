import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AllowRoles, CurrentActor, installationScope } from '@bti/access';
import { INSTALLATION_STREAM, type Actor } from '@bti/domain';
import { EVENT_STORE, recordedFact, type EventStore } from '@bti/event-store';
import { ApiAnswer, awaitOwnWrite, CLOCK, type Clock } from '@bti/http';
import { MUNICIPALITIES, municipalityProjection, type MunicipalityView } from '@bti/municipality';
import {
  EVENT_TYPE_STATISTICS,
  eventTypeStatisticsProjection,
  type EventTypeStatistics,
} from '@bti/projections';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  RebuildInProgress,
  type DocumentPage,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { EventTypesQueryDto } from './event-types-query.dto';
import { RebuildProjectionDto } from './rebuild-projection.dto';

/** A count of events of one type, with the municipality's name for the person reading it. */
export type EventTypeCount = EventTypeStatistics & { municipalityName: string | null };

@ApiTags('operations')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Only the operator, or an admin for their own municipality' })
@Controller('admin')
export class AdminController {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: SqliteReadModelStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('event-types')
  @ApiAnswer('EventTypeCountPage', {
    description:
      'A page of counts: each with municipalityId and municipalityName (null for the installation itself), type, count, first and last recorded time',
  })
  @AllowRoles('operator', 'admin')
  @ApiOperation({
    summary:
      'Events in the log per municipality and type (counts only, no case content), paginated: the operator sees every municipality, an admin their own',
  })
  async eventTypes(
    @CurrentActor() actor: Actor,
    @Query() query: EventTypesQueryDto,
  ): Promise<DocumentPage<EventTypeCount>> {
    await awaitOwnWrite(this.runner, query, [
      eventTypeStatisticsProjection.name,
      municipalityProjection.name,
    ]);
    const scope = installationScope(actor);
    const page = { after: query.after, limit: query.limit };
    const counts =
      scope?.kind === 'all'
        ? this.readModels.listDocuments<EventTypeStatistics>(EVENT_TYPE_STATISTICS, page)
        : this.readModels.findDocuments<EventTypeStatistics>(
            EVENT_TYPE_STATISTICS,
            { municipalityId: scope?.municipalityId ?? '' },
            page,
          );
    // A person reads a municipality by its name; the counts are kept by its id.
    const names = new Map<string, string | null>();
    const nameOf = (id: string) => {
      if (!names.has(id))
        names.set(
          id,
          this.readModels.getDocument<MunicipalityView>(MUNICIPALITIES, id)?.name ?? null,
        );
      return names.get(id) ?? null;
    };
    return {
      items: counts.items.map(({ id, document }) => ({
        id,
        document: {
          ...document,
          // Sealed as every position a reader is given: an admin's two reads a moment apart would
          // otherwise give the pace of every municipality's writes (the operator's is /health/details).
          lastPosition: this.runner.positions.seal(BigInt(document.lastPosition)),
          municipalityName: document.municipalityId ? nameOf(document.municipalityId) : null,
        },
      })),
      nextCursor: counts.nextCursor,
    };
  }

  @Post('projections/rebuild')
  @AllowRoles('operator')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Empty one read model and replay the whole log into it; answers when caught up',
  })
  @ApiOkResponse({
    schema: { example: { projection: 'event-type-statistics', checkpoint: '1042' } },
  })
  @ApiConflictResponse({
    description:
      'REBUILD_IN_PROGRESS: an erasure is having the read models rebuilt beside the live ones; ask again when it is done',
  })
  async rebuild(
    @CurrentActor() actor: Actor,
    @Body() body: RebuildProjectionDto,
  ): Promise<{ projection: string; checkpoint: string }> {
    if (this.runner.rebuildingBeside) throw new RebuildInProgress();
    // Recorded before it starts: an operator's action on the whole installation leaves its trace.
    const at = this.clock().toISOString();
    await this.store.append(
      INSTALLATION_STREAM,
      [recordedFact('ReadModelRebuildRequested', { projection: body.projection, at }, actor, at)],
      'any',
    );
    await this.runner.rebuild(body.projection);
    const status = (await this.runner.status()).find((p) => p.name === body.projection);
    return { projection: body.projection, checkpoint: String(status?.checkpoint ?? 0n) };
  }
}
