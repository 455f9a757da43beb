import { BadRequestException, Controller, Get, Inject, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { AllowRoles, QUERY_ROLES } from '@bti/access';
import { ApiAnswer, awaitOwnWrite, CLOCK, ReadQueryDto, type Clock } from '@bti/http';
import { PROJECTION_RUNNER, type ProjectionRunner } from '@bti/read-models';
import { METRICS } from './metric-catalogue';
import { InitiativeMetricsQueryDto, MetricQueryDto } from './metrics.dto';
import { METRIC_FACTS } from './metrics.projection';
import {
  metricTableCsv,
  MetricsReader,
  type InitiativeMetrics,
  type MetricCatalogue,
  type MetricQuery,
  type MetricTable,
} from './metrics-reader';

const READS = [METRIC_FACTS];

function queryOf(metricId: string, dto: MetricQueryDto): MetricQuery {
  if (dto.from && dto.to && dto.from > dto.to)
    throw new BadRequestException({
      code: 'VALIDATION_FAILED',
      message: 'Some fields are missing or invalid',
      fields: [{ field: 'to', reasons: ['to must not be before from'] }],
    });
  const areaLevel = dto.area ?? 'all';
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
  async initiatives(@Query() query: InitiativeMetricsQueryDto): Promise<InitiativeMetrics> {
    await awaitOwnWrite(this.runner, query, READS);
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
    @Query() query: MetricQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MetricTable[] | string> {
    await awaitOwnWrite(this.runner, query, READS);
    const now = this.clock();
    const tables = METRICS.map((m) =>
      this.metrics.table(queryOf(m.id, query), now, BigInt(query.minPosition ?? 0)),
    );
    if (query.format !== 'csv') return tables;
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', 'attachment; filename="bti-metrics.csv"');
    return tables
      .map((table, index) => {
        const csv = metricTableCsv(table);
        return index === 0 ? csv : csv.slice(csv.indexOf('\n') + 1);
      })
      .join('');
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
    @Param('metricId') metricId: string,
    @Query() query: MetricQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<MetricTable | string> {
    await awaitOwnWrite(this.runner, query, READS);
    const table = this.metrics.table(
      queryOf(metricId, query),
      this.clock(),
      BigInt(query.minPosition ?? 0),
    );
    if (query.format !== 'csv') return table;
    void reply
      .header('Content-Type', 'text/csv; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${table.metric.id}.csv"`);
    return metricTableCsv(table);
  }
}
