import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { commandController } from '@bti/http';
import { READ_MODEL_STORE, type SqliteReadModelStore } from '@bti/read-models';
import { StafettloggQueriesController } from './stafettlogg-queries.controller';
import { StafettloggReadModel } from './stafettlogg.read-model';
import { stafettloggRoutes } from './stafettlogg.routes';
import { StafettloggCommandHandler } from './stafettlogg.slice';

@Module({
  imports: [CqrsModule],
  controllers: [commandController(stafettloggRoutes), StafettloggQueriesController],
  providers: [
    StafettloggCommandHandler,
    {
      provide: StafettloggReadModel,
      inject: [READ_MODEL_STORE],
      useFactory: (store: SqliteReadModelStore) =>
        store.reader((db) => new StafettloggReadModel(db)),
    },
  ],
  exports: [StafettloggReadModel],
})
export class StafettloggModule {}
