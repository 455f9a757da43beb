import { Module } from '@nestjs/common';
import { READ_MODEL_STORE, type SqliteReadModelStore } from '@bti/read-models';
import { AccessLogQueriesController } from './access-log-queries.controller';
import { AccessLogReadModel } from './access-log.read-model';

@Module({
  controllers: [AccessLogQueriesController],
  providers: [
    {
      provide: AccessLogReadModel,
      inject: [READ_MODEL_STORE],
      useFactory: (store: SqliteReadModelStore) => store.reader((db) => new AccessLogReadModel(db)),
    },
  ],
  exports: [AccessLogReadModel],
})
export class AccessLogModule {}
