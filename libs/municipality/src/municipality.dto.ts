import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { BTI_LEVELS, COUNTIES, SECTORS, type BtiLevel, type Sector } from '@bti/domain';
import { CommandDto, IsNotBlank } from '@bti/http';

/** Identifiers chosen by the municipality: lower-case letters, digits and dashes. */
export const SLUG = /^[a-z0-9][a-z0-9-]{1,62}$/;
const SLUG_MESSAGE = '$property must be 2-63 lower-case letters, digits or dashes';

export class EnrolMunicipalityDto extends CommandDto {
  @ApiProperty({ example: 'vestre-toten' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  municipalityId!: string;

  @ApiProperty({ example: 'Vestre Toten kommune' })
  @IsString()
  @Length(1, 120)
  @IsNotBlank()
  name!: string;

  @ApiProperty({ example: 'Innlandet', enum: COUNTIES })
  @IsIn(COUNTIES)
  county!: string;
}

export class RegisterServiceDto extends CommandDto {
  @ApiProperty({ example: 'helsestasjon-raufoss' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  serviceId!: string;

  @ApiProperty({ example: 'Helsestasjon Raufoss' })
  @IsString()
  @Length(1, 120)
  @IsNotBlank()
  name!: string;

  @ApiProperty({ enum: SECTORS, example: 'helsestasjon' })
  @IsIn(SECTORS)
  sector!: Sector;

  @ApiPropertyOptional({
    type: [String],
    example: [],
    description:
      'Other municipalities this service also serves, each once: enrolled ones (422 MUNICIPALITY_NOT_ENROLLED), not its own (422 INVALID_HOSTING)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @Matches(SLUG, { each: true, message: 'each of alsoServes must be a municipality id' })
  alsoServes?: string[];
}

export class RegisterStaffDto extends CommandDto {
  @ApiProperty({ example: 'staff-kari', description: 'The staff member’s sign-in subject' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  staffId!: string;

  @ApiProperty({ example: 'helsestasjon-raufoss' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  serviceId!: string;

  @ApiProperty({ example: 'Kari Helsesykepleier' })
  @IsString()
  @Length(1, 120)
  @IsNotBlank()
  displayName!: string;

  @ApiProperty({ enum: ['staff', 'coordinator'], example: 'staff' })
  @IsIn(['staff', 'coordinator'])
  role!: 'staff' | 'coordinator';
}

export class StaffMemberDto extends CommandDto {
  @ApiProperty({ example: 'staff-kari', description: 'The staff member’s sign-in subject' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  staffId!: string;
}

export class LevelNameDto {
  @ApiProperty({ enum: BTI_LEVELS, example: 2 })
  @IsIn(BTI_LEVELS)
  level!: BtiLevel;

  @ApiProperty({ example: 'Nivå 2: enkel samhandling' })
  @IsString()
  @Length(1, 120)
  @IsNotBlank()
  name!: string;
}

export class ConfigureHandlingsveilederDto extends CommandDto {
  @ApiProperty({
    type: [LevelNameDto],
    example: [
      { level: 0, name: 'Nivå 0: undring' },
      { level: 1, name: 'Nivå 1: egen tjeneste' },
      { level: 2, name: 'Nivå 2: enkel samhandling' },
      { level: 3, name: 'Nivå 3: bred samhandling' },
    ],
  })
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => LevelNameDto)
  levels!: LevelNameDto[];

  @ApiProperty({ example: 14 })
  @IsInt()
  @Min(1)
  @Max(365)
  concernDecisionDeadlineDays!: number;

  @ApiProperty({ example: 42 })
  @IsInt()
  @Min(1)
  @Max(365)
  measureEvaluationIntervalDays!: number;

  @ApiProperty({ enum: [15, 16], example: 16 })
  @IsIn([15, 16])
  consentAge!: 15 | 16;

  @ApiProperty({ example: 60 })
  @IsInt()
  @Min(1)
  @Max(365)
  inactivityThresholdDays!: number;
}

export class AddCatalogueEntryDto extends CommandDto {
  @ApiProperty({ example: 'foreldreveiledning-icdp' })
  @Matches(SLUG, { message: SLUG_MESSAGE })
  entryId!: string;

  @ApiProperty({ example: 'Foreldreveiledning (ICDP)' })
  @IsString()
  @Length(1, 120)
  @IsNotBlank()
  name!: string;

  @ApiProperty({ example: 'Gruppeveiledning for foreldre, 8 samlinger' })
  @IsString()
  @Length(1, 2000)
  @IsNotBlank()
  description!: string;

  @ApiProperty({ example: 'Foreldre til barn 0–12 år' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  targetGroup!: string;

  @ApiProperty({ example: 'Helsestasjonen, tlf. 61 15 30 00' })
  @IsString()
  @Length(1, 300)
  @IsNotBlank()
  contact!: string;

  @ApiPropertyOptional({ example: 'helsestasjon-raufoss' })
  @IsOptional()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  serviceId?: string;
}
