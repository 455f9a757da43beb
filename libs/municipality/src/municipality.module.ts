import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { commandController } from '@bti/http';
import { MunicipalityQueriesController } from './municipality-queries.controller';
import { municipalityRoutes } from './municipality.routes';
import { MunicipalityCommandHandler } from './municipality.slice';

@Module({
  imports: [CqrsModule],
  controllers: [commandController(municipalityRoutes), MunicipalityQueriesController],
  providers: [MunicipalityCommandHandler],
})
export class MunicipalityModule {}
