import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { INFORMATION_CATEGORIES, type InformationCategory } from '@bti/domain';
import { CommandDto, IsCalendarDate, IsServiceIdList } from '@bti/http';

export class ConsentScopeDto {
  @ApiProperty({
    type: [String],
    example: ['helsestasjon-raufoss', 'barnehage-solsikken'],
    description: 'Services (not persons) that may share',
  })
  @IsServiceIdList({ min: 1, max: 30 })
  services!: string[];

  @ApiProperty({
    enum: INFORMATION_CATEGORIES,
    isArray: true,
    example: ['health', 'kindergarten_situation'],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(INFORMATION_CATEGORIES, { each: true })
  categories!: InformationCategory[];

  @ApiProperty({ example: 'Samordne oppfølging av søvn og trivsel' })
  @IsString()
  @Length(1, 500)
  purpose!: string;
}

export class StartStafettloggDto extends CommandDto {
  @ApiProperty({ format: 'uuid', example: '3f2a1b0c-9d8e-4f7a-8b6c-5d4e3f2a1b0c' })
  @IsUUID()
  logId!: string;

  @ApiProperty({
    format: 'uuid',
    description: 'A concern your service decided as "involve others"',
    example: '9e3c2b1a-4d5e-4f60-8a7b-1c2d3e4f5a6b',
  })
  @IsUUID()
  concernId!: string;

  @ApiProperty({ format: 'uuid', example: '7c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f' })
  @IsUUID()
  consentId!: string;

  @ApiProperty({ type: ConsentScopeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentScopeDto)
  scope!: ConsentScopeDto;
}

export class RequestConsentDto extends CommandDto {
  @ApiProperty({ format: 'uuid', example: '8d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a' })
  @IsUUID()
  consentId!: string;

  @ApiProperty({ type: ConsentScopeDto })
  @IsObject()
  @ValidateNested()
  @Type(() => ConsentScopeDto)
  scope!: ConsentScopeDto;
}

/** Staff record a consent act from a paper form, naming who signed it; a guardian or youth acts for themselves. */
export class OnBehalfDto extends CommandDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'Staff only: the guardian who signed the paper form',
    example: '1a7d3c55-0b2e-4f0a-9c4e-2d8b7e6f5a43',
  })
  @IsOptional()
  @IsUUID()
  givenByGuardianId?: string;

  @ApiPropertyOptional({
    description: 'Staff only: the young person signed the paper form',
    example: false,
  })
  @IsOptional()
  @IsBoolean()
  givenByYouth?: boolean;

  @ApiPropertyOptional({
    example: 'Arkiv 2026/118',
    description: 'Staff only: where the scanned paper form is kept',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  paperFormReference?: string;
}

export class GiveConsentDto extends OnBehalfDto {
  @ApiProperty({ example: '2026-03-17' })
  @IsCalendarDate()
  validFrom!: string;

  @ApiProperty({ example: '2027-03-16' })
  @IsCalendarDate()
  validUntil!: string;
}

export class RefuseConsentDto extends OnBehalfDto {
  @ApiPropertyOptional({
    example: 'Vil først snakke med fastlegen',
    description: 'May be left out; given, it is not blank (422 TEXT_REQUIRED)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 1000)
  reason?: string;
}

export class RenewConsentDto extends OnBehalfDto {
  @ApiProperty({ example: '2028-03-16' })
  @IsCalendarDate()
  validUntil!: string;
}
