import { randomUUID } from 'node:crypto';
import { getMetadataStorage } from 'class-validator';
import {
  AddCatalogueEntryDto,
  ConfigureHandlingsveilederDto,
  EnrolMunicipalityDto,
  RegisterServiceDto,
  RegisterStaffDto,
} from '@bti/municipality';
import {
  AddGuardianDto,
  AddSubjectDto,
  LinkSubjectIdentityDto,
  RecordBirthDto,
  RegisterFamilyDto,
} from '../../libs/families/src/families.dto';
import {
  DecideConcernDto,
  NoteConcernDto,
  RecordConcernTalkDto,
} from '../../libs/concerns/src/concerns.dto';
import * as consentDtos from '../../libs/consent/src/consent.dto';
import * as stafettloggDtos from '../../libs/stafettlogg/src/stafettlogg.dto';

import * as meetingDtos from '../../libs/meetings/src/meetings.dto';
import * as arenaDtos from '../../libs/arenas/src/arenas.dto';
import * as discussionDtos from '../../libs/discussions/src/discussions.dto';
import * as programmeDtos from '../../libs/programme/src/programme.dto';

const logDtos = { ...consentDtos, ...stafettloggDtos };
import { ApiClient, type ApiResponse } from '../support/api-client';
import { registeredStaff } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

type DtoClass = new () => object;
interface Case {
  dto: DtoClass;
  method: 'post' | 'put';
  path: string;
  as: 'admin' | 'staff' | 'guardian';
  valid: Record<string, unknown>;
  /** A valid body for a field that goes with other values of the rest (a decision's kind). */
  validFor?: Record<string, Record<string, unknown>>;
}

const id = () => randomUUID();
const M = 'vestre-toten';
const L = `/stafettlogger/${id()}`;
const scope = { services: ['helsestasjon'], categories: ['health'], purpose: 'p' };

