import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AllowRoles } from '@bti/access';
import { PageQueryDto } from '@bti/commands';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type DocumentPage,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import type { EventTypeStatistics } from './event-type-statistics.projection';
import { RebuildProjectionDto } from './rebuild-projection.dto';

@ApiTags('operations')
@ApiBearerAuth()
@ApiForbiddenResponse({ description: 'Only the admin role' })
@Controller('admin')
@AllowRoles('admin')
export class AdminController {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly readModels: SqliteReadModelStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get('event-types')
  @ApiOperation({ summary: 'Events in the log per type (counts only, no case content), paginated' })
  eventTypes(@Query() query: PageQueryDto): DocumentPage<EventTypeStatistics> {
    return this.readModels.listDocuments<EventTypeStatistics>('event_type_statistics', query);
  }

  @Post('projections/rebuild')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Empty one read model and replay the whole log into it; answers when caught up',
  })
  @ApiOkResponse({
    schema: { example: { projection: 'event-type-statistics', checkpoint: '1042' } },
  })
  async rebuild(
    @Body() body: RebuildProjectionDto,
  ): Promise<{ projection: string; checkpoint: string }> {
    await this.runner.rebuild(body.projection);
    const status = (await this.runner.status()).find((p) => p.name === body.projection);
    return { projection: body.projection, checkpoint: String(status?.checkpoint ?? 0n) };
  }
}
