import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { commandController } from '@bti/http';
import { ConcernsQueriesController } from './concerns-queries.controller';
import { concernRoutes } from './concerns.routes';
import { ConcernCommandHandler } from './concerns.slice';

@Module({
  imports: [CqrsModule],
  controllers: [commandController(concernRoutes), ConcernsQueriesController],
  providers: [ConcernCommandHandler],
})
export class ConcernsModule {}