/** Every command endpoint with a body that passes validation; each field is then broken in turn. */
const CASES: Case[] = [
  {
    dto: EnrolMunicipalityDto,
    method: 'post',
    path: '/municipalities',
    as: 'admin',
    valid: { municipalityId: M, name: 'VT', county: 'Innlandet' },
  },
  {
    dto: RegisterServiceDto,
    method: 'post',
    path: `/municipalities/${M}/services`,
    as: 'admin',
    valid: { serviceId: 'hs', name: 'HS', sector: 'helsestasjon', alsoServes: [] },
  },
  {
    dto: RegisterStaffDto,
    method: 'post',
    path: `/municipalities/${M}/staff`,
    as: 'admin',
    valid: { staffId: 's', serviceId: 'hs', displayName: 'S', role: 'staff' },
  },
  {
    dto: ConfigureHandlingsveilederDto,
    method: 'put',
    path: `/municipalities/${M}/handlingsveileder`,
    as: 'admin',
    valid: {
      levels: [
        { level: 0, name: 'a' },
        { level: 2, name: 'b' },
      ],
      concernDecisionDeadlineDays: 14,
      measureEvaluationIntervalDays: 42,
      consentAge: 16,
      inactivityThresholdDays: 60,
    },
  },
  {
    dto: AddCatalogueEntryDto,
    method: 'post',
    path: `/municipalities/${M}/catalogue`,
    as: 'admin',
    valid: {
      entryId: 'icdp',
      name: 'ICDP',
      description: 'd',
      targetGroup: 't',
      contact: 'c',
      serviceId: 'hs',
    },
  },
  {
    dto: RegisterFamilyDto,
    method: 'post',
    path: '/families',
    as: 'staff',
    valid: { familyId: id() },
  },
  {
    dto: AddSubjectDto,
    method: 'post',
    path: `/families/${id()}/subjects`,
    as: 'staff',
    valid: {
      subjectId: id(),
      kind: 'child',
      name: 'Ola',
      birthDate: '2020-01-01',
      expectedBirthDate: '2020-01-01',
      identitySubject: 'idp|x',
    },
  },
  {
    dto: RecordBirthDto,
    method: 'post',
    path: `/families/${id()}/subjects/${id()}/birth`,
    as: 'staff',
    valid: { name: 'Nora', birthDate: '2026-01-01' },
  },
  {
    dto: AddGuardianDto,
    method: 'post',
    path: `/families/${id()}/guardians`,
    as: 'staff',
    valid: {
      guardianId: id(),
      identitySubject: 'idp|m',
      parentalResponsibility: true,
      name: 'Mor',
      contact: '1',
    },
  },
  {
    dto: LinkSubjectIdentityDto,
    method: 'post',
    path: `/families/${id()}/subjects/${id()}/identity`,
    as: 'staff',
    valid: { identitySubject: 'idp|ola' },
  },
  {
    dto: NoteConcernDto,
    method: 'post',
    path: '/concerns',
    as: 'staff',
    valid: { concernId: id(), familyId: id(), subjectId: id(), kind: 'undring', summary: 's' },
  },
  {
    dto: RecordConcernTalkDto,
    method: 'post',
    path: `/concerns/${id()}/talks`,
    as: 'staff',
    valid: { with: 'leader', heldOn: '2026-01-01', summary: 's' },
  },
  {
    dto: DecideConcernDto,
    method: 'post',
    path: `/concerns/${id()}/decision`,
    as: 'staff',
    valid: { outcome: 'closed', reason: 'r', lateReason: 'l' },
  },
  {
    dto: logDtos.StartStafettloggDto,
    method: 'post',
    path: '/stafettlogger',
    as: 'staff',
    valid: { logId: id(), concernId: id(), consentId: id(), scope },
  },
  {
    dto: logDtos.RequestConsentDto,
    method: 'post',
    path: `${L}/consents`,
    as: 'staff',
    valid: { consentId: id(), scope },
  },
  {
    dto: logDtos.GiveConsentDto,
    method: 'post',
    path: `${L}/consents/${id()}/give`,
    as: 'staff',
    valid: {
      validFrom: '2026-01-01',
      validUntil: '2026-12-31',
      givenByGuardianId: id(),
      givenByYouth: false,
      paperFormReference: 'x',
    },
  },
  {
    dto: logDtos.RefuseConsentDto,
    method: 'post',
    path: `${L}/consents/${id()}/refuse`,
    as: 'staff',
    valid: { reason: 'r', givenByGuardianId: id(), givenByYouth: false, paperFormReference: 'x' },
  },
  {
    dto: logDtos.OnBehalfDto,
    method: 'post',
    path: `${L}/consents/${id()}/withdraw`,
    as: 'staff',
    valid: { givenByGuardianId: id(), givenByYouth: false, paperFormReference: 'x' },
  },
  {
    dto: logDtos.RenewConsentDto,
    method: 'post',
    path: `${L}/consents/${id()}/renew`,
    as: 'staff',
    valid: {
      validUntil: '2027-12-31',
      givenByGuardianId: id(),
      givenByYouth: false,
      paperFormReference: 'x',
    },
  },
  {
    dto: logDtos.OpenStafettloggDto,
    method: 'post',
    path: `${L}/open`,
    as: 'staff',
    valid: { level: 2 },
  },
  {
    dto: logDtos.JoinServiceDto,
    method: 'post',
    path: `${L}/services`,
    as: 'staff',
    valid: { serviceId: 'bh', hidden: false },
  },
  {
    dto: logDtos.AddEntryDto,
    method: 'post',
    path: `${L}/entries`,
    as: 'staff',
    valid: {
      entryId: id(),
      kind: 'observation',
      category: 'health',
      sharedWithGuardians: true,
      text: 't',
      correctsEntryId: id(),
    },
  },
  {
    dto: logDtos.PlanMeasureDto,
    method: 'post',
    path: `${L}/measures`,
    as: 'staff',
    valid: {
      measureId: id(),
      goal: 'g',
      responsibleServiceId: 'hs',
      responsibleStaffId: 's',
      startDate: '2026-01-01',
      evaluationDate: '2026-02-01',
      initiativeId: 'fam',
      catalogueEntryId: 'icdp',
    },
  },
  {
    dto: logDtos.StartMeasureDto,
    method: 'post',
    path: `${L}/measures/${id()}/start`,
    as: 'staff',
    valid: { startedOn: '2026-01-01' },
  },
  {
    dto: logDtos.EvaluateMeasureDto,
    method: 'post',
    path: `${L}/measures/${id()}/evaluate`,
    as: 'staff',
    valid: {
      goalAttainment: 'partly',
      familyView: 'v',
      decision: 'continue',
      nextEvaluationDate: '2026-03-01',
    },
  },
  {
    dto: logDtos.EndMeasureDto,
    method: 'post',
    path: `${L}/measures/${id()}/end`,
    as: 'staff',
    valid: { reason: 'r' },
  },
  {
    dto: logDtos.OfferHandoverDto,
    method: 'post',
    path: `${L}/handover/offer`,
    as: 'staff',
    valid: { toStaffId: 's', toServiceId: 'bh' },
  },
  {
    dto: logDtos.AssignSamordningsansvarDto,
    method: 'post',
    path: `${L}/samordningsansvar`,
    as: 'staff',
    valid: { serviceId: 'hs' },
  },
  {
    dto: logDtos.ChangeLevelDto,
    method: 'post',
    path: `${L}/level`,
    as: 'staff',
    valid: { level: 3, reason: 'r' },
  },
  {
    dto: logDtos.CloseStafettloggDto,
    method: 'post',
    path: `${L}/close`,
    as: 'staff',
    valid: {
      reason: 'needs_met',
      familyEvaluation: { coordination: 4, accessibility: 4, participation: 4, comment: 'c' },
      evaluationMissingReason: 'x',
    },
  },
  {
    dto: logDtos.ReasonDto,
    method: 'post',
    path: `${L}/reopen`,
    as: 'staff',
    valid: { reason: 'r' },
  },
  ...meetingCases(),
  ...teamAndProgrammeCases(),
];

