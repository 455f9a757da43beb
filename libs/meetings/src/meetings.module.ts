import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { commandController } from '@bti/http';
import { READ_MODEL_STORE, type SqliteReadModelStore } from '@bti/read-models';
import { DecisionSaga } from './decision.saga';
import { MeetingsQueriesController } from './meetings-queries.controller';
import { MeetingsReadModel } from './meetings.read-model';
import { meetingRoutes } from './meetings.routes';
import { MeetingCommandHandler } from './meetings.slice';

@Module({
  imports: [CqrsModule],
  controllers: [commandController(meetingRoutes), MeetingsQueriesController],
  providers: [
    MeetingCommandHandler,
    DecisionSaga,
    {
      provide: MeetingsReadModel,
      inject: [READ_MODEL_STORE],
      useFactory: (store: SqliteReadModelStore) => store.reader((db) => new MeetingsReadModel(db)),
    },
  ],
  exports: [MeetingsReadModel, DecisionSaga],
})
export class MeetingsModule {}
