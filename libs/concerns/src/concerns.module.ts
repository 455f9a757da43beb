import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ConcernCommandHandler } from './concerns.command';
import { ConcernsController } from './concerns.controller';

@Module({
  imports: [CqrsModule],
  controllers: [ConcernsController],
  providers: [ConcernCommandHandler],
})
export class ConcernsModule {}