interface FieldRule {
  field: string;
  optional: boolean;
}

/** The validated fields of a DTO, read from class-validator's own metadata so no field is missed. */
function meetingCases(): Case[] {
  const MT = `/meetings/${id()}`;
  const staffCase = (dto: DtoClass, path: string, valid: Record<string, unknown>): Case => ({
    dto,
    method: 'post',
    path,
    as: 'staff',
    valid,
  });
  const scores = { coordination: 4, beingHeard: 4, usefulness: 4 };
  const decisionOf = (kind: string, fields: Record<string, unknown>) => ({
    decisionId: id(),
    kind,
    text: 'x',
    responsibleStaffId: 'staff',
    responsibleServiceId: 'hs',
    deadline: '2026-12-17',
    ...fields,
  });
  return [
    staffCase(meetingDtos.ScheduleMeetingDto, '/meetings', {
      meetingId: id(),
      logIds: [id()],
      startsAt: '2026-12-03T09:00:00+01:00',
      durationMinutes: 60,
      location: { kind: 'place', place: 'Rom 2' },
      chair: { staffId: 'staff', serviceId: 'hs' },
      invitedServices: ['bh'],
      invitedGuardians: [id()],
      invitedYouth: [],
      agenda: [{ itemId: id(), text: 'x' }],
    }),
    staffCase(meetingDtos.AddAgendaItemDto, `${MT}/agenda`, { itemId: id(), text: 'x' }),
    staffCase(meetingDtos.RescheduleMeetingDto, `${MT}/reschedule`, {
      startsAt: '2026-12-10T09:00:00+01:00',
      durationMinutes: 60,
      location: { kind: 'video', link: 'https://video.example.no/m/1' },
    }),
    staffCase(meetingDtos.CancelMeetingDto, `${MT}/cancel`, { reason: 'Syk' }),
    staffCase(meetingDtos.StartMeetingDto, `${MT}/start`, {
      attendance: [{ kind: 'guardian', guardianId: id(), mode: 'present' }],
    }),
    staffCase(meetingDtos.GuardianStatementDto, `${MT}/guardian-statements`, {
      speakers: [id()],
      text: 'x',
    }),
    staffCase(meetingDtos.TextDto, `${MT}/perspectives`, { text: 'x' }),
    staffCase(meetingDtos.ChildsVoiceDto, `${MT}/childs-voice`, { heard: true, text: 'x' }),
    {
      ...staffCase(meetingDtos.MeetingDecisionDto, `${MT}/decisions`, {
        decisionId: id(),
        kind: 'measure',
        text: 'x',
        responsibleStaffId: 'staff',
        responsibleServiceId: 'hs',
        deadline: '2026-12-17',
        logId: id(),
        goal: 'g',
        startDate: '2026-12-07',
        evaluationDate: '2027-01-18',
        initiativeId: 'fam',
        formalDecision: { serviceId: 'nav', reference: 'NAV 1' },
      }),
      // Each kind's own fields go with it alone: an arena with a referral, a level with a change …
      validFor: {
        arenaId: decisionOf('referral', { arenaId: id() }),
        level: decisionOf('level_change', { logId: id(), level: 3 }),
        to: decisionOf('stafettholder', { logId: id(), to: { staffId: 's', serviceId: 'hs' } }),
        serviceId: decisionOf('samordningsansvar', { logId: id(), serviceId: 'hs' }),
      },
    },
    staffCase(meetingDtos.EvaluateMeetingDto, `${MT}/evaluations`, {
      ...scores,
      guardianId: id(),
      comment: 'c',
    }),
    staffCase(meetingDtos.EndMeetingDto, `${MT}/end`, { nextMeetingDate: '2027-01-14' }),
    staffCase(meetingDtos.EttermoteDto, `${MT}/ettermote`, {
      confidentialityReminded: true,
      formAndContent: 4,
      chairSteering: 4,
      teamSupport: 4,
      equalDialogue: 4,
      childsVoiceHeard: 'yes',
      learned: 'l',
    }),
    staffCase(meetingDtos.ResolveFollowUpDto, `${MT}/decisions/${id()}/follow-up/resolve`, {
      note: 'n',
    }),
  ];
}

