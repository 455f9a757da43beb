import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import {
  ACCESS_RECORDER,
  AllowRoles,
  CurrentActor,
  QUERY_ROLES,
  type AccessRecorder,
} from '@bti/access';
import { notFound, youthConsentsAlone, type Actor } from '@bti/domain';
import {
  answerAsFile,
  awaitOwnWrite,
  CLOCK,
  pdfDocument,
  ReadQueryDto,
  type Clock,
  UuidParam,
} from '@bti/http';
import { MUNICIPALITIES, type MunicipalityView } from '@bti/municipality';
import {
  PROJECTION_RUNNER,
  READ_MODEL_STORE,
  type ProjectionRunner,
  type SqliteReadModelStore,
} from '@bti/read-models';
import { logRead, readableView, STAFETTLOGGER, StafettloggReadModel } from '@bti/stafettlogg';
import {
  consentFormBlocks,
  consentFormHtml,
  FORM_LANGUAGES,
  type FormLanguage,
} from './consent-form.view';

export class ConsentFormQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: FORM_LANGUAGES, default: 'nb' })
  @IsOptional()
  @IsIn(FORM_LANGUAGES)
  lang?: FormLanguage;

  @ApiPropertyOptional({ enum: ['html', 'pdf'], default: 'html' })
  @IsOptional()
  @IsIn(['html', 'pdf'])
  format?: 'html' | 'pdf';
}

@ApiTags('consent')
@ApiBearerAuth()
@Controller('stafettlogger')
export class ConsentQueriesController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(StafettloggReadModel) private readonly logs: StafettloggReadModel,
    @Inject(READ_MODEL_STORE) private readonly store: SqliteReadModelStore,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
    @Inject(ACCESS_RECORDER) private readonly accessRecorder: AccessRecorder,
  ) {}

  @Get(':logId/consents/:consentId/form')
  @AllowRoles(...QUERY_ROLES.consentForm)
  @ApiOperation({
    summary:
      'The consent as a plain-language form the family can read, print and sign: each service by name, each kind of information in everyday words, the purpose, how long, how to withdraw — in bokmål, nynorsk or English, as HTML or PDF',
  })
  @ApiProduces('text/html', 'application/pdf')
  @ApiOkResponse({ schema: { type: 'string' } })
  async form(
    @CurrentActor() actor: Actor,
    @UuidParam('logId') logId: string,
    @UuidParam('consentId') consentId: string,
    @Query() query: ConsentFormQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string | Buffer> {
    // The services are named from the municipality's catalogue: that read model counts too.
    await awaitOwnWrite(this.runner, query, [STAFETTLOGGER, MUNICIPALITIES]);
    const { view, family } = this.logs.logWithFamily(logId, { entriesLimit: 1 });
    const now = this.clock();
    const visible = readableView(actor, view, family, now);
    // Only a consent the reader may see (a service sees those naming it).
    const consent = visible.consents.find((c) => c.consentId === consentId);
    if (!consent) throw notFound('STAFETTLOGG_NOT_FOUND');
    await this.accessRecorder.recordRead(actor, logRead(actor, visible, now.toISOString()));
    const municipality = this.store.getDocument<MunicipalityView>(
      MUNICIPALITIES,
      visible.municipalityId,
    );
    const facts = {
      services: consent.scope.services.map(
        (serviceId) => municipality?.services[serviceId]?.name ?? serviceId,
      ),
      categories: consent.scope.categories,
      purpose: consent.scope.purpose,
      status: consent.status,
      validFrom: consent.validFrom,
      validUntil: consent.validUntil,
      signer: youthConsentsAlone(
        family?.subject?.birthDate ?? null,
        visible.consentAge,
        now.toISOString(),
      )
        ? ('youth' as const)
        : ('guardians' as const),
    };
    const lang = query.lang ?? 'nb';
    const format = query.format ?? 'html';
    answerAsFile(reply, `samtykke-${consentId}-${lang}`, format, 'inline');
    if (format === 'html') return consentFormHtml(facts, lang);
    const { title, blocks } = consentFormBlocks(facts, lang);
    return pdfDocument(title, blocks);
  }
}
