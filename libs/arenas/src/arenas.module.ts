import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { commandController } from '@bti/http';
import { READ_MODEL_STORE, type SqliteReadModelStore } from '@bti/read-models';
import { ArenasQueriesController } from './arenas-queries.controller';
import { ArenasReadModel } from './arenas.read-model';
import { arenaRoutes } from './arenas.routes';
import { ArenaCommandHandler } from './arenas.slice';

@Module({
  imports: [CqrsModule],
  controllers: [commandController(arenaRoutes), ArenasQueriesController],
  providers: [
    ArenaCommandHandler,
    {
      provide: ArenasReadModel,
      inject: [READ_MODEL_STORE],
      useFactory: (store: SqliteReadModelStore) => store.reader((db) => new ArenasReadModel(db)),
    },
  ],
  exports: [ArenasReadModel],
})
export class ArenasModule {}