function teamAndProgrammeCases(): Case[] {
  const A = `/arenas/${id()}`;
  const P = `/programme/${M}`;
  const arena = {
    kind: 'kompetanseteam',
    name: 'KT',
    mandate: 'm',
    intakeCriteria: 'c',
    memberServices: ['hs'],
    meetingRhythm: 'r',
    acceptsCitizenReferrals: false,
  };
  const money = { year: 2026, scheme: 'kap-231-post-63', amountNok: 100 };
  return [
    {
      dto: arenaDtos.EstablishArenaDto,
      method: 'post',
      path: '/arenas',
      as: 'admin',
      valid: { arenaId: id(), ...arena },
    },
    { dto: arenaDtos.ArenaDescriptionDto, method: 'put', path: A, as: 'admin', valid: arena },
    {
      dto: arenaDtos.ReferCaseDto,
      method: 'post',
      path: `${A}/referrals`,
      as: 'staff',
      valid: { referralId: id(), familyId: id(), logId: id(), reason: 'r' },
    },
    {
      dto: arenaDtos.AcceptReferralDto,
      method: 'post',
      path: `${A}/referrals/${id()}/accept`,
      as: 'staff',
      valid: { note: 'n' },
    },
    {
      dto: arenaDtos.DeclineReferralDto,
      method: 'post',
      path: `${A}/referrals/${id()}/decline`,
      as: 'staff',
      valid: { reason: 'r', redirectToArenaId: id(), advice: 'a' },
    },
    {
      dto: discussionDtos.OpenDiscussionDto,
      method: 'post',
      path: '/discussions',
      as: 'staff',
      valid: {
        discussionId: id(),
        arenaId: id(),
        ageBand: '6-12',
        themes: ['wellbeing'],
        servicesInvolved: ['hs'],
        question: 'q',
      },
    },
    {
      dto: discussionDtos.AdviseDto,
      method: 'post',
      path: `/discussions/${id()}/advice`,
      as: 'staff',
      valid: { advice: 'a', outcome: 'advice_only' },
    },
    {
      dto: programmeDtos.RegisterInitiativeDto,
      method: 'post',
      path: `${P}/initiatives`,
      as: 'admin',
      valid: {
        initiativeId: 'fam',
        name: 'n',
        purpose: 'p',
        targetGroup: 't',
        serviceIds: ['hs'],
        sectors: ['nav'],
        evaluationMethod: 'e',
        status: 'planned',
      },
    },
    {
      dto: programmeDtos.ChangeInitiativeStatusDto,
      method: 'post',
      path: `${P}/initiatives/fam/status`,
      as: 'admin',
      valid: { status: 'piloting', note: 'n' },
    },
    {
      dto: programmeDtos.AddEvaluationReportDto,
      method: 'post',
      path: `${P}/initiatives/fam/reports`,
      as: 'admin',
      valid: { reportId: id(), title: 't', reference: 'r', publishedOn: '2025-01-01' },
    },
    {
      dto: programmeDtos.AllocateGrantDto,
      method: 'post',
      path: `${P}/allocations`,
      as: 'admin',
      valid: { allocationId: id(), ...money },
    },
    {
      dto: programmeDtos.CommitFundsDto,
      method: 'post',
      path: `${P}/commitments`,
      as: 'admin',
      valid: { commitmentId: id(), initiativeId: 'fam', ...money },
    },
    {
      dto: programmeDtos.MarkBaselineDto,
      method: 'post',
      path: `${P}/baseline`,
      as: 'admin',
      valid: { date: '2026-01-01', note: 'n' },
    },
  ];
}

