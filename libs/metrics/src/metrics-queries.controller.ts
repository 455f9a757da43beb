import { Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentActor, QUERY_ROLES, readableMetricArea } from '@bti/access';
import type { Actor } from '@bti/domain';
import { notFound } from '@bti/domain';
import {
  ApiAnswer,
  awaitOwnWrite,
  CLOCK,
  ReadQueryDto,
  type Clock,
  validationFailed,
} from '@bti/http';
import { PROJECTION_RUNNER, type ProjectionRunner } from '@bti/read-models';
import { METRICS } from './metric-catalogue';
import { InitiativeMetricsQueryDto, MetricQueryDto } from './metrics.dto';
import { METRIC_FACTS } from './metric-facts';
import {
  METRIC_TABLES,
  MetricsReader,
  type InitiativeMetrics,
  type MetricCatalogue,
  type MetricQuery,
  type MetricTables,
} from './metrics-reader';

const READS = [METRIC_FACTS];

/**
 * The type of tables that come written already (`MetricTables.render`) and are sent as they are;
 * CSV downloads as `fileName`.
 */
function sentAs(reply: FastifyReply, csv: boolean, fileName: string): void {
  if (csv)
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${fileName}"`);
  else void reply.header('Content-Type', 'application/json; charset=utf-8');
}

function queryOf(metricId: string, dto: MetricQueryDto): MetricQuery {
  if (dto.from && dto.to && dto.from > dto.to)
    throw validationFailed([{ field: 'to', reasons: ['to must not be before from'] }]);
  const areaLevel = dto.area ?? 'all';
  // An area asked for without its level would be ignored, and the whole programme answered as if it.
  if (areaLevel === 'all' && dto.areaId !== undefined)
    throw validationFailed([
      { field: 'areaId', reasons: ['areaId needs area=municipality or area=county'] },
    ]);
  return {
    metricId,
    areaLevel,
    areaId: areaLevel === 'all' ? undefined : dto.areaId,
    period: dto.period ?? 'quarter',
    from: dto.from,
    to: dto.to,
    by: dto.by ?? 'none',
  };
}

@ApiTags('metrics')
@ApiBearerAuth()
@Controller('metrics')
export class MetricsQueriesController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MetricsReader) private readonly metrics: MetricsReader,
    @Inject(METRIC_TABLES) private readonly metricTables: MetricTables,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get()
  @ApiAnswer('MetricCatalogue')
  @AllowRoles(...QUERY_ROLES.metrics)
  @ApiOperation({
    summary:
      'Every programme metric with its formula and source events, and the municipalities (id, name, county) the tables name',
  })
  async catalogue(@Query() query: ReadQueryDto): Promise<MetricCatalogue> {
    await awaitOwnWrite(this.runner, query, READS);
    return this.metrics.catalogue();
  }

  @Get('initiatives')
  @ApiAnswer('InitiativeMetrics')
  @AllowRoles(...QUERY_ROLES.metrics)
  @ApiOperation({
    summary:
      'Per initiative of a municipality: children reached (suppressed when few), sectors involved, funds committed by grant scheme; and the allocations per year and scheme',
  })
  async initiatives(
    @CurrentActor() actor: Actor,
    @Query() query: InitiativeMetricsQueryDto,
  ): Promise<InitiativeMetrics> {
    // An admin or coordinator reads their own municipality's figures, as its tables (found from
    // outside: another municipality's were answered).
    readableMetricArea(actor, { area: 'municipality', areaId: query.municipalityId });
    await awaitOwnWrite(this.runner, query, READS);
    if (!this.metrics.knowsMunicipality(query.municipalityId))
      throw notFound('MUNICIPALITY_NOT_FOUND');
    return {
      municipalityId: query.municipalityId,
      initiatives: this.metrics.initiatives(query.municipalityId),
      allocations: this.metrics.allocations(query.municipalityId),
    };
  }

  @Get('export')
  @ApiAnswer('MetricTables')
  @AllowRoles(...QUERY_ROLES.metrics)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({ summary: 'Every metric for one area and period, as JSON or CSV' })
  async export(
    @CurrentActor() actor: Actor,
    @Query() query: MetricQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const area = readableMetricArea(actor, query);
    const minPosition = await awaitOwnWrite(this.runner, query, READS);
    const csv = query.format === 'csv';
    const text = await this.metricTables.render(
      METRICS.map((m) => queryOf(m.id, { ...query, ...area })),
      this.clock(),
      minPosition,
      csv ? 'csv' : 'json-tables',
    );
    sentAs(reply, csv, 'bti-metrics.csv');
    return text;
  }

  @Get(':metricId')
  @ApiAnswer('MetricTable')
  @AllowRoles(...QUERY_ROLES.metrics)
  @ApiProduces('application/json', 'text/csv')
  @ApiOperation({
    summary:
      'One metric per period (month, quarter, year) and area (municipality, county, all), optionally by age band, level or sector; small cells suppressed; a municipality’s trend against its own baseline',
  })
  async metric(
    @CurrentActor() actor: Actor,
    @Param('metricId') metricId: string,
    @Query() query: MetricQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const area = readableMetricArea(actor, query);
    const minPosition = await awaitOwnWrite(this.runner, query, READS);
    const csv = query.format === 'csv';
    const text = await this.metricTables.render(
      [queryOf(metricId, { ...query, ...area })],
      this.clock(),
      minPosition,
      csv ? 'csv' : 'json-table',
    );
    // Answered, so the metric exists: its id is one of the catalogue's, safe in a header.
    sentAs(reply, csv, `${metricId}.csv`);
    return text;
  }
}
