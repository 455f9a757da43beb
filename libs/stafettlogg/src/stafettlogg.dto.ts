import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { ARCHIVE_READ_REASONS, type ArchiveReadReason } from '@bti/access';
import {
  CommandDto,
  IsCalendarDate,
  PageQueryDto,
  ID_SLUG,
  ReadQueryDto,
  IsScore,
  CURSOR,
  CursorOf,
  QueryInt,
} from '@bti/http';
import {
  CLOSE_REASONS,
  ENTRY_KINDS,
  INFORMATION_CATEGORIES,
  type CloseReason,
  type EntryKind,
  type InformationCategory,
} from '@bti/domain';

const SLUG = ID_SLUG;
const SLUG_MESSAGE = '$property must be a service id';

export class OpenStafettloggDto extends CommandDto {
  @ApiProperty({ enum: [1, 2, 3], example: 2 })
  @IsIn([1, 2, 3])
  level!: 1 | 2 | 3;
}

export class JoinServiceDto extends CommandDto {
  @ApiProperty({ example: 'barnehage-solsikken' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  serviceId!: string;

  @ApiPropertyOptional({
    default: false,
    description: 'Take part without other services learning it (e.g. child welfare)',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  hidden?: boolean;
}

export class AddEntryDto extends CommandDto {
  @ApiProperty({ format: 'uuid', example: '4a1f7c2e-9b3d-4e5f-8a6b-7c8d9e0f1a2b' })
  @IsUUID()
  entryId!: string;

  @ApiProperty({ enum: ENTRY_KINDS, example: 'observation' })
  @IsIn(ENTRY_KINDS)
  kind!: EntryKind;

  @ApiProperty({ enum: INFORMATION_CATEGORIES, example: 'kindergarten_situation' })
  @IsIn(INFORMATION_CATEGORIES)
  category!: InformationCategory;

  @ApiProperty({ example: true, description: 'Whether the guardians see this entry' })
  @IsBoolean()
  sharedWithGuardians!: boolean;

  @ApiProperty({ example: 'Sover bedre etter nye rutiner; mer opplagt i samlingsstund' })
  @IsString()
  @Length(1, 4000)
  text!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'The entry this one corrects (entries are never edited)',
    example: '2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e',
  })
  @IsOptional()
  @IsUUID()
  correctsEntryId?: string;
}

export class PlanMeasureDto extends CommandDto {
  @ApiProperty({ format: 'uuid', example: '6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b' })
  @IsUUID()
  measureId!: string;

  @ApiProperty({ example: 'Faste leggerutiner; sovner før 20.00 fire av fem kvelder' })
  @IsString()
  @Length(1, 1000)
  goal!: string;

  @ApiProperty({ example: 'helsestasjon-raufoss' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  responsibleServiceId!: string;

  @ApiProperty({ example: 'staff-kari' })
  @IsString()
  @Length(1, 200)
  responsibleStaffId!: string;

  @ApiProperty({ example: '2026-03-23' })
  @IsCalendarDate()
  startDate!: string;

  @ApiPropertyOptional({
    example: '2026-05-04',
    description: 'Defaults to start + the log’s evaluation interval',
  })
  @IsOptional()
  @IsCalendarDate()
  evaluationDate?: string;

  @ApiPropertyOptional({
    example: 'familiekoordinator',
    description: 'A programme initiative this measure belongs to',
  })
  @IsOptional()
  @Matches(SLUG, { message: '$property must be an initiative id' })
  initiativeId?: string;

  @ApiPropertyOptional({ example: 'foreldreveiledning-icdp' })
  @IsOptional()
  @Matches(SLUG, { message: '$property must be a catalogue entry id' })
  catalogueEntryId?: string;
}

export class StartMeasureDto extends CommandDto {
  @ApiProperty({ example: '2026-03-23' })
  @IsCalendarDate()
  startedOn!: string;
}

export class EvaluateMeasureDto extends CommandDto {
  @ApiProperty({ enum: ['reached', 'partly', 'not_reached'], example: 'partly' })
  @IsIn(['reached', 'partly', 'not_reached'])
  goalAttainment!: 'reached' | 'partly' | 'not_reached';

  @ApiProperty({ example: 'Foreldrene opplever at kveldene er roligere' })
  @IsString()
  @Length(1, 2000)
  familyView!: string;

  @ApiProperty({ enum: ['continue', 'adjust', 'end'], example: 'continue' })
  @IsIn(['continue', 'adjust', 'end'])
  decision!: 'continue' | 'adjust' | 'end';

  @ApiPropertyOptional({ example: '2026-06-15' })
  @IsOptional()
  @IsCalendarDate()
  nextEvaluationDate?: string;
}

export class EndMeasureDto extends CommandDto {
  @ApiProperty({ example: 'Familien flyttet' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class OfferHandoverDto extends CommandDto {
  @ApiProperty({ example: 'staff-per' })
  @IsString()
  @Length(1, 200)
  toStaffId!: string;

  @ApiProperty({ example: 'barnehage-solsikken' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  toServiceId!: string;
}

export class AssignSamordningsansvarDto extends CommandDto {
  @ApiProperty({ example: 'helsestasjon-raufoss' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  serviceId!: string;
}

export class ChangeLevelDto extends CommandDto {
  @ApiProperty({ enum: [1, 2, 3], example: 3 })
  @IsIn([1, 2, 3])
  level!: 1 | 2 | 3;

  @ApiProperty({ example: 'PPT og skole trengs i tillegg' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class FamilyEvaluationDto {
  @IsScore('Did the services work as one?')
  coordination!: number;

  @IsScore('Were the services easy to reach?')
  accessibility!: number;

  @IsScore('Were we heard?', 5)
  participation!: number;

  @ApiPropertyOptional({
    example: 'Godt å slippe å fortelle alt på nytt',
    description: 'May be left out; given, it is not blank (422 TEXT_REQUIRED)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string;
}

export class CloseStafettloggDto extends CommandDto {
  @ApiProperty({ enum: CLOSE_REASONS, example: 'needs_met' })
  @IsIn(CLOSE_REASONS)
  reason!: CloseReason;

  @ApiPropertyOptional({ type: FamilyEvaluationDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FamilyEvaluationDto)
  familyEvaluation?: FamilyEvaluationDto;

  @ApiPropertyOptional({ example: 'Familien har flyttet og svarer ikke' })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  evaluationMissingReason?: string;
}

export class ReasonDto extends CommandDto {
  @ApiProperty({ example: 'Ny bekymring fra skolen' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class GuardianSharingDto extends CommandDto {
  @ApiProperty({
    enum: INFORMATION_CATEGORIES,
    isArray: true,
    example: ['school_situation'],
    description:
      'The kinds of information the guardians may no longer read; [] shares all the law allows',
  })
  @IsArray()
  @ArrayMaxSize(INFORMATION_CATEGORIES.length)
  @ArrayUnique()
  @IsIn(INFORMATION_CATEGORIES, { each: true })
  keptFromGuardians!: InformationCategory[];
}

export class GuardianReadAccessDto extends ReasonDto {
  @ApiProperty({ format: 'uuid', example: '1a7d3c55-0b2e-4f0a-9c4e-2d8b7e6f5a43' })
  @IsUUID()
  guardianId!: string;
}

export class ListStafettloggerQueryDto extends PageQueryDto {
  @CursorOf(CURSOR.id)
  // Narrows the base cursor to this list's shape; the value is set from the query after construction.
  override after?: string = undefined;

  @ApiProperty({ format: 'uuid', description: 'The family whose logs to list' })
  @IsUUID()
  familyId!: string;
}

/** Reading one log: its newest page of entries by default, older pages through the cursor. */
export class ArchiveReadQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({
    enum: ARCHIVE_READ_REASONS,
    description:
      'Why the archive reads a closed, restricted log: required of the archive role, logged in the family’s access log',
  })
  @IsOptional()
  @IsIn(ARCHIVE_READ_REASONS)
  reasonCode?: ArchiveReadReason;
}

export class LogQueryDto extends ArchiveReadQueryDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The olderEntries cursor of the view (the oldest entry it holds): the page of entries you may see before it',
  })
  @IsOptional()
  @IsUUID()
  entriesBefore?: string;

  @ApiPropertyOptional({ example: 100, minimum: 1, maximum: 500, default: 100 })
  @IsOptional()
  @QueryInt()
  @IsInt()
  @Min(1)
  @Max(500)
  entriesLimit?: number;
}

export class ArchivePackageQueryDto extends ArchiveReadQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'html'], default: 'json' })
  @IsOptional()
  @IsIn(['json', 'html'])
  format?: 'json' | 'html';
}
