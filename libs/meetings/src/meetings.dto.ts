import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Length,
  Matches,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import {
  ATTENDANCE_MODES,
  CHILDS_VOICE_HEARD,
  DECISION_KINDS,
  MAX_LOGS_PER_MEETING,
  type AttendanceMode,
  type ChildsVoiceHeard,
  type DecisionKind,
} from '@bti/domain';
import {
  CommandDto,
  IsCalendarDate,
  PageQueryDto,
  ReadQueryDto,
  ID_SLUG,
  IsServiceIdList,
  IsScore,
  CURSOR,
  CursorOf,
  IsWithinCaseYears,
} from '@bti/http';
import { MINUTES_LANGUAGES, type MinutesLanguage } from './meeting-documents.view';

const SLUG = ID_SLUG;
const SERVICE_ID = { message: '$property must be a service id' };
/** A date and time with its offset, e.g. 2026-12-03T09:00:00+01:00. */
const INSTANT = { strict: true, strictSeparator: true };
/**
 * A time of day and the offset it is in: without one, `09:00` would be read in the server's own time
 * zone, whatever the coordinator meant. The offset is one no place on earth exceeds (±14:00; ISO 8601
 * alone allows ±23:59).
 */
const TIME_OF_DAY_WITH_OFFSET =
  /T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]((0\d|1[0-3]):?[0-5]\d|14:?00))$/;
const START_NEEDS_OFFSET =
  'startsAt must have a time of day and its offset from UTC, at most 14 hours (Z, or +01:00 in winter and +02:00 in summer in Norway)';

export class LocationDto {
  @ApiProperty({ enum: ['place', 'video'], example: 'place' })
  @IsIn(['place', 'video'])
  kind!: 'place' | 'video';

  @ApiPropertyOptional({
    example: 'Raufoss helsestasjon, møterom 2',
    description: 'With kind place',
  })
  @ValidateIf((o: LocationDto) => o.kind === 'place' || o.place !== undefined)
  @IsString()
  @Length(1, 200)
  place?: string;

  @ApiPropertyOptional({
    example: 'https://video.example.no/m/123',
    description: 'With kind video',
  })
  @ValidateIf((o: LocationDto) => o.link !== undefined)
  @IsUrl({ protocols: ['https'], require_protocol: true })
  @Length(1, 500)
  link?: string;
}

export class AgendaItemDto {
  @ApiProperty({ format: 'uuid', example: '6a0d1c2b-3e4f-4a5b-8c6d-7e8f9a0b1c2d' })
  @IsUUID()
  itemId!: string;

  @ApiProperty({ example: 'Hvordan har Ola det i barnehagen?' })
  @IsString()
  @Length(1, 500)
  text!: string;
}

export class StaffRefDto {
  @ApiProperty({ example: 'coord-anne' })
  @IsString()
  @Length(1, 200)
  staffId!: string;

  @ApiProperty({ example: 'helsestasjon-raufoss' })
  @Matches(SLUG, SERVICE_ID)
  serviceId!: string;
}

