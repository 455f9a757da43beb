import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@bti/config';
import { READ_MODEL_STORE, type SqliteReadModelStore } from '@bti/read-models';
import { MetricsQueriesController } from './metrics-queries.controller';
import { METRIC_FACTS } from './metrics.projection';
import { MetricsReader } from './metrics-reader';
import { MunicipalityUseController } from './municipality-use.controller';
import { MunicipalityUseReader } from './municipality-use-reader';

/** Programme metrics for analysts and leaders: aggregates only, small numbers suppressed. */
@Module({
  controllers: [MetricsQueriesController, MunicipalityUseController],
  providers: [
    {
      provide: MetricsReader,
      inject: [READ_MODEL_STORE, APP_CONFIG],
      useFactory: (store: SqliteReadModelStore, config: AppConfig) =>
        store.reader(
          (db) =>
            new MetricsReader(db, () => store.checkpoint(METRIC_FACTS), config.metricsMinChildren),
        ),
    },
    {
      provide: MunicipalityUseReader,
      inject: [READ_MODEL_STORE],
      useFactory: (store: SqliteReadModelStore) =>
        store.reader((db) => new MunicipalityUseReader(db)),
    },
  ],
})
export class MetricsModule {}
