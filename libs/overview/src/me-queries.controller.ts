import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowRoles, CurrentActor, QUERY_ROLES } from '@bti/access';
import type { Actor } from '@bti/domain';
import { FAMILIES } from '@bti/families';
import { ApiAnswer, awaitOwnWrite, CLOCK, ReadQueryDto, type Clock } from '@bti/http';
import { MEETINGS } from '@bti/meetings';
import { MUNICIPALITIES } from '@bti/municipality';
import { PROJECTION_RUNNER, type ProjectionRunner } from '@bti/read-models';
import { STAFETTLOGGER } from '@bti/stafettlogg';
import { ARENAS } from '@bti/arenas';
import { MyChildrenReader, type MyChild } from './my-children-reader';
import { WorklistReader, type Worklist } from './worklist-reader';
import { WORKLISTS } from './worklist.projection';
import { TIMELINE } from './timeline.projection';

const CHILDREN_READS = [TIMELINE, FAMILIES, MUNICIPALITIES, STAFETTLOGGER, MEETINGS];
const WORKLIST_READS = [WORKLISTS, FAMILIES, STAFETTLOGGER, ARENAS];

@ApiTags('me')
@ApiBearerAuth()
@Controller('me')
export class MeQueriesController {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MyChildrenReader) private readonly myChildren: MyChildrenReader,
    @Inject(WorklistReader) private readonly worklists: WorklistReader,
    @Inject(PROJECTION_RUNNER) private readonly runner: ProjectionRunner,
  ) {}

  @Get('children')
  @ApiAnswer('MyChildren')
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

  @Get('worklist')
  @ApiAnswer('Worklist')
  @AllowRoles(...QUERY_ROLES.worklist)
  @ApiOperation({
    summary:
      'Where staff start: batons you hold, handovers to accept, evaluations due or overdue, consents expiring within 30 days, concerns past their deadline, logs gone quiet; meetings to prepare, agreements past their deadline and follow-ups for the meetings your service chairs; your teams’ intake queues',
  })
  async worklist(@CurrentActor() actor: Actor, @Query() query: ReadQueryDto): Promise<Worklist> {
    await awaitOwnWrite(this.runner, query, WORKLIST_READS);
    return this.worklists.worklist(actor, this.clock());
  }
}
