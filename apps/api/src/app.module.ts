import { Module, type DynamicModule } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { AccessModule } from '@bti/access';
import { AccessLogModule } from '@bti/access-log';
import { ArenasModule } from '@bti/arenas';
import { CommandHandlingModule } from '@bti/command-handling';
import { ConfigModule, type AppConfig } from '@bti/config';
import { ConcernsModule } from '@bti/concerns';
import { ConsentModule } from '@bti/consent';
import { DiscussionsModule } from '@bti/discussions';
import { DOMAIN_EVENT_TYPES } from '@bti/domain';
import { FamiliesModule } from '@bti/families';
import { MeetingsModule } from '@bti/meetings';
import { MetricsModule } from '@bti/metrics';
import { MunicipalityModule, MunicipalityStaffRegister } from '@bti/municipality';
import { OverviewModule } from '@bti/overview';
import { ProgrammeModule } from '@bti/programme';
import { ALL_PROJECTIONS } from '@bti/projections';
import { StafettloggModule } from '@bti/stafettlogg';
import { EventStoreModule } from '@bti/event-store';
import { ClockModule, HttpErrorFilter, type Clock } from '@bti/http';
import { ReadModelsModule, type RunnerLogger } from '@bti/read-models';
import { AdminController } from './admin/admin.controller';
import { DemoSeeder } from './demo/demo-seed';
import { HealthController } from './health/health.controller';
import { PortsModule } from './ports.module';
import { readModelFileBuilder } from './read-model-build';
import { projectionBatchThread } from './projection-batches';
import { SessionController } from './session/session.controller';
import { WebModule } from './web/web.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, logger?: RunnerLogger, clock?: Clock): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        CqrsModule.forRoot(),
        EventStoreModule.forRoot(config, DOMAIN_EVENT_TYPES),
        ReadModelsModule.forRoot(
          config,
          ALL_PROJECTIONS,
          logger,
          readModelFileBuilder(config),
          projectionBatchThread(config),
        ),
        ClockModule.forRoot(clock),
        CommandHandlingModule.forRoot(),
        AccessModule.forRoot(config, MunicipalityStaffRegister),
        MunicipalityModule,
        FamiliesModule,
        ConcernsModule,
        StafettloggModule,
        ConsentModule,
        MeetingsModule,
        ArenasModule,
        DiscussionsModule,
        ProgrammeModule,
        OverviewModule,
        MetricsModule,
        AccessLogModule,
        PortsModule,
        WebModule.forRoot(config),
      ],
      controllers: [HealthController, SessionController, AdminController],
      providers: [{ provide: APP_FILTER, useClass: HttpErrorFilter }, DemoSeeder],
    };
  }
}
