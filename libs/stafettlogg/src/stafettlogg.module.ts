import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { StafettloggCommandHandler } from './stafettlogg.command';
import { StafettloggController } from './stafettlogg.controller';

@Module({
  imports: [CqrsModule],
  controllers: [StafettloggController],
  providers: [StafettloggCommandHandler],
})
export class StafettloggModule {}
