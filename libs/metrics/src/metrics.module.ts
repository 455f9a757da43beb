import { extname, join } from 'node:path';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@bti/config';
import { READ_MODEL_STORE, type SqliteReadModelStore } from '@bti/read-models';
import { MetricsQueriesController } from './metrics-queries.controller';
import { MetricTablesThread } from './metric-tables-thread';
import { METRIC_FACTS } from './metric-facts';
import { METRIC_TABLES, MetricsReader, type MetricTables } from './metrics-reader';
import { MunicipalityUseController } from './municipality-use.controller';
import { MunicipalityUseReader } from './municipality-use-reader';
import { PublishedSuppression } from './published-suppression';

/** Where the cells the metric tables published hidden are kept: beside the store, past a rebuild. */
const publishedSuppressionPath = (config: AppConfig) =>
  join(config.dataDir, 'published-suppression.sqlite');

/**
 * Programme metrics for analysts and leaders: aggregates only, small numbers suppressed. The use
 * view per service is for a municipality's admin and coordinators only, with exact counts.
 */
@Module({
  controllers: [MetricsQueriesController, MunicipalityUseController],
  providers: [
    {
      provide: MetricsReader,
      inject: [READ_MODEL_STORE, APP_CONFIG],
      useFactory: (store: SqliteReadModelStore, config: AppConfig) => {
        // Cubes are built on this thread only for a read-model file in memory (below); else the
        // metrics thread keeps the memory. One connection for every reader the store makes: a new
        // one per read-model file would open another each rebuild and never close it.
        const suppression =
          store.path === ':memory:'
            ? new PublishedSuppression(publishedSuppressionPath(config))
            : undefined;
        return store.reader(
          (db) =>
            new MetricsReader(
              db,
              () => store.checkpoint(METRIC_FACTS),
              config.metricsMinChildren,
              Date.now,
              suppression,
            ),
        );
      },
    },
    {
      provide: METRIC_TABLES,
      inject: [READ_MODEL_STORE, APP_CONFIG, MetricsReader],
      useFactory: (
        store: SqliteReadModelStore,
        config: AppConfig,
        reader: MetricsReader,
      ): MetricTables => {
        // A file in memory has no path another thread could open: computed here, as before.
        if (store.path === ':memory:')
          return {
            render: async (queries, now, minPosition, format) =>
              reader.render(queries, now, minPosition, format),
          };
        const thread = new MetricTablesThread({
          path: store.path,
          minChildren: config.metricsMinChildren,
          suppressionPath: publishedSuppressionPath(config),
          maxHeapMb: config.metricsThreadMemoryMb,
          script: join(__dirname, `metric-tables-worker${extname(__filename)}`),
        });
        store.holdsOwnConnection(thread);
        return thread;
      },
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
