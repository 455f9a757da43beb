import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { MunicipalityCommandHandler } from './municipality.command';
import { MunicipalityController } from './municipality.controller';

@Module({
  imports: [CqrsModule],
  controllers: [MunicipalityController],
  providers: [MunicipalityCommandHandler],
})
export class MunicipalityModule {}
