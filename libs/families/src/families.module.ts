import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { commandController } from '@bti/http';
import { FamiliesQueriesController } from './families-queries.controller';
import { familyRoutes } from './families.routes';
import { FamilyCommandHandler } from './families.slice';

@Module({
  imports: [CqrsModule],
  controllers: [commandController(familyRoutes), FamiliesQueriesController],
  providers: [FamilyCommandHandler],
})
export class FamiliesModule {}
