import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { ARENA_KINDS, type ArenaKind } from '@bti/domain';
import { CommandDto, PageQueryDto, IsServiceIdList, CURSOR, CursorOf } from '@bti/http';

export class ArenaDescriptionDto extends CommandDto {
  @ApiProperty({ enum: ARENA_KINDS, example: 'kompetanseteam' })
  @IsIn(ARENA_KINDS)
  kind!: ArenaKind;

  @ApiProperty({ example: 'Kompetanseteam 0–6 år' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @ApiProperty({
    example: 'Gi råd til ansatte i barnehage og helsestasjon om barn de undrer seg over',
  })
  @IsString()
  @Length(1, 2000)
  mandate!: string;

  @ApiProperty({
    example: 'Undring eller bekymring der egen tjeneste står fast; samtykke eller anonym drøfting',
  })
  @IsString()
  @Length(1, 2000)
  intakeCriteria!: string;

  @ApiProperty({ type: [String], example: ['helsestasjon-raufoss', 'barnehage-solsikken', 'ppt'] })
  @IsServiceIdList({ min: 1, max: 30 })
  memberServices!: string[];

  @ApiProperty({ example: 'Første tirsdag i måneden kl. 12–14' })
  @IsString()
  @Length(1, 200)
  meetingRhythm!: string;

  @ApiProperty({ example: false, description: '"En dør inn": the family may refer its own case' })
  @IsBoolean()
  acceptsCitizenReferrals!: boolean;
}

export class EstablishArenaDto extends ArenaDescriptionDto {
  @ApiProperty({ format: 'uuid', example: '0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b' })
  @IsUUID()
  arenaId!: string;
}

export class ReferCaseDto extends CommandDto {
  @ApiProperty({ format: 'uuid', example: '3a4b5c6d-7e8f-4a9b-8c0d-1e2f3a4b5c6d' })
  @IsUUID()
  referralId!: string;

  @ApiProperty({ format: 'uuid', example: '5d0c8f0e-8a55-4d8e-9f0e-0c4b2a3f9e11' })
  @IsUUID()
  familyId!: string;

  @ApiPropertyOptional({
    format: 'uuid',
    example: '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    description: 'The case’s stafettlogg (staff always refer with one)',
  })
  @IsOptional()
  @IsUUID()
  logId?: string;

  @ApiProperty({ example: 'Vi trenger flere fagfolk inn for å forstå hva som skjer' })
  @IsString()
  @Length(1, 2000)
  reason!: string;
}

export class AcceptReferralDto extends CommandDto {
  @ApiPropertyOptional({
    example: 'Tas opp i møtet 3. desember',
    description: 'May be left out; given, it is not blank (422 TEXT_REQUIRED)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class DeclineReferralDto extends CommandDto {
  @ApiProperty({ example: 'Saken passer bedre i ressursteamet på skolen' })
  @IsString()
  @Length(1, 2000)
  reason!: string;

  @ApiPropertyOptional({ format: 'uuid', example: '7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d' })
  @IsOptional()
  @IsUUID()
  redirectToArenaId?: string;

  @ApiPropertyOptional({
    example: 'Ta kontakt med kontaktlærer først',
    description: 'May be left out; given, it is not blank (422 TEXT_REQUIRED)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  advice?: string;
}

export class ListReferralsQueryDto extends PageQueryDto {
  @CursorOf(CURSOR.revision)
  // Narrows the base cursor to this list's shape; the value is set from the query after construction.
  override after?: string = undefined;

  @ApiPropertyOptional({ enum: ['pending', 'accepted', 'declined'], example: 'pending' })
  @IsOptional()
  @IsIn(['pending', 'accepted', 'declined'])
  status?: 'pending' | 'accepted' | 'declined';
}

export class ListArenasQueryDto extends PageQueryDto {
  @CursorOf(CURSOR.id)
  // Narrows the base cursor to this list's shape; the value is set from the query after construction.
  override after?: string = undefined;

  @ApiPropertyOptional({
    example: 'vestre-toten',
    description:
      'The family’s municipality. Staff and admins see their own (another municipality’s: 404)',
  })
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9-]{1,62}$/, { message: 'municipalityId must be a municipality id' })
  municipalityId?: string;
}
