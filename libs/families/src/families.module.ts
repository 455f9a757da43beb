import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { FamilyCommandHandler } from './families.command';
import { FamiliesController } from './families.controller';

@Module({
  imports: [CqrsModule],
  controllers: [FamiliesController],
  providers: [FamilyCommandHandler],
})
export class FamiliesModule {}
