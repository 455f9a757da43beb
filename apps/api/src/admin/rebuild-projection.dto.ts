import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString } from 'class-validator';
import { ALL_PROJECTIONS } from '@bti/projections';

const PROJECTION_NAMES = ALL_PROJECTIONS.map((p) => p.name);

export class RebuildProjectionDto {
  @ApiProperty({ enum: PROJECTION_NAMES, example: 'event-type-statistics' })
  @IsString()
  @IsIn(PROJECTION_NAMES, { message: `projection must be one of: ${PROJECTION_NAMES.join(', ')}` })
  projection!: string;
}
