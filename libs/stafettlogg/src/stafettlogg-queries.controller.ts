import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import {
  ACCESS_RECORDER,
  AllowRoles,
  CurrentActor,
  QUERY_ROLES,
  type AccessRecorder,
} from '@bti/access';
import type { Actor } from '@bti/domain';
import {
  ApiAnswer,
  answerAsFile,
  awaitOwnWrite,
  CLOCK,
  type Clock,
  UuidParam,
  validationFailed,
} from '@bti/http';
import { PROJECTION_RUNNER, type DocumentPage, type ProjectionRunner } from '@bti/read-models';
import { archivePackage, archivePackageHtml, type ArchivePackage } from './archive-package.view';
import { ArchivePackageQueryDto, ListStafettloggerQueryDto, LogQueryDto } from './stafettlogg.dto';
import {
  StafettloggReadModel,
  UnknownEntryCursor,
  type EntryFilterFor,
} from './stafettlogg.read-model';
import { STAFETTLOGGER, type StafettloggView } from './stafettlogg.view';
import {
  entriesShownTo,
  logRead,
  readableView,
  summarise,
  viewFor,
  type StafettloggSummary,
} from './stafettlogg-reader';

/** The only projection these queries read (family facts included: it keeps its own copy). */
const READS = [STAFETTLOGGER];

@ApiTags('stafettlogg')
@ApiBearerAuth()
@Controller('stafettlogger')
export class StafettloggQueriesController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(StafettloggReadModel) private readonly logs: StafettloggReadModel,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(ACCESS_RECORDER) private readonly accessRecorder: AccessRecorder,
  ) {}

  @Get()
  @ApiAnswer('StafettloggSummaryPage')
  @AllowRoles(...QUERY_ROLES.stafettloggList)
  @ApiOperation({ summary: 'A family’s logs that you may read, with overdue evaluations counted' })
  async list(
    @CurrentActor() actor: Actor,
    @Query() query: ListStafettloggerQueryDto,
  ): Promise<DocumentPage<StafettloggSummary>> {
    await awaitOwnWrite(this.runner, query, READS);
    const now = this.clock();
    const { views: items, nextCursor } = this.logs.together(() =>
      this.logs.logsOfFamily(
        query.familyId,
        { after: query.after, limit: query.limit },
        'latest',
        (view) => {
          const visible = viewFor(
            actor,
            view,
            this.logs.familyFacts(view.familyId, view.subjectId),
            now,
          );
          return visible ? { id: view.logId, document: summarise(visible, now) } : null;
        },
      ),
    );
    if (items.length > 0)
      await this.accessRecorder.recordRead(actor, {
        familyId: query.familyId,
        subjectId: null,
        target: 'log_list',
        targetId: query.familyId,
        consentActive: null,
        participating: null,
      });
    return { items, nextCursor };
  }

  @Get(':logId/archive-package')
  @ApiAnswer('ArchivePackage')
  @AllowRoles(...QUERY_ROLES.archivePackage)
  @ApiOperation({
    summary:
      'A closed log whole, as the municipality’s archive system takes it in: JSON, or a readable HTML document (the archive role, with a reason that is logged)',
  })
  @ApiProduces('application/json', 'text/html')
  async archive(
    @CurrentActor() actor: Actor,
    @UuidParam('logId') logId: string,
    @Query() query: ArchivePackageQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ArchivePackage | string> {
    await awaitOwnWrite(this.runner, query, READS);
    const { view, family } = this.logs.logWithFamily(logId, 'whole');
    const now = this.clock();
    const visible = readableView(actor, view, family, now);
    await this.recordRead(actor, visible, now, query.reasonCode);
    const pkg = archivePackage(visible, now.toISOString());
    const format = query.format ?? 'json';
    answerAsFile(reply, `stafettlogg-${logId}`, format);
    return format === 'html' ? archivePackageHtml(pkg) : pkg;
  }

  /**
   * Into the family's access log before the answer goes out. The archive role must say why it reads
   * a restricted log (400 without a reason).
   */
  private async recordRead(
    actor: Actor,
    view: StafettloggView,
    now: Date,
    reasonCode: string | undefined,
  ): Promise<void> {
    if (actor.role === 'archivist' && !reasonCode)
      throw validationFailed([
        {
          field: 'reasonCode',
          reasons: ['the archive must say why it reads a restricted log'],
        },
      ]);
    await this.accessRecorder.recordRead(
      actor,
      logRead(actor, view, now.toISOString(), reasonCode ?? null),
    );
  }

  @Get(':logId')
  @AllowRoles(...QUERY_ROLES.stafettlogg)
  @ApiOperation({
    summary:
      'The log as you may see it: consent-filtered for services, shared entries for the family; the newest 100 entries, older ones by the olderEntries cursor',
  })
  @ApiAnswer('StafettloggView', {
    description:
      'The log as you may see it; ETag is its revision for the services (the family gets none: it would count what they may not see); pass minPosition to include your own last write',
  })
  async get(
    @CurrentActor() actor: Actor,
    @UuidParam('logId') logId: string,
    @Query() query: LogQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<StafettloggView> {
    await awaitOwnWrite(this.runner, query, READS);
    const now = this.clock();
    const { view, family } = this.pageOfLog(actor, logId, query, now);
    const visible = readableView(actor, view, family, now);
    await this.recordRead(actor, visible, now, query.reasonCode);
    if (visible.revision !== null) void reply.header('ETag', `"${visible.revision}"`);
    return visible;
  }

  /**
   * The log with the page of entries this reader sees. A cursor that names no entry they see is 400,
   * after the policy's own answer: a log they may not know is 404 whatever the cursor.
   */
  private pageOfLog(actor: Actor, logId: string, query: LogQueryDto, now: Date) {
    const shownTo: EntryFilterFor = (log, family) => entriesShownTo(actor, log, family, now);
    try {
      return this.logs.logWithFamily(logId, {
        entriesBefore: query.entriesBefore,
        entriesLimit: query.entriesLimit,
        shownTo,
      });
    } catch (error) {
      if (!(error instanceof UnknownEntryCursor)) throw error;
      const { view, family } = this.logs.logWithFamily(logId, { entriesLimit: 1, shownTo });
      readableView(actor, view, family, now);
      throw validationFailed([
        { field: 'entriesBefore', reasons: ['must be the olderEntries cursor of this log'] },
      ]);
    }
  }
}
