import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CommandDto, IsCalendarDate, PageQueryDto, CURSOR, CursorOf } from '@bti/http';

export class NoteConcernDto extends CommandDto {
  @ApiProperty({ format: 'uuid', example: '9e3c2b1a-4d5e-4f60-8a7b-1c2d3e4f5a6b' })
  @IsUUID()
  concernId!: string;

  @ApiProperty({ format: 'uuid', example: '5d0c8f0e-8a55-4d8e-9f0e-0c4b2a3f9e11' })
  @IsUUID()
  familyId!: string;

  @ApiProperty({ format: 'uuid', example: 'c7d7a0b5-5f7e-4b7b-8a2f-3b0d6c0d2a10' })
  @IsUUID()
  subjectId!: string;

  @ApiProperty({ enum: ['undring', 'bekymring'], example: 'undring' })
  @IsIn(['undring', 'bekymring'])
  kind!: 'undring' | 'bekymring';

  @ApiProperty({
    example: 'Virker trøtt og lei seg flere dager på rad',
    description: 'Brief; personal data',
  })
  @IsString()
  @Length(1, 2000)
  summary!: string;
}

export class RecordConcernTalkDto extends CommandDto {
  @ApiProperty({ enum: ['colleague', 'leader', 'child', 'guardians'], example: 'guardians' })
  @IsIn(['colleague', 'leader', 'child', 'guardians'])
  with!: 'colleague' | 'leader' | 'child' | 'guardians';

  @ApiProperty({ example: '2026-03-03' })
  @IsCalendarDate()
  heldOn!: string;

  @ApiProperty({ example: 'Foreldrene ser det samme hjemme' })
  @IsString()
  @Length(1, 2000)
  summary!: string;
}

export class DecideConcernDto extends CommandDto {
  @ApiProperty({
    enum: ['closed', 'help_within_service', 'involve_others'],
    example: 'involve_others',
  })
  @IsIn(['closed', 'help_within_service', 'involve_others'])
  outcome!: 'closed' | 'help_within_service' | 'involve_others';

  @ApiProperty({ example: 'Helsestasjonen bør involveres; foreldrene ønsker det' })
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiPropertyOptional({
    example: 'Sykdom i personalgruppa',
    description: 'Required when the deadline has passed',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  lateReason?: string;
}

export class ListConcernsQueryDto extends PageQueryDto {
  @CursorOf(CURSOR.id)
  // Narrows the base cursor to this list's shape; the value is set from the query after construction.
  override after?: string = undefined;

  @ApiPropertyOptional({ enum: ['open', 'decided'] })
  @IsOptional()
  @IsIn(['open', 'decided'])
  status?: 'open' | 'decided';

  @ApiPropertyOptional({ description: 'Only open concerns past their decision deadline' })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  )
  @IsBoolean()
  overdue?: boolean;
}
