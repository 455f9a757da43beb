import { Module } from '@nestjs/common';
import { AccessLogModule, AccessLogReadModel } from '@bti/access-log';
import { ArenasModule, ArenasReadModel } from '@bti/arenas';
import { FamilyCopyController } from './family-copy.controller';
import { FamilyCopyReader } from './family-copy-reader';
import { POSITION_TOKENS, type PositionTokens } from '@bti/event-store';
import { MeetingsModule, MeetingsReadModel } from '@bti/meetings';
import { READ_MODEL_STORE, type SqliteReadModelStore } from '@bti/read-models';
import { StafettloggModule, StafettloggReadModel } from '@bti/stafettlogg';
import { MeQueriesController } from './me-queries.controller';
import { MyChildrenReader } from './my-children-reader';
import { TimelineQueriesController } from './timeline-queries.controller';
import { TimelineReader } from './timeline-reader';
import { WorklistReader } from './worklist-reader';

/** Where people start and what they follow: the family's timeline, a person's children, worklists. */
@Module({
  imports: [StafettloggModule, MeetingsModule, ArenasModule, AccessLogModule],
  controllers: [TimelineQueriesController, MeQueriesController, FamilyCopyController],
  providers: [
    {
      provide: FamilyCopyReader,
      inject: [READ_MODEL_STORE, StafettloggReadModel, MeetingsReadModel, AccessLogReadModel],
      useFactory: (
        store: SqliteReadModelStore,
        logs: StafettloggReadModel,
        meetings: MeetingsReadModel,
        accessLog: AccessLogReadModel,
      ) => new FamilyCopyReader(store, logs, meetings, accessLog),
    },
    {
      provide: TimelineReader,
      inject: [READ_MODEL_STORE, StafettloggReadModel, MeetingsReadModel, POSITION_TOKENS],
      useFactory: (
        store: SqliteReadModelStore,
        logs: StafettloggReadModel,
        meetings: MeetingsReadModel,
        positions: PositionTokens,
      ) => store.reader((db) => new TimelineReader(db, logs, meetings, positions)),
    },
    {
      provide: MyChildrenReader,
      inject: [READ_MODEL_STORE, StafettloggReadModel, MeetingsReadModel],
      useFactory: (
        store: SqliteReadModelStore,
        logs: StafettloggReadModel,
        meetings: MeetingsReadModel,
      ) => store.reader((db) => new MyChildrenReader(db, store, logs, meetings)),
    },
    {
      provide: WorklistReader,
      inject: [READ_MODEL_STORE, StafettloggReadModel, ArenasReadModel],
      useFactory: (
        store: SqliteReadModelStore,
        logs: StafettloggReadModel,
        arenas: ArenasReadModel,
      ) => store.reader((db) => new WorklistReader(db, store, logs, arenas)),
    },
  ],
})
export class OverviewModule {}
