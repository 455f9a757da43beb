import type { Actor } from '../shared/actor';
import { foldEvents } from '../shared/decider';
import { DEFAULT_HANDLINGSVEILEDER } from '../municipality/municipality';
import { deciderSpec } from '../testing/decider-spec';
import { concernDecider, isConcernOverdue, type ConcernEvent, type ConcernFacts } from './concern';

const staff: Actor = {
  subject: 'staff-1',
  role: 'staff',
  municipalityId: 'vestre-toten',
  serviceId: 'barnehage-solsikken',
};
const facts: ConcernFacts = {
  municipality: {
    municipalityId: 'vestre-toten',
    services: {
      'barnehage-solsikken': {
        serviceId: 'barnehage-solsikken',
        name: 'Solsikken barnehage',
        sector: 'barnehage',
        alsoServes: [],
      },
    },
    handlingsveileder: DEFAULT_HANDLINGSVEILEDER,
  },
  family: {
    familyId: 'f1',
    subjects: {
      c1: {
        subjectId: 'c1',
        kind: 'child',
        identitySubject: null,
        personal: { name: 'Ola', birthDate: '2020-01-01', expectedBirthDate: null },
      },
    },
  },
};
const spec = deciderSpec(concernDecider, {
  by: staff,
  at: '2026-03-02T08:00:00.000Z',
  facts,
});
const note = {
  type: 'NoteConcern',
  concernId: 'k1',
  familyId: 'f1',
  subjectId: 'c1',
  kind: 'undring',
  summary: 'Trøtt og lei seg flere dager',
} as const;
const noted: ConcernEvent = {
  type: 'ConcernNoted',
  data: {
    concernId: 'k1',
    municipalityId: 'vestre-toten',
    familyId: 'f1',
    subjectId: 'c1',
    serviceId: 'barnehage-solsikken',
    kind: 'undring',
    notedBy: 'staff-1',
    notedAt: '2026-03-02T08:00:00.000Z',
    decisionDeadline: '2026-03-16',
    personal: { summary: 'Trøtt og lei seg flere dager' },
  },
};

describe('concern decider (nivå 0)', () => {
  it('notes a concern inside the service with the deadline from the handlingsveileder', () => {
    spec.given([]).when(note).then([noted]);
  });

  it('records talks with a colleague, the leader, the child and the guardians', () => {
    spec
      .given([noted])
      .when(
        {
          type: 'RecordConcernTalk',
          with: 'guardians',
          heldOn: '2026-03-03',
          summary: 'Foreldre bekymret også',
        },
        { at: '2026-03-03T12:00:00.000Z' },
      )
      .then([
        {
          type: 'ConcernTalkRecorded',
          data: {
            with: 'guardians',
            heldOn: '2026-03-03',
            recordedBy: 'staff-1',
            personal: { summary: 'Foreldre bekymret også' },
          },
        },
      ]);
  });

  it('decides within the deadline', () => {
    spec
      .given([noted])
      .when(
        {
          type: 'DecideConcern',
          outcome: 'involve_others',
          reason: 'Trenger helsestasjon',
          lateReason: null,
        },
        { at: '2026-03-16T15:00:00.000Z' },
      )
      .then([
        {
          type: 'ConcernDecided',
          data: {
            outcome: 'involve_others',
            decidedBy: 'staff-1',
            decidedAt: '2026-03-16T15:00:00.000Z',
            late: false,
            personal: { reason: 'Trenger helsestasjon', lateReason: null },
          },
        },
      ]);
  });

  it('refuses a late decision without a reason, and records one with a reason as late', () => {
    const late = {
      type: 'DecideConcern',
      outcome: 'closed',
      reason: 'Ok nå',
    } as const;
    const lateAt = { at: '2026-03-17T09:00:00.000Z' };
    spec
      .given([noted])
      .when({ ...late, lateReason: null }, lateAt)
      .thenFails('CONCERN_DEADLINE_PASSED');
    const [event] = spec
      .given([noted])
      .when({ ...late, lateReason: 'Sykdom i personalgruppa' }, lateAt)
      .events();
    expect(event.type === 'ConcernDecided' && event.data.late).toBe(true);
  });

  const talk = (heldOn: string) =>
    ({ type: 'RecordConcernTalk', with: 'leader', heldOn, summary: 's' }) as const;
  const decided: ConcernEvent = {
    type: 'ConcernDecided',
    data: {
      outcome: 'closed',
      decidedBy: 's',
      decidedAt: '2026-03-03T00:00:00.000Z',
      late: false,
      personal: { reason: 'r', lateReason: null },
    },
  };
  const at = { at: '2026-03-04T10:00:00.000Z' };
  it.each([
    ['a second decision', [noted, decided], talk('2026-03-04'), at, 'CONCERN_ALREADY_DECIDED'],
    ['a talk dated in the future', [noted], talk('2026-03-09'), at, 'TALK_IN_FUTURE'],
    ['a talk on an impossible date', [noted], talk('2026-02-30'), at, 'INVALID_DATE'],
    ['a talk in 1900', [noted], talk('1900-01-01'), at, 'INVALID_DATE'],
    [
      'a talk about nothing',
      [noted],
      { ...talk('2026-03-03'), summary: '\u00a0\u00ad' },
      at,
      'SUMMARY_REQUIRED',
    ],
    [
      'a decision without a reason',
      [noted],
      { type: 'DecideConcern', outcome: 'closed', reason: '  \u200b', lateReason: null },
      at,
      'REASON_REQUIRED',
    ],
    ['a concern without a summary', [], { ...note, summary: '  ' }, {}, 'SUMMARY_REQUIRED'],
    ['a concern noted twice', [noted], note, {}, 'CONCERN_EXISTS'],
    [
      'a concern about a family the staff may not know',
      [],
      note,
      { facts: { ...facts, family: null } },
      'FAMILY_NOT_FOUND',
    ],
    [
      'a concern about someone not in the family',
      [],
      { ...note, subjectId: 'c9' },
      {},
      'SUBJECT_NOT_FOUND',
    ],
    [
      'a concern in a municipality not enrolled',
      [],
      note,
      { facts: { ...facts, municipality: null } },
      'MUNICIPALITY_NOT_ENROLLED',
    ],
    [
      'a concern by an unregistered service',
      [],
      note,
      { by: { ...staff, serviceId: 'skole' } },
      'SERVICE_NOT_REGISTERED',
    ],
    [
      'a concern noted by a guardian',
      [],
      note,
      { by: { ...staff, role: 'guardian', serviceId: null } },
      'SERVICE_REQUIRED',
    ],
    [
      'an unknown concern',
      [],
      { type: 'DecideConcern', outcome: 'closed', reason: 'r', lateReason: null },
      at,
      'CONCERN_NOT_FOUND',
    ],
  ] as const)('refuses %s', (_, history, command, given, code) => {
    spec
      .given([...history])
      .when(command, given)
      .thenFails(code);
  });

  it('shows an undecided concern past its deadline as overdue', () => {
    const state = foldEvents(concernDecider, [noted]);
    if (state.status === 'none') throw new Error('noted');
    expect(isConcernOverdue(state, '2026-03-16')).toBe(false);
    expect(isConcernOverdue(state, '2026-03-17')).toBe(true);
  });
});