export class ScheduleMeetingDto extends CommandDto {
  @ApiProperty({ format: 'uuid', example: '1b2c3d4e-5f60-4718-9a0b-1c2d3e4f5a6b' })
  @IsUUID()
  meetingId!: string;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: ['4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f'],
    description: 'The child’s log, or several logs of one family',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_LOGS_PER_MEETING)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  logIds!: string[];

  @ApiProperty({ example: '2026-12-03T09:00:00+01:00', description: 'Date and time with offset' })
  @IsISO8601(INSTANT)
  @Matches(TIME_OF_DAY_WITH_OFFSET, { message: START_NEEDS_OFFSET })
  @IsWithinCaseYears()
  startsAt!: string;

  @ApiProperty({ example: 60, minimum: 15, maximum: 480 })
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes!: number;

  @ApiProperty({ type: LocationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location!: LocationDto;

  @ApiPropertyOptional({ type: StaffRefDto, description: 'Defaults to you' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => StaffRefDto)
  chair?: StaffRefDto;

  @ApiProperty({ type: [String], example: ['barnehage-solsikken'] })
  @IsServiceIdList({ max: 20 })
  invitedServices!: string[];

  @ApiProperty({
    type: [String],
    format: 'uuid',
    example: ['8c9d0e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f'],
  })
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  invitedGuardians!: string[];

  @ApiPropertyOptional({
    example: [],
    type: [String],
    format: 'uuid',
    description: 'Young people the logs are about',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_LOGS_PER_MEETING)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  invitedYouth?: string[];

  @ApiPropertyOptional({
    example: [{ itemId: '6a0d1c2b-3e4f-4a5b-8c6d-7e8f9a0b1c2d', text: 'Søvn og leggetid' }],
    type: [AgendaItemDto],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @ValidateNested({ each: true })
  @Type(() => AgendaItemDto)
  agenda?: AgendaItemDto[];
}

export class AddAgendaItemDto extends CommandDto {
  @ApiProperty({ format: 'uuid', example: '2c3d4e5f-6a7b-4c8d-9e0f-1a2b3c4d5e6f' })
  @IsUUID()
  itemId!: string;

  @ApiProperty({ example: 'Vi vil snakke om søvn' })
  @IsString()
  @Length(1, 500)
  text!: string;
}

export class RescheduleMeetingDto extends CommandDto {
  @ApiProperty({ example: '2026-12-10T09:00:00+01:00' })
  @IsISO8601(INSTANT)
  @Matches(TIME_OF_DAY_WITH_OFFSET, { message: START_NEEDS_OFFSET })
  @IsWithinCaseYears()
  startsAt!: string;

  @ApiProperty({ example: 60 })
  @IsInt()
  @Min(15)
  @Max(480)
  durationMinutes!: number;

  @ApiProperty({ type: LocationDto })
  @IsObject()
  @ValidateNested()
  @Type(() => LocationDto)
  location!: LocationDto;
}

export class CancelMeetingDto extends CommandDto {
  @ApiProperty({ example: 'Sykdom' })
  @IsString()
  @Length(1, 1000)
  reason!: string;
}

export class AttendeeDto {
  @ApiProperty({ enum: ['guardian', 'youth', 'staff'], example: 'guardian' })
  @IsIn(['guardian', 'youth', 'staff'])
  kind!: 'guardian' | 'youth' | 'staff';

  @ApiPropertyOptional({
    example: '8c9d0e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f',
    format: 'uuid',
    description: 'With kind guardian',
  })
  @ValidateIf((o: AttendeeDto) => o.kind === 'guardian' || o.guardianId !== undefined)
  @IsUUID()
  guardianId?: string;

  @ApiPropertyOptional({
    example: 'c7d7a0b5-5f7e-4b7b-8a2f-3b0d6c0d2a10',
    format: 'uuid',
    description: 'With kind youth',
  })
  @ValidateIf((o: AttendeeDto) => o.kind === 'youth' || o.subjectId !== undefined)
  @IsUUID()
  subjectId?: string;

  @ApiPropertyOptional({ example: 'staff-per', description: 'With kind staff' })
  @ValidateIf((o: AttendeeDto) => o.kind === 'staff' || o.staffId !== undefined)
  @IsString()
  @Length(1, 200)
  staffId?: string;

  @ApiPropertyOptional({ example: 'barnehage-solsikken', description: 'With kind staff' })
  @ValidateIf((o: AttendeeDto) => o.kind === 'staff' || o.serviceId !== undefined)
  @Matches(SLUG, SERVICE_ID)
  serviceId?: string;

  @ApiProperty({ enum: ATTENDANCE_MODES, example: 'present' })
  @IsIn(ATTENDANCE_MODES)
  mode!: AttendanceMode;

  @ApiPropertyOptional({
    example: true,
    description: 'Staff: may decide for their service',
    default: false,
  })
  @IsOptional()
  @IsBoolean()
  decisionAuthority?: boolean;
}

export class StartMeetingDto extends CommandDto {
  @ApiProperty({
    example: [
      { kind: 'guardian', guardianId: '8c9d0e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f', mode: 'present' },
      {
        kind: 'staff',
        staffId: 'coord-anne',
        serviceId: 'helsestasjon-raufoss',
        mode: 'present',
        decisionAuthority: true,
      },
    ],
    type: [AttendeeDto],
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(60)
  @ValidateNested({ each: true })
  @Type(() => AttendeeDto)
  attendance!: AttendeeDto[];
}

export class GuardianStatementDto extends CommandDto {
  @ApiPropertyOptional({
    example: ['8c9d0e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f'],
    type: [String],
    format: 'uuid',
    description: 'The guardians who spoke; a guardian recording their own words may leave it out',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  speakers?: string[];

  @ApiProperty({ example: 'Vi er slitne, og Ola sover dårlig' })
  @IsString()
  @Length(1, 4000)
  text!: string;
}

export class TextDto extends CommandDto {
  @ApiProperty({ example: 'Ola leker mest alene, men trives med de voksne' })
  @IsString()
  @Length(1, 4000)
  text!: string;
}

/** What the child said goes with `heard: true`, why not with `heard: false`: the other was dropped. */
const withHeard = (heard: boolean) =>
  ValidateBy({
    name: 'withHeard',
    validator: {
      validate: (value: unknown, args) =>
        value === undefined || (args?.object as ChildsVoiceDto).heard === heard,
      defaultMessage: () => `$property goes with heard: ${String(heard)}`,
    },
  });

export class ChildsVoiceDto extends CommandDto {
  @ApiProperty({ example: true })
  @IsBoolean()
  heard!: boolean;

  @ApiPropertyOptional({
    example: 'Ola vil gjerne gå i barnehagen med Mia',
    description: 'When heard',
  })
  @ValidateIf((o: ChildsVoiceDto) => o.heard === true || o.text !== undefined)
  @IsString()
  @Length(1, 4000)
  @withHeard(true)
  text?: string;

  @ApiPropertyOptional({ example: 'Ola er for liten til å delta', description: 'When not heard' })
  @ValidateIf((o: ChildsVoiceDto) => o.heard === false || o.reasonNotHeard !== undefined)
  @IsString()
  @Length(1, 1000)
  @withHeard(false)
  reasonNotHeard?: string;
}

export class FormalDecisionDto {
  @ApiProperty({ example: 'nav-vestre-toten' })
  @Matches(SLUG, SERVICE_ID)
  serviceId!: string;

  @ApiProperty({
    example: 'NAV 2026/12345',
    description: 'Its reference in the service’s own system',
  })
  @IsString()
  @Length(1, 200)
  reference!: string;
}

/** A field is checked when its kind needs it, and whenever it is sent. */
const needed =
  (field: keyof MeetingDecisionDto, kinds: readonly DecisionKind[]) => (o: MeetingDecisionDto) =>
    kinds.includes(o.kind) || o[field] !== undefined;
const ON_LOG: DecisionKind[] = ['measure', 'level_change', 'stafettholder', 'samordningsansvar'];

/**
 * A field given with a kind of decision it does not go with is refused by name: `level` with an
 * `other` decision was answered 201 and dropped (found from outside), as if it had been recorded.
 */
const goesWith = (kinds: readonly DecisionKind[]) =>
  ValidateBy({
    name: 'goesWithKind',
    validator: {
      validate: (value: unknown, args) =>
        value === undefined || kinds.includes((args?.object as MeetingDecisionDto).kind),
      defaultMessage: (args) =>
        `$property goes with kind ${kinds.join(' or ')}, not ${String((args?.object as MeetingDecisionDto | undefined)?.kind)}`,
    },
  });

export class MeetingDecisionDto extends CommandDto {
  @ApiProperty({ format: 'uuid', example: '9f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a' })
  @IsUUID()
  decisionId!: string;

  @ApiProperty({ enum: DECISION_KINDS, example: 'measure' })
  @IsIn(DECISION_KINDS)
  kind!: DecisionKind;

  @ApiProperty({
    example: 'Helsestasjonen gir foreldreveiledning (ICDP) fra 1. april',
    description: 'The decision in plain words, as the family reads it',
  })
  @IsString()
  @Length(1, 2000)
  text!: string;

  @ApiProperty({ example: 'staff-kari' })
  @IsString()
  @Length(1, 200)
  responsibleStaffId!: string;

  @ApiProperty({ example: 'helsestasjon-raufoss' })
  @Matches(SLUG, SERVICE_ID)
  responsibleServiceId!: string;

  @ApiProperty({ example: '2026-12-17', description: 'When it is done or followed up' })
  @IsCalendarDate()
  deadline!: string;

  @ApiPropertyOptional({
    example: '4f1c2d3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
    format: 'uuid',
    description: 'The log (for measure, level_change, stafettholder, samordningsansvar)',
  })
  @ValidateIf(needed('logId', ON_LOG))
  @IsUUID()
  @goesWith(ON_LOG)
  logId?: string;

  @ApiPropertyOptional({ example: 'Tryggere leggetid', description: 'measure: its goal' })
  @ValidateIf(needed('goal', ['measure']))
  @IsString()
  @Length(1, 1000)
  @goesWith(['measure'])
  goal?: string;

  @ApiPropertyOptional({ example: '2026-12-07', description: 'measure' })
  @ValidateIf(needed('startDate', ['measure']))
  @IsCalendarDate()
  @goesWith(['measure'])
  startDate?: string;

  @ApiPropertyOptional({ example: '2027-01-18', description: 'measure (optional)' })
  @IsOptional()
  @IsCalendarDate()
  @goesWith(['measure'])
  evaluationDate?: string;

  @ApiPropertyOptional({ example: 'familiekoordinator', description: 'measure (optional)' })
  @IsOptional()
  @Matches(SLUG, { message: '$property must be an initiative id' })
  @goesWith(['measure'])
  initiativeId?: string;

  @ApiPropertyOptional({ example: 3, enum: [1, 2, 3], description: 'level_change' })
  @ValidateIf(needed('level', ['level_change']))
  @IsIn([1, 2, 3])
  @goesWith(['level_change'])
  level?: 1 | 2 | 3;

  @ApiPropertyOptional({ type: StaffRefDto, description: 'stafettholder: who takes the baton' })
  @ValidateIf(needed('to', ['stafettholder']))
  @IsObject()
  @ValidateNested()
  @Type(() => StaffRefDto)
  @goesWith(['stafettholder'])
  to?: StaffRefDto;

  @ApiPropertyOptional({
    example: 'barnehage-solsikken',
    description: 'samordningsansvar: the coordinating service',
  })
  @ValidateIf(needed('serviceId', ['samordningsansvar']))
  @Matches(SLUG, SERVICE_ID)
  @goesWith(['samordningsansvar'])
  serviceId?: string;

  @ApiPropertyOptional({
    example: '0e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b',
    format: 'uuid',
    description: 'referral: the arena (optional)',
  })
  @IsOptional()
  @IsUUID()
  @goesWith(['referral'])
  arenaId?: string;

  @ApiPropertyOptional({
    type: FormalDecisionDto,
    description: 'An enkeltvedtak this agreement points at',
  })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => FormalDecisionDto)
  formalDecision?: FormalDecisionDto;
}

export class EvaluateMeetingDto extends CommandDto {
  @ApiPropertyOptional({
    example: '8c9d0e1f-2a3b-4c5d-8e6f-7a8b9c0d1e2f',
    format: 'uuid',
    description: 'Staff recording a guardian’s answers: whose',
  })
  @IsOptional()
  @IsUUID()
  guardianId?: string;

  @IsScore('Did the services work as one? 1–5')
  coordination!: number;

  @IsScore('Were you heard? 1–5')
  beingHeard!: number;

  @IsScore('Was the meeting useful? 1–5')
  usefulness!: number;

  @ApiPropertyOptional({
    example: 'Godt å bli hørt',
    description: 'May be left out; given, it is not blank (422 TEXT_REQUIRED)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  comment?: string;
}

export class EndMeetingDto extends CommandDto {
  @ApiPropertyOptional({ example: '2027-01-14' })
  @IsOptional()
  @IsCalendarDate()
  nextMeetingDate?: string;
}

export class EttermoteDto extends CommandDto {
  @ApiProperty({ example: true, description: 'Was the duty of confidentiality reminded?' })
  @IsBoolean()
  confidentialityReminded!: boolean;

  @IsScore('Form and content, 1–5')
  formAndContent!: number;

  @IsScore('The chair’s steering, 1–5')
  chairSteering!: number;

  @IsScore('The team’s support, 1–5')
  teamSupport!: number;

  @IsScore('Equal dialogue with the family, 1–5')
  equalDialogue!: number;

  @ApiProperty({ enum: CHILDS_VOICE_HEARD, example: 'partly' })
  @IsIn(CHILDS_VOICE_HEARD)
  childsVoiceHeard!: ChildsVoiceHeard;

  @ApiPropertyOptional({
    example: 'Send saksinformasjon til foreldrene før møtet',
    description: 'May be left out; given, it is not blank (422 TEXT_REQUIRED)',
  })
  @IsOptional()
  @IsString()
  @Length(1, 2000)
  learned?: string;
}

export class ResolveFollowUpDto extends CommandDto {
  @ApiProperty({ example: 'Nytt samtykke er bedt om; tiltaket planlegges når det er gitt' })
  @IsString()
  @Length(1, 2000)
  note!: string;
}

export class ListMeetingsQueryDto extends PageQueryDto {
  @CursorOf(CURSOR.timeAndId)
  // Narrows the base cursor to this list's shape; the value is set from the query after construction.
  override after?: string = undefined;

  @ApiProperty({ format: 'uuid', description: 'The family whose meetings you want' })
  @IsUUID()
  familyId!: string;
}

/** A page of the decisions waiting for a person, in the order of their meeting and decision ids. */
export class FollowUpsQueryDto extends PageQueryDto {
  @CursorOf(CURSOR.twoIds)
  // Narrows the base cursor to this list's shape; the value is set from the query after construction.
  override after?: string = undefined;
}

/** The referat in the family's written standard: bokmål (the default) or nynorsk. */
export class MinutesQueryDto extends ReadQueryDto {
  @ApiPropertyOptional({ enum: MINUTES_LANGUAGES, example: 'nn', default: 'nb' })
  @IsOptional()
  @IsIn(MINUTES_LANGUAGES, { message: 'language must be nb (bokmål) or nn (nynorsk)' })
  language?: MinutesLanguage;
}
