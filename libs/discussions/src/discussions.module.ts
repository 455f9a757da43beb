import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { commandController } from '@bti/http';
import { DiscussionsQueriesController } from './discussions-queries.controller';
import { discussionRoutes } from './discussions.routes';
import { DiscussionCommandHandler } from './discussions.slice';

@Module({
  imports: [CqrsModule],
  controllers: [commandController(discussionRoutes), DiscussionsQueriesController],
  providers: [DiscussionCommandHandler],
})
export class DiscussionsModule {}
