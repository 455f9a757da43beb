import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import {
  AGE_BANDS,
  DISCUSSION_OUTCOMES,
  DISCUSSION_THEMES,
  type AgeBand,
  type DiscussionOutcome,
  type DiscussionTheme,
} from '@bti/domain';
import { CommandDto, PageQueryDto, IsServiceIdList, CURSOR, CursorOf } from '@bti/http';

export class OpenDiscussionDto extends CommandDto {
  @ApiProperty({ format: 'uuid', example: '2b3c4d5e-6f70-4819-8a2b-3c4d5e6f7a8b' })
  @IsUUID()
  discussionId!: string;

  @ApiProperty({ format: 'uuid', example: '0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b' })
  @IsUUID()
  arenaId!: string;

  @ApiProperty({ enum: AGE_BANDS, example: '6-12' })
  @IsIn(AGE_BANDS)
  ageBand!: AgeBand;

  @ApiProperty({ enum: DISCUSSION_THEMES, isArray: true, example: ['school_attendance'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(DISCUSSION_THEMES.length)
  @ArrayUnique()
  @IsIn(DISCUSSION_THEMES, { each: true })
  themes!: DiscussionTheme[];

  @ApiProperty({ type: [String], example: ['skole-raufoss'] })
  @IsServiceIdList({ max: 30 })
  servicesInvolved!: string[];

  @ApiProperty({
    example: 'Gutt i 3. klasse med mye fravær etter jul; hvordan ta det opp med foreldrene?',
    description: 'No names and no identity numbers: refused with the rule it broke',
  })
  @IsString()
  @Length(1, 4000)
  question!: string;
}

export class AdviseDto extends CommandDto {
  @ApiProperty({
    example:
      'Ta en samtale med foreldrene om fraværet, og spør om samtykke til å hente inn helsesykepleier',
  })
  @IsString()
  @Length(1, 4000)
  advice!: string;

  @ApiProperty({ enum: DISCUSSION_OUTCOMES, example: 'recommend_consent' })
  @IsIn(DISCUSSION_OUTCOMES)
  outcome!: DiscussionOutcome;
}

export class ListDiscussionsQueryDto extends PageQueryDto {
  @CursorOf(CURSOR.id)
  // Narrows the base cursor to this list's shape; the value is set from the query after construction.
  override after?: string = undefined;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
    description:
      'A team you belong to: the questions put to it (without it: those your service asked)',
  })
  @IsOptional()
  @IsUUID()
  arenaId?: string;
}
