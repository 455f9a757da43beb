import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { CommandDto, IsCalendarDate, IsNotBlank } from '@bti/http';
import { ERASURE_REASONS, type ErasureReason } from '@bti/domain';

export class RegisterFamilyDto extends CommandDto {
  @ApiProperty({ format: 'uuid', example: '5d0c8f0e-8a55-4d8e-9f0e-0c4b2a3f9e11' })
  @IsUUID()
  familyId!: string;
}

export class AddSubjectDto extends CommandDto {
  @ApiProperty({ format: 'uuid', example: 'c7d7a0b5-5f7e-4b7b-8a2f-3b0d6c0d2a10' })
  @IsUUID()
  subjectId!: string;

  @ApiProperty({
    enum: ['pregnancy', 'child', 'youth'],
    example: 'child',
    description: 'A child is under 18, a young person (youth) 13 to 24',
  })
  @IsIn(['pregnancy', 'child', 'youth'])
  kind!: 'pregnancy' | 'child' | 'youth';

  @ApiProperty({
    example: 'Ola Nordmann',
    description: 'Personal data: encrypted per family by the privacy work',
  })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  name!: string;

  @ApiPropertyOptional({
    example: '2019-04-02',
    description: 'Required for a child or young person; none for a pregnancy',
  })
  @IsOptional()
  @IsCalendarDate()
  birthDate?: string;

  @ApiPropertyOptional({
    example: '2026-09-01',
    description:
      'Required for a pregnancy; none for a child or young person (a recorded birth keeps the pregnancy’s)',
  })
  @IsOptional()
  @IsCalendarDate()
  expectedBirthDate?: string;

  @ApiPropertyOptional({
    example: 'idporten|8f1c…',
    description:
      'The young person’s sign-in subject, for consent from the consent age: from 13 (BELOW_SIGN_IN_AGE), none for a pregnancy',
  })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  identitySubject?: string;
}

export class RecordBirthDto extends CommandDto {
  @ApiProperty({ example: 'Nora Nordmann' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  name!: string;

  @ApiProperty({ example: '2026-08-28' })
  @IsCalendarDate()
  birthDate!: string;
}

export class AddGuardianDto extends CommandDto {
  @ApiProperty({ format: 'uuid', example: '1a7d3c55-0b2e-4f0a-9c4e-2d8b7e6f5a43' })
  @IsUUID()
  guardianId!: string;

  @ApiProperty({
    example: 'idporten|4b2e…',
    description: 'The guardian’s sign-in subject (ID-porten pseudonym)',
  })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  identitySubject!: string;

  @ApiProperty({ example: true })
  @IsBoolean()
  parentalResponsibility!: boolean;

  @ApiProperty({ example: 'Kari Nordmann' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  name!: string;

  @ApiPropertyOptional({ example: '+47 912 34 567' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  contact?: string;
}

export class LinkSubjectIdentityDto extends CommandDto {
  @ApiProperty({
    example: 'idporten|8f1c…',
    description: 'The young person’s sign-in subject: from 13 (BELOW_SIGN_IN_AGE)',
  })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  identitySubject!: string;
}

export class EraseFamilyDto extends CommandDto {
  @ApiProperty({ enum: ERASURE_REASONS, example: 'gdpr_article_17' })
  @IsIn(ERASURE_REASONS)
  reasonCode!: ErasureReason;
}
