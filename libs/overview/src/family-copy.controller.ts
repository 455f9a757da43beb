import { Controller, Get, Inject, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import type { FastifyReply } from 'fastify';
import { AllowRoles, CurrentActor, QUERY_ROLES } from '@bti/access';
import { ACCESS_LOG } from '@bti/access-log';
import type { Actor } from '@bti/domain';
import { FAMILIES } from '@bti/families';
import {
  ApiAnswer,
  answerAsFile,
  awaitOwnWrite,
  CLOCK,
  ReadQueryDto,
  type Clock,
  UuidParam,
} from '@bti/http';
import { MEETINGS } from '@bti/meetings';
import { PROJECTION_RUNNER, type ProjectionRunner } from '@bti/read-models';
import { STAFETTLOGGER } from '@bti/stafettlogg';
import { FamilyCopyReader, familyCopyHtml, type FamilyCopy } from './family-copy-reader';

const READS = [FAMILIES, STAFETTLOGGER, MEETINGS, ACCESS_LOG];

export class FamilyCopyQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'html'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'html'])
  format?: 'json' | 'html';
}

@ApiTags('families')
@ApiBearerAuth()
@Controller('families')
export class FamilyCopyController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(FamilyCopyReader) private readonly copies: FamilyCopyReader,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get(':familyId/copy')
  @ApiAnswer('FamilyCopy')
  @AllowRoles(...QUERY_ROLES.familyCopy)
  @ApiOperation({
    summary:
      'Everything held about the child that you may see (GDPR art. 15): the register, each log whole, the meetings and who has looked — as JSON or a readable document (guardians with parental responsibility; the young person, about themselves)',
  })
  @ApiProduces('application/json', 'text/html')
  async copy(
    @CurrentActor() actor: Actor,
    @UuidParam('familyId') familyId: string,
    @Query() query: FamilyCopyQueryDto,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FamilyCopy | string> {
    await awaitOwnWrite(this.runner, query, READS);
    const copy = this.copies.copy(actor, familyId, this.clock());
    const format = query.format ?? 'json';
    answerAsFile(reply, `innsyn-${familyId}`, format);
    return format === 'html' ? familyCopyHtml(copy) : copy;
  }
}
