import { deciderSpec } from '../testing/decider-spec';
import { concernDecider, isConcernOverdue, type ConcernEvent } from './concern';
import { foldEvents } from '../shared/decider';

const spec = deciderSpec(concernDecider);
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
const by = { by: 'staff-1', byServiceId: 'barnehage-solsikken', byMunicipalityId: 'vestre-toten' };

describe('concern decider (nivå 0)', () => {
  it('notes a concern inside the service with the deadline from the handlingsveileder', () => {
    spec
      .given([])
      .when({
        type: 'NoteConcern',
        concernId: 'k1',
        municipalityId: 'vestre-toten',
        familyId: 'f1',
        subjectId: 'c1',
        serviceId: 'barnehage-solsikken',
        kind: 'undring',
        summary: 'Trøtt og lei seg flere dager',
        by: 'staff-1',
        at: '2026-03-02T08:00:00.000Z',
        decisionDeadlineDays: 14,
      })
      .then([noted]);
  });

  it('records talks with a colleague, the leader, the child and the guardians', () => {
    spec
      .given([noted])
      .when({
        type: 'RecordConcernTalk',
        with: 'guardians',
        heldOn: '2026-03-03',
        summary: 'Foreldre bekymret også',
        ...by,
        at: '2026-03-03T12:00:00.000Z',
      })
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
      .when({
        type: 'DecideConcern',
        outcome: 'involve_others',
        reason: 'Trenger helsestasjon',
        lateReason: null,
        ...by,
        at: '2026-03-16T15:00:00.000Z',
      })
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
      ...by,
      at: '2026-03-17T09:00:00.000Z',
    } as const;
    spec
      .given([noted])
      .when({ ...late, lateReason: null })
      .thenFails('CONCERN_DEADLINE_PASSED');
    const [event] = spec
      .given([noted])
      .when({ ...late, lateReason: 'Sykdom i personalgruppa' })
      .events();
    expect(event.type === 'ConcernDecided' && event.data.late).toBe(true);
  });

  it.each([
    [
      'a second decision',
      [
        noted,
        {
          type: 'ConcernDecided',
          data: {
            outcome: 'closed',
            decidedBy: 's',
            decidedAt: '2026-03-03T00:00:00.000Z',
            late: false,
            personal: { reason: 'r', lateReason: null },
          },
        },
      ],
      {
        type: 'RecordConcernTalk',
        with: 'leader',
        heldOn: '2026-03-04',
        summary: 's',
        ...by,
        at: '2026-03-04T10:00:00.000Z',
      },
      'CONCERN_ALREADY_DECIDED',
    ],
    [
      'another service acting on it',
      [noted],
      {
        type: 'RecordConcernTalk',
        with: 'leader',
        heldOn: '2026-03-04',
        summary: 's',
        by: 'x',
        byServiceId: 'skole',
        byMunicipalityId: 'vestre-toten',
        at: '2026-03-04T10:00:00.000Z',
      },
      'CONCERN_NOT_FOUND',
    ],
    [
      'the same service id of another municipality acting on it',
      [noted],
      {
        type: 'RecordConcernTalk',
        with: 'leader',
        heldOn: '2026-03-04',
        summary: 's',
        by: 'x',
        byServiceId: 'barnehage-solsikken',
        byMunicipalityId: 'siljan',
        at: '2026-03-04T10:00:00.000Z',
      },
      'CONCERN_NOT_FOUND',
    ],
    [
      'a talk dated in the future',
      [noted],
      {
        type: 'RecordConcernTalk',
        with: 'leader',
        heldOn: '2026-03-09',
        summary: 's',
        ...by,
        at: '2026-03-04T10:00:00.000Z',
      },
      'TALK_IN_FUTURE',
    ],
    [
      'a concern without a summary',
      [],
      {
        type: 'NoteConcern',
        concernId: 'k1',
        municipalityId: 'm',
        familyId: 'f',
        subjectId: 'c',
        serviceId: 's',
        kind: 'undring',
        summary: '  ',
        by: 'x',
        at: '2026-03-02T08:00:00.000Z',
        decisionDeadlineDays: 14,
      },
      'SUMMARY_REQUIRED',
    ],
    [
      'an unknown concern',
      [],
      {
        type: 'DecideConcern',
        outcome: 'closed',
        reason: 'r',
        lateReason: null,
        ...by,
        at: '2026-03-04T10:00:00.000Z',
      },
      'CONCERN_NOT_FOUND',
    ],
  ] as const)('refuses %s', (_, given, command, code) => {
    spec
      .given([...given] as ConcernEvent[])
      .when(command)
      .thenFails(code);
  });

  it('shows an undecided concern past its deadline as overdue', () => {
    const state = foldEvents(concernDecider, [noted]);
    if (state.status === 'none') throw new Error('noted');
    expect(isConcernOverdue(state, '2026-03-16')).toBe(false);
    expect(isConcernOverdue(state, '2026-03-17')).toBe(true);
  });
});
