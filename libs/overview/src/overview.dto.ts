import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsIn, IsOptional, IsUUID, ValidateBy } from 'class-validator';
import { IsCalendarDate, isWithinCaseYears, PageQueryDto } from '@bti/http';
import { isTimelineCursor, NOT_A_TIMELINE_CURSOR } from './timeline-reader';
import { TIMELINE_KINDS, type TimelineKind } from './timeline.items';

export class TimelineQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'The nextCursor of the previous page' })
  @IsOptional()
  @ValidateBy({
    name: 'isTimelineCursor',
    validator: {
      validate: (value: unknown) =>
        isTimelineCursor(value) && isWithinCaseYears((value as string).slice(0, 10)),
      defaultMessage: () => NOT_A_TIMELINE_CURSOR,
    },
  })
  // Narrows the base cursor to this timeline's shape; the value is set from the query after construction.
  override after?: string = undefined;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only the items about this child' })
  @IsOptional()
  @IsUUID()
  subjectId?: string;

  @ApiPropertyOptional({
    description: `Only items of these kinds, comma-separated: ${TIMELINE_KINDS.join(', ')}`,
    example: 'entry,measure,meeting',
  })
  @IsOptional()
  @Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? value.split(',').map((kind) => kind.trim()) : value,
  )
  @ArrayMaxSize(TIMELINE_KINDS.length)
  @ArrayUnique()
  @IsIn(TIMELINE_KINDS, {
    each: true,
    message: `each of kind must be one of ${TIMELINE_KINDS.join(', ')}`,
  })
  kind?: TimelineKind[];

  @ApiPropertyOptional({ example: '2026-01-01', description: 'From this day (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'To this day (inclusive)' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}
