import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { commandController } from '@bti/http';
import { ProgrammeQueriesController } from './programme-queries.controller';
import { programmeRoutes } from './programme.routes';
import { ProgrammeCommandHandler } from './programme.slice';

@Module({
  imports: [CqrsModule],
  controllers: [commandController(programmeRoutes), ProgrammeQueriesController],
  providers: [ProgrammeCommandHandler],
})
export class ProgrammeModule {}
