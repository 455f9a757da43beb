import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, QUERY_ROLES } from '@bti/access';
import type { Actor } from '@bti/domain';
import { FAMILIES } from '@bti/families';
import { awaitOwnWrite, CLOCK, ReadQueryDto, type Clock } from '@bti/http';
import { MEETINGS } from '@bti/meetings';
import { MUNICIPALITIES } from '@bti/municipality';
import { PROJECTION_RUNNER, type ProjectionRunner } from '@bti/read-models';
import { STAFETTLOGGER } from '@bti/stafettlogg';
import { MyChildrenReader, type MyChild } from './my-children-reader';
import { TIMELINE } from './timeline.projection';

const CHILDREN_READS = [TIMELINE, FAMILIES, MUNICIPALITIES, STAFETTLOGGER, MEETINGS];

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeQueriesController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MyChildrenReader) private readonly myChildren: MyChildrenReader,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get('children')
  @AllowRoles(...QUERY_ROLES.myChildren)
  @ApiOperation({
    summary:
      'Where a guardian or young person starts: the children you may see (or yourself), each with their logs, who holds the baton, the next evaluation and the next meeting — found from your sign-in',
  })
  async children(
    @CurrentActor() actor: Actor,
    @Query() query: ReadQueryDto,
  ): Promise<{ children: MyChild[] }> {
    await awaitOwnWrite(this.runner, query, CHILDREN_READS);
    return { children: this.myChildren.children(actor, this.clock()) };
  }
}
