import { Module } from '@nestjs/common';
import { MeetingsModule, MeetingsReadModel } from '@bti/meetings';
import { READ_MODEL_STORE, type SqliteReadModelStore } from '@bti/read-models';
import { StafettloggModule, StafettloggReadModel } from '@bti/stafettlogg';
import { MeQueriesController } from './me-queries.controller';
import { MyChildrenReader } from './my-children-reader';
import { TimelineQueriesController } from './timeline-queries.controller';
import { TimelineReader } from './timeline-reader';

/** Where people start and what they follow: the family's timeline, a person's children, worklists. */
@Module({
  imports: [StafettloggModule, MeetingsModule],
  controllers: [TimelineQueriesController, MeQueriesController],
  providers: [
    {
      provide: TimelineReader,
      inject: [READ_MODEL_STORE, StafettloggReadModel, MeetingsReadModel],
      useFactory: (
        store: SqliteReadModelStore,
        logs: StafettloggReadModel,
        meetings: MeetingsReadModel,
      ) => new TimelineReader(store.db, logs, meetings),
    },
    {
      provide: MyChildrenReader,
      inject: [READ_MODEL_STORE, StafettloggReadModel, MeetingsReadModel],
      useFactory: (
        store: SqliteReadModelStore,
        logs: StafettloggReadModel,
        meetings: MeetingsReadModel,
      ) => new MyChildrenReader(store.db, store, logs, meetings),
    },
  ],
})
export class OverviewModule {}
