import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { commandController } from '@bti/http';
import { StafettloggQueriesController } from './stafettlogg-queries.controller';
import { stafettloggRoutes } from './stafettlogg.routes';
import { StafettloggCommandHandler } from './stafettlogg.slice';

@Module({
  imports: [CqrsModule],
  controllers: [commandController(stafettloggRoutes), StafettloggQueriesController],
  providers: [StafettloggCommandHandler],
})
export class StafettloggModule {}
