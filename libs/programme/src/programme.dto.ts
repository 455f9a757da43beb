import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import {
  GRANT_SCHEMES,
  INITIATIVE_STATUSES,
  SECTORS,
  type GrantScheme,
  type InitiativeStatus,
  type Sector,
} from '@bti/domain';
import { CommandDto, IsCalendarDate, ID_SLUG, IsServiceIdList } from '@bti/http';

const SLUG = ID_SLUG;

export class RegisterInitiativeDto extends CommandDto {
  @ApiProperty({ example: 'familiekoordinator', description: 'An id of your choosing' })
  @Matches(SLUG, { message: 'initiativeId must be an id (a-z, 0-9 and -)' })
  initiativeId!: string;

  @ApiProperty({ example: 'Familiekoordinator' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({ example: 'Én fast kontakt for familier som får hjelp fra flere tjenester' })
  @IsString()
  @Length(1, 2000)
  purpose!: string;

  @ApiProperty({ example: 'Familier med barn 0–18 med tjenester fra tre eller flere sektorer' })
  @IsString()
  @Length(1, 1000)
  targetGroup!: string;

  @ApiProperty({ type: [String], example: ['helsestasjon-raufoss', 'nav-vestre-toten'] })
  @IsServiceIdList({ max: 50 })
  serviceIds!: string[];

  @ApiProperty({ enum: SECTORS, isArray: true, example: ['helsestasjon', 'nav'] })
  @IsArray()
  @ArrayMaxSize(SECTORS.length)
  @ArrayUnique()
  @IsIn(SECTORS, { each: true })
  sectors!: Sector[];

  @ApiProperty({ example: 'Brukerundersøkelse før og etter, og tid fra bekymring til tiltak' })
  @IsString()
  @Length(1, 2000)
  evaluationMethod!: string;

  @ApiPropertyOptional({ enum: ['planned', 'piloting', 'in_operation'], example: 'planned' })
  @IsOptional()
  @IsIn(['planned', 'piloting', 'in_operation'])
  status?: Exclude<InitiativeStatus, 'ended'>;
}

export class ChangeInitiativeStatusDto extends CommandDto {
  @ApiProperty({ enum: INITIATIVE_STATUSES, example: 'piloting' })
  @IsIn(INITIATIVE_STATUSES)
  status!: InitiativeStatus;

  @ApiPropertyOptional({
    example: 'Pilot i to skolekretser fra januar',
    description: 'May be left out; given, it is not blank (422 TEXT_REQUIRED)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class AddEvaluationReportDto extends CommandDto {
  @ApiProperty({ format: 'uuid', example: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b' })
  @IsUUID()
  reportId!: string;

  @ApiProperty({ example: 'Evaluering av familiekoordinator 2025' })
  @IsString()
  @Length(1, 300)
  title!: string;

  @ApiProperty({
    example: 'https://www.vestre-toten.kommune.no/rapporter/familiekoordinator-2025.pdf',
  })
  @IsString()
  @Length(1, 1000)
  reference!: string;

  @ApiProperty({ example: '2025-12-01' })
  @IsCalendarDate()
  publishedOn!: string;
}

/** Year, grant scheme and whole kroner: what every movement of pooled-grant money states. */
abstract class GrantAmountDto extends CommandDto {
  @ApiProperty({ example: 2026, minimum: 2015, maximum: 2100 })
  @IsInt()
  @Min(2015)
  @Max(2100)
  year!: number;

  @ApiProperty({ enum: GRANT_SCHEMES, example: 'kap-765-post-60' })
  @IsIn(GRANT_SCHEMES)
  scheme!: GrantScheme;

  @ApiProperty({ example: 800_000, description: 'Whole kroner' })
  @IsInt()
  @Min(1)
  @Max(10_000_000_000)
  amountNok!: number;
}

export class AllocateGrantDto extends GrantAmountDto {
  @ApiProperty({ format: 'uuid', example: '6f7a8b9c-0d1e-4f2a-8b3c-4d5e6f7a8b9c' })
  @IsUUID()
  allocationId!: string;
}

export class CommitFundsDto extends GrantAmountDto {
  @ApiProperty({ format: 'uuid', example: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d' })
  @IsUUID()
  commitmentId!: string;

  @ApiProperty({ example: 'familiekoordinator' })
  @Matches(SLUG, { message: 'initiativeId must be an initiative id' })
  initiativeId!: string;
}

export class MarkBaselineDto extends CommandDto {
  @ApiProperty({
    example: '2026-01-01',
    description: 'The go-live date the trend is measured from',
  })
  @IsCalendarDate()
  date!: string;

  @ApiPropertyOptional({
    example: 'Nullpunkt ved oppstart av digital stafettlogg',
    description: 'May be left out; given, it is not blank (422 TEXT_REQUIRED)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}