function fieldsOf(dto: DtoClass): FieldRule[] {
  const metadata = getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false);
  const fields = new Map<string, boolean>();
  for (const m of metadata) {
    const optional = m.type === 'conditionalValidation';
    fields.set(m.propertyName, (fields.get(m.propertyName) ?? false) || optional);
  }
  return [...fields].map(([field, optional]) => ({ field, optional }));
}

function fieldProblems(res: ApiResponse): string[] {
  return ((res.body.fields as { field: string }[] | undefined) ?? []).map((f) => f.field);
}

describe('every DTO field is validated: 400 naming the field, nothing written', () => {
  let t: TestApp;
  const clients: Record<Case['as'], ApiClient> = {} as never;
  beforeAll(async () => {
    t = await startTestApp();
    clients.admin = await ApiClient.as(t, { subject: 'admin', role: 'admin', municipalityId: M });
    [clients.staff] = await registeredStaff(t, M, [{ subject: 'staff', serviceId: 'hs' }]);
    clients.guardian = await ApiClient.as(t, { subject: 'idp|m', role: 'guardian' });
  });
  afterAll(() => t.close());

  const rows = CASES.flatMap((c) => [...fieldsOf(c.dto).map((rule) => ({ ...c, rule }))]);

  it.each(
    rows.map(
      (row) =>
        [
          `${row.method.toUpperCase()} ${row.path.replace(/[0-9a-f-]{36}/g, ':id')} ${row.rule.field}`,
          row,
        ] as const,
    ),
  )('%s', async (_, row) => {
    const client = clients[row.as];
    const send = (body: Record<string, unknown>) => client[row.method](row.path, body);
    const body = row.validFor?.[row.rule.field] ?? row.valid;
    // The valid body passes validation (it may fail later on a domain rule, never with 400).
    const valid = await send(body);
    expect(valid.status).not.toBe(400);
    // A value of the wrong shape is refused, naming the field.
    const wrong = await send({ ...body, [row.rule.field]: { not: 'valid' } });
    expect(wrong.status).toBe(400);
    expect(
      fieldProblems(wrong).some((f) => f === row.rule.field || f.startsWith(`${row.rule.field}.`)),
    ).toBe(true);
    if (!row.rule.optional) {
      // Undefined is left out of the JSON body (and keeps the client from adding a commandId).
      const res = await send({ ...body, [row.rule.field]: undefined });
      expect(res.status).toBe(400);
      expect(fieldProblems(res)).toContain(row.rule.field);
    }
  });

  it.each(
    CASES.map(
      (c) => [`${c.method.toUpperCase()} ${c.path.replace(/[0-9a-f-]{36}/g, ':id')}`, c] as const,
    ),
  )('%s refuses an unknown field', async (_, c) => {
    const res = await clients[c.as][c.method](c.path, { ...c.valid, sneaky: 'x' });
    expect(res.status).toBe(400);
    expect(fieldProblems(res)).toContain('sneaky');
  });
});
