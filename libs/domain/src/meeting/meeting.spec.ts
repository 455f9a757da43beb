import {
  meetingRescheduledFromVersion1,
  meetingScheduledFromVersion1,
  type MeetingEvent,
  type MeetingFacts,
  type RecordMeetingDecision,
} from '.';
import {
  attendance,
  bv,
  decide,
  kari,
  log1,
  meetingFacts,
  mother,
  nav,
  per,
  schedule,
  spec,
  startedMeeting,
  STARTS_AT,
  stranger,
} from '../testing/meeting-fixtures';

const scheduled = decide([], schedule());
const withLog = (changes: Partial<typeof log1>): MeetingFacts => ({
  ...meetingFacts,
  logs: { l1: { ...log1, ...changes } },
});
const withdrawnFacts = withLog({
  consents: log1.consents.map((c) => ({ ...c, status: 'withdrawn' as const })),
});
const heard = (history: MeetingEvent[]) => [
  ...history,
  ...decide(history, { type: 'RecordGuardianStatement', speakers: ['g1'], text: 'Vi er slitne' }),
];
const decision = (overrides: Partial<RecordMeetingDecision> = {}): RecordMeetingDecision => ({
  type: 'RecordMeetingDecision',
  decisionId: 'd1',
  details: {
    kind: 'measure',
    logId: 'l1',
    startDate: '2026-04-01',
    evaluationDate: null,
    initiativeId: null,
  },
  text: 'Foreldreveiledning fra helsestasjonen',
  goal: 'Tryggere hverdag hjemme',
  responsible: { staffId: 'kari', serviceId: 'helsestasjon' },
  deadline: '2026-04-01',
  formalDecision: null,
  ...overrides,
});

describe('scheduling a samordningsmøte', () => {
  it('invites services inside the consent and the guardians, with the chair and an agenda', () => {
    expect(scheduled).toEqual([
      {
        type: 'MeetingScheduled',
        data: {
          meetingId: 'm1',
          municipalityId: 'vestre-toten',
          familyId: 'f1',
          logIds: ['l1'],
          startsAt: STARTS_AT,
          durationMinutes: 60,
          locationKind: 'place',
          chair: { staffId: 'koord', serviceId: 'helsestasjon' },
          invitedServices: ['barnehage', 'barnevern'],
          hiddenServices: ['barnevern'],
          invitedGuardians: ['g1', 'g2'],
          invitedYouth: [],
          scheduledBy: { staffId: 'koord', serviceId: 'helsestasjon' },
          at: '2026-03-20T10:00:00.000Z',
          personal: {
            agenda: [{ itemId: 'a1', text: 'Hvordan har Ola det i barnehagen?' }],
            location: { place: 'Raufoss helsestasjon, møterom 2', link: null },
          },
        },
      },
    ]);
  });

  it('stores the time in UTC, whatever offset it was sent with', () => {
    const [event] = decide([], schedule({ startsAt: '2026-03-20T14:00:00+01:00' }));
    expect((event.data as { startsAt: string }).startsAt).toBe(STARTS_AT);
  });

  it.each([
    ['the id is taken', scheduled, schedule(), {}, 'MEETING_EXISTS'],
    ['a guardian schedules', [], schedule(), { by: mother }, 'SERVICE_REQUIRED'],
    ['the log is unknown', [], schedule({ logIds: ['l9'] }), {}, 'STAFETTLOGG_NOT_FOUND'],
    [
      'the logs are of two families',
      [],
      schedule({ logIds: ['l1', 'l2'] }),
      {
        facts: {
          ...meetingFacts,
          logs: { l1: log1, l2: { ...log1, logId: 'l2', familyId: 'f2' } },
        },
      },
      'LOGS_OF_ONE_FAMILY',
    ],
    ['the log is closed', [], schedule(), { facts: withLog({ status: 'closed' }) }, 'LOG_NOT_OPEN'],
    ['the consent is withdrawn', [], schedule(), { facts: withdrawnFacts }, 'CONSENT_REQUIRED'],
    [
      'an invited service is outside the consent',
      [],
      schedule({ invitedServices: ['nav'] }),
      {},
      'OUTSIDE_CONSENT_SCOPE',
    ],
    ['the scheduler is outside it', [], schedule(), { by: nav }, 'OUTSIDE_CONSENT_SCOPE'],
    [
      'an invited service does not exist',
      [],
      schedule({ invitedServices: ['x'] }),
      {},
      'UNKNOWN_SERVICE',
    ],
    [
      'the chair is not in the register',
      [],
      schedule({ chair: { staffId: 'nobody', serviceId: 'helsestasjon' } }),
      {},
      'UNKNOWN_STAFF',
    ],
    [
      'the chair takes part hidden',
      [],
      schedule({ chair: { staffId: 'bv1', serviceId: 'barnevern' } }),
      {},
      'HIDDEN_SERVICE_CANNOT_HOLD',
    ],
    [
      'a guardian is not the family’s',
      [],
      schedule({ invitedGuardians: ['g9'] }),
      {},
      'GUARDIAN_NOT_FOUND',
    ],
    [
      'a young person is not a log’s',
      [],
      schedule({ invitedYouth: ['c9'] }),
      {},
      'SUBJECT_NOT_FOUND',
    ],
    [
      'the time is yesterday',
      [],
      schedule({ startsAt: '2026-03-19T09:00:00Z' }),
      {},
      'MEETING_IN_PAST',
    ],
    ['the time is not a time', [], schedule({ startsAt: '2026-02-30T25:00' }), {}, 'INVALID_TIME'],
    [
      'the time is years ahead',
      [],
      schedule({ startsAt: '2030-01-01T09:00:00Z' }),
      {},
      'INVALID_TIME',
    ],
    ['it lasts five minutes', [], schedule({ durationMinutes: 5 }), {}, 'INVALID_DURATION'],
    [
      'the place is blank',
      [],
      schedule({ location: { kind: 'place', place: '  ' } }),
      {},
      'TEXT_REQUIRED',
    ],
    [
      'two agenda items share an id',
      [],
      schedule({
        agenda: [
          { itemId: 'a', text: 'x' },
          { itemId: 'a', text: 'y' },
        ],
      }),
      {},
      'AGENDA_ITEM_EXISTS',
    ],
  ] as const)('is refused when %s', (_, history, command, given, code) => {
    spec.given(history).when(command, given).thenFails(code);
  });

  it('lets the family add to the agenda before the meeting, not after it starts', () => {
    const [added] = decide(
      scheduled,
      { type: 'AddAgendaItem', itemId: 'a2', text: 'Søvn' },
      { by: mother },
    );
    expect(added).toMatchObject({
      type: 'AgendaItemAdded',
      data: { itemId: 'a2', addedBy: { kind: 'guardian', guardianId: 'g1' } },
    });
    spec
      .given(startedMeeting())
      .when({ type: 'AddAgendaItem', itemId: 'a3', text: 'x' }, { by: mother })
      .thenFails('MEETING_ALREADY_STARTED');
    spec
      .given(scheduled)
      .when({ type: 'AddAgendaItem', itemId: 'a1', text: 'x' }, { by: mother })
      .thenFails('AGENDA_ITEM_EXISTS');
    spec
      .given(scheduled)
      .when({ type: 'AddAgendaItem', itemId: 'a4', text: 'x' }, { by: stranger })
      .thenFails('MEETING_NOT_FOUND');
  });

  it('is rescheduled and cancelled by the chair only, with a reason', () => {
    const moved = {
      type: 'RescheduleMeeting',
      startsAt: '2026-03-27T09:00:00Z',
      durationMinutes: 90,
      location: { kind: 'video', link: null },
    } as const;
    expect(decide(scheduled, moved)[0]).toEqual({
      type: 'MeetingRescheduled',
      data: {
        startsAt: '2026-03-27T09:00:00.000Z',
        durationMinutes: 90,
        locationKind: 'video',
        by: { staffId: 'koord', serviceId: 'helsestasjon' },
        at: expect.any(String),
        personal: { location: { place: null, link: null } },
      },
    });
    spec.given(scheduled).when(moved, { by: per }).thenFails('NOT_CHAIR');
    spec.given(scheduled).when({ type: 'CancelMeeting', reason: ' ' }).thenFails('REASON_REQUIRED');
    const cancelled = [
      ...scheduled,
      ...decide(scheduled, { type: 'CancelMeeting', reason: 'Sykdom' }),
    ];
    spec
      .given(cancelled)
      .when({ type: 'StartMeeting', attendance: attendance() })
      .thenFails('MEETING_CANCELLED');
  });

  it('is called off by its chair once the consent is withdrawn, which it shares nothing by', () => {
    const cancel = { type: 'CancelMeeting', reason: 'Samtykket er trukket' } as const;
    expect(decide(scheduled, cancel, { facts: withdrawnFacts })[0].type).toBe('MeetingCancelled');
    spec.given(scheduled).when(cancel, { by: per, facts: withdrawnFacts }).thenFails('NOT_CHAIR');
    spec.given(scheduled).when(cancel, { by: nav, facts: withdrawnFacts }).thenFails('NOT_INVITED');
    spec
      .given(scheduled)
      .when({ type: 'StartMeeting', attendance: attendance() }, { facts: withdrawnFacts })
      .thenFails('CONSENT_REQUIRED');
  });
});

describe('starting the meeting with attendance', () => {
  it('records each person’s way of taking part, and decision authority only for those there', () => {
    const [started] = decide(scheduled, {
      type: 'StartMeeting',
      attendance: attendance().map((p) =>
        p.kind === 'staff' && p.serviceId === 'barnehage'
          ? { ...p, mode: 'absent', decisionAuthority: true }
          : p,
      ),
    });
    expect(started.type).toBe('MeetingStarted');
    const barnehage = (
      started.data as {
        attendance: { kind: string; serviceId?: string; decisionAuthority?: boolean }[];
      }
    ).attendance.find((p) => p.serviceId === 'barnehage');
    expect(barnehage?.decisionAuthority).toBe(false);
  });

  it.each([
    [
      'an invited guardian is left out',
      attendance().filter((p) => !(p.kind === 'guardian' && p.guardianId === 'g2')),
      'INVALID_ATTENDANCE',
    ],
    ['a person is listed twice', [...attendance(), attendance()[0]], 'INVALID_ATTENDANCE'],
    [
      'an invited guardian is "not invited"',
      attendance().map((p) => (p.kind === 'guardian' ? { ...p, mode: 'not_invited' as const } : p)),
      'INVALID_ATTENDANCE',
    ],
    [
      'the chair is absent',
      attendance().map((p) =>
        p.kind === 'staff' && p.staffId === 'koord' ? { ...p, mode: 'absent' as const } : p,
      ),
      'CHAIR_MUST_ATTEND',
    ],
    [
      'a service was not invited',
      [
        ...attendance(),
        {
          kind: 'staff' as const,
          staffId: 'x',
          serviceId: 'nav',
          mode: 'present' as const,
          decisionAuthority: false,
        },
      ],
      'NOT_INVITED',
    ],
    [
      'a guardian is not the family’s',
      [...attendance(), { kind: 'guardian' as const, guardianId: 'g9', mode: 'present' as const }],
      'GUARDIAN_NOT_FOUND',
    ],
  ])('is refused when %s', (_, people, code) => {
    spec.given(scheduled).when({ type: 'StartMeeting', attendance: people }).thenFails(code);
  });

  it('starts on its day, by the chair', () => {
    const later = decide([], schedule({ startsAt: '2026-03-27T09:00:00Z' }));
    spec
      .given(later)
      .when({ type: 'StartMeeting', attendance: attendance() })
      .thenFails('MEETING_NOT_DUE');
    spec
      .given(scheduled)
      .when({ type: 'StartMeeting', attendance: attendance() }, { by: kari })
      .thenFails('NOT_CHAIR');
    spec
      .given(startedMeeting())
      .when({ type: 'StartMeeting', attendance: attendance() })
      .thenFails('MEETING_ALREADY_STARTED');
  });
});

describe('the guardians have the word first', () => {
  const perspective = { type: 'RecordServicePerspective', text: 'Ola leker mest alene' } as const;

  it('refuses a service’s perspective, a shared understanding and a decision before them', () => {
    const started = startedMeeting();
    spec.given(started).when(perspective, { by: per }).thenFails('GUARDIAN_SPEAKS_FIRST');
    spec
      .given(started)
      .when({ type: 'RecordSharedUnderstanding', text: 'x' })
      .thenFails('GUARDIAN_SPEAKS_FIRST');
    spec.given(started).when(decision()).thenFails('GUARDIAN_SPEAKS_FIRST');
  });

  it('takes the services’ word once the guardians have spoken, or when none attends', () => {
    expect(decide(heard(startedMeeting()), perspective, { by: per })[0]).toMatchObject({
      type: 'ServicePerspectiveRecorded',
      data: { serviceId: 'barnehage' },
    });
    expect(decide(startedMeeting('absent'), perspective, { by: per })[0].type).toBe(
      'ServicePerspectiveRecorded',
    );
  });

  it('records what a guardian said, by the guardian or the chair, only for guardians there', () => {
    const started = startedMeeting();
    expect(
      decide(
        started,
        { type: 'RecordGuardianStatement', speakers: [], text: 'Vi trenger hjelp' },
        {
          by: mother,
        },
      )[0],
    ).toMatchObject({ data: { speakers: ['g1'], recordedBy: { kind: 'guardian' } } });
    spec
      .given(started)
      .when({ type: 'RecordGuardianStatement', speakers: ['g2'], text: 'x' })
      .thenFails('NOT_ATTENDING');
    spec
      .given(started)
      .when({ type: 'RecordGuardianStatement', speakers: ['g1'], text: ' ' })
      .thenFails('TEXT_REQUIRED');
    spec
      .given(scheduled)
      .when({ type: 'RecordGuardianStatement', speakers: ['g1'], text: 'x' })
      .thenFails('MEETING_NOT_STARTED');
  });

  it('takes a perspective only from a service at the table, inside the consent now', () => {
    const started = heard(startedMeeting());
    spec.given(started).when(perspective, { by: nav }).thenFails('NOT_INVITED');
    spec
      .given(started)
      .when(perspective, { by: per, facts: withdrawnFacts })
      .thenFails('CONSENT_REQUIRED');
    spec
      .given(started)
      .when({ ...perspective, text: '' }, { by: per })
      .thenFails('TEXT_REQUIRED');
  });
});

describe('the child’s voice, decisions, the end', () => {
  const voice = {
    type: 'RecordChildsVoice',
    heard: true,
    text: 'Vil gå i barnehagen',
    reasonNotHeard: null,
  } as const;

  it('records the child’s voice once, or why it was not heard', () => {
    const started = startedMeeting();
    expect(decide(started, voice)[0].type).toBe('ChildsVoiceRecorded');
    spec
      .given(started)
      .when({ ...voice, text: null })
      .thenFails('TEXT_REQUIRED');
    spec
      .given(started)
      .when({ ...voice, heard: false, text: null, reasonNotHeard: '' })
      .thenFails('REASON_REQUIRED');
    const recorded = [...started, ...decide(started, voice)];
    spec.given(recorded).when(voice).thenFails('CHILD_VOICE_RECORDED');
  });

  it('records a decision of every kind, with a responsible person and a deadline', () => {
    const started = heard(startedMeeting());
    const kinds: RecordMeetingDecision['details'][] = [
      {
        kind: 'measure',
        logId: 'l1',
        startDate: '2026-04-01',
        evaluationDate: '2026-05-15',
        initiativeId: 'i1',
      },
      { kind: 'level_change', logId: 'l1', level: 3 },
      { kind: 'stafettholder', logId: 'l1', to: { staffId: 'per', serviceId: 'barnehage' } },
      { kind: 'samordningsansvar', logId: 'l1', serviceId: 'barnehage' },
      { kind: 'referral', arenaId: null },
      { kind: 'other' },
    ];
    for (const details of kinds) {
      const [event] = decide(started, decision({ details }));
      expect(event).toMatchObject({ type: 'MeetingDecisionRecorded', data: { details } });
    }
    // A referral names an arena of the meeting's municipality that is established.
    const toArena = decision({ details: { kind: 'referral', arenaId: 'ressursteam' } });
    const here = { arenaId: 'ressursteam', municipalityId: 'vestre-toten' };
    expect(
      decide(started, toArena, { facts: { ...meetingFacts, referralArena: here } })[0],
    ).toMatchObject({ data: { details: { kind: 'referral', arenaId: 'ressursteam' } } });
    for (const referralArena of [null, { ...here, municipalityId: 'bamble' }])
      spec
        .given(started)
        .when(toArena, { facts: { ...meetingFacts, referralArena } })
        .thenFails('UNKNOWN_ARENA');
    const [formal] = decide(
      started,
      decision({ formalDecision: { serviceId: 'barnehage', reference: 'Visma 2026/77' } }),
    );
    expect(formal.data).toMatchObject({
      formalDecision: { serviceId: 'barnehage', reference: 'Visma 2026/77' },
    });
  });

  it.each([
    ['the id is taken', decision(), 'DECISION_EXISTS', true],
    ['the plain words are missing', decision({ text: '' }), 'TEXT_REQUIRED', false],
    ['a measure has no goal', decision({ goal: null }), 'TEXT_REQUIRED', false],
    [
      'the responsible service is not at the meeting',
      decision({ responsible: { staffId: 'x', serviceId: 'nav' } }),
      'RESPONSIBLE_NOT_INVITED',
      false,
    ],
    [
      'the responsible person is not in the register',
      decision({ responsible: { staffId: 'ghost', serviceId: 'barnehage' } }),
      'UNKNOWN_STAFF',
      false,
    ],
    ['the deadline has passed', decision({ deadline: '2026-03-01' }), 'INVALID_DEADLINE', false],
    ['the deadline is no date', decision({ deadline: '2026-02-30' }), 'INVALID_DEADLINE', false],
    [
      'the log is not the meeting’s',
      decision({ details: { kind: 'level_change', logId: 'l9', level: 2 } }),
      'LOG_NOT_IN_MEETING',
      false,
    ],
    [
      'the level does not exist',
      decision({ details: { kind: 'level_change', logId: 'l1', level: 0 } }),
      'INVALID_LEVEL',
      false,
    ],
    [
      'the baton goes to a hidden service',
      decision({
        details: {
          kind: 'stafettholder',
          logId: 'l1',
          to: { staffId: 'bv1', serviceId: 'barnevern' },
        },
      }),
      'HIDDEN_SERVICE_CANNOT_HOLD',
      false,
    ],
    [
      'samordningsansvar goes to a service outside the log',
      decision({ details: { kind: 'samordningsansvar', logId: 'l1', serviceId: 'nav' } }),
      'DECISION_DETAILS_INVALID',
      false,
    ],
    [
      'a measure starts in 1900',
      decision({
        details: {
          kind: 'measure',
          logId: 'l1',
          startDate: '1900-01-01',
          evaluationDate: null,
          initiativeId: null,
        },
      }),
      'INVALID_DATE',
      false,
    ],
    [
      'a measure ends before it starts',
      decision({
        details: {
          kind: 'measure',
          logId: 'l1',
          startDate: '2026-04-01',
          evaluationDate: '2026-03-01',
          initiativeId: null,
        },
      }),
      'INVALID_DATE',
      false,
    ],
    [
      'a formal decision has no reference',
      decision({ formalDecision: { serviceId: 'barnehage', reference: '' } }),
      'TEXT_REQUIRED',
      false,
    ],
  ])('refuses a decision when %s', (_, command, code, twice) => {
    const started = heard(startedMeeting());
    const history = twice ? [...started, ...decide(started, decision())] : started;
    spec.given(history).when(command).thenFails(code);
  });

  it('takes decisions from the chair only', () => {
    spec.given(heard(startedMeeting())).when(decision(), { by: per }).thenFails('NOT_CHAIR');
  });

  it('ends only once the child’s voice is recorded, with a later next meeting', () => {
    const started = heard(startedMeeting());
    spec
      .given(started)
      .when({ type: 'EndMeeting', nextMeetingDate: null })
      .thenFails('CHILD_VOICE_MISSING');
    const voiced = [...started, ...decide(started, voice)];
    spec
      .given(voiced)
      .when({ type: 'EndMeeting', nextMeetingDate: '2026-03-20' })
      .thenFails('INVALID_NEXT_MEETING_DATE');
    expect(decide(voiced, { type: 'EndMeeting', nextMeetingDate: '2026-05-01' })).toEqual([
      {
        type: 'MeetingEnded',
        data: {
          nextMeetingDate: '2026-05-01',
          by: { staffId: 'koord', serviceId: 'helsestasjon' },
          at: '2026-03-20T10:00:00.000Z',
        },
      },
    ]);
  });

  it('is ended by its chair without the child’s voice once no service may record it', () => {
    const started = heard(startedMeeting());
    const end = { type: 'EndMeeting', nextMeetingDate: null } as const;
    expect(decide(started, end, { facts: withdrawnFacts })[0].type).toBe('MeetingEnded');
    expect(decide(started, end, { facts: withLog({ status: 'closed' }) })[0].type).toBe(
      'MeetingEnded',
    );
    spec.given(started).when(end, { by: per, facts: withdrawnFacts }).thenFails('NOT_CHAIR');
    spec.given(started).when(voice, { facts: withdrawnFacts }).thenFails('CONSENT_REQUIRED');
  });
});

describe('after the meeting', () => {
  const voice = {
    type: 'RecordChildsVoice',
    heard: false,
    text: null,
    reasonNotHeard: 'For liten',
  } as const;
  const ended = () => {
    const started = startedMeeting();
    const voiced = [...started, ...decide(started, voice)];
    return [...voiced, ...decide(voiced, { type: 'EndMeeting', nextMeetingDate: null })];
  };
  const evaluation = {
    type: 'EvaluateMeeting',
    guardianId: null,
    coordination: 4,
    beingHeard: 5,
    usefulness: 3,
    comment: 'Godt å bli hørt',
  } as const;
  const ettermote = {
    type: 'RecordEttermote',
    confidentialityReminded: true,
    formAndContent: 4,
    chairSteering: 5,
    teamSupport: 4,
    equalDialogue: 3,
    childsVoiceHeard: 'partly',
    learned: 'Send saksinformasjon før møtet',
  } as const;

  it('takes the family’s evaluation once from each who took part, by themselves or through staff', () => {
    const history = ended();
    expect(decide(history, evaluation, { by: mother })[0]).toMatchObject({
      type: 'MeetingEvaluatedByFamily',
      data: { evaluator: { kind: 'guardian', guardianId: 'g1' }, beingHeard: 5 },
    });
    expect(decide(history, { ...evaluation, guardianId: 'g1' })[0]).toMatchObject({
      data: { evaluator: { guardianId: 'g1' }, recordedBy: { kind: 'staff' } },
    });
    spec.given(history).when(evaluation).thenFails('GUARDIAN_NOT_FOUND');
    spec
      .given(history)
      .when({ ...evaluation, guardianId: 'g2' })
      .thenFails('NOT_ATTENDING');
    spec
      .given(history)
      .when({ ...evaluation, coordination: 6 }, { by: mother })
      .thenFails('INVALID_SCORE');
    const once = [...history, ...decide(history, evaluation, { by: mother })];
    spec.given(once).when(evaluation, { by: mother }).thenFails('EVALUATION_EXISTS');
    spec.given(scheduled).when(evaluation, { by: mother }).thenFails('MEETING_NOT_STARTED');
  });

  it('keeps the ettermøte to staff who took part, once, after the meeting', () => {
    const history = ended();
    expect(decide(history, ettermote, { by: per })[0]).toMatchObject({
      type: 'EttermoteRecorded',
      data: { confidentialityReminded: true, equalDialogue: 3, childsVoiceHeard: 'partly' },
    });
    spec.given(history).when(ettermote, { by: mother }).thenFails('SERVICE_REQUIRED');
    spec.given(history).when(ettermote, { by: kari }).thenFails('NOT_ATTENDING');
    spec.given(startedMeeting()).when(ettermote).thenFails('MEETING_NOT_ENDED');
    spec
      .given(history)
      .when({ ...ettermote, equalDialogue: 0 })
      .thenFails('INVALID_SCORE');
    const once = [...history, ...decide(history, ettermote)];
    spec.given(once).when(ettermote, { by: bv }).thenFails('ETTERMOTE_EXISTS');
  });

  it('takes a comment or a lesson learned left out, never one given blank (TEXT_REQUIRED)', () => {
    const history = ended();
    expect(decide(history, { ...evaluation, comment: null }, { by: mother })[0]).toMatchObject({
      data: { personal: { comment: null } },
    });
    expect(decide(history, { ...ettermote, learned: null }, { by: per })[0]).toMatchObject({
      data: { personal: { learned: null } },
    });
    for (const blank of ['', '   ', '\u200b\u00ad']) {
      spec
        .given(history)
        .when({ ...evaluation, comment: blank }, { by: mother })
        .thenFails('TEXT_REQUIRED');
      spec
        .given(history)
        .when({ ...ettermote, learned: blank }, { by: per })
        .thenFails('TEXT_REQUIRED');
    }
  });

  it('records a follow-up for a decision the log refused, even after consent was withdrawn, for the chair to resolve', () => {
    const started = heard(startedMeeting());
    const decided = [...started, ...decide(started, decision())];
    const followUp = {
      type: 'RecordDecisionFollowUp',
      decisionId: 'd1',
      code: 'CONSENT_REQUIRED',
      message: 'There is no active consent for this log',
    } as const;
    const [needed] = decide(decided, followUp, { facts: withdrawnFacts });
    expect(needed.type).toBe('DecisionFollowUpNeeded');
    spec
      .given(decided)
      .when({ ...followUp, decisionId: 'd9' })
      .thenFails('DECISION_NOT_FOUND');
    const open = [...decided, needed];
    spec.given(open).when(followUp).thenFails('FOLLOW_UP_EXISTS');
    const resolve = {
      type: 'ResolveDecisionFollowUp',
      decisionId: 'd1',
      note: 'Nytt samtykke bes om',
    } as const;
    spec.given(open).when(resolve, { by: per }).thenFails('NOT_CHAIR');
    spec.given(decided).when(resolve).thenFails('FOLLOW_UP_NOT_OPEN');
    expect(decide(open, resolve, { facts: withdrawnFacts })[0].type).toBe(
      'DecisionFollowUpResolved',
    );
  });
});

describe('a meeting’s place in events of schema version 1, read as version 2', () => {
  const v1 = {
    meetingId: 'm1',
    startsAt: STARTS_AT,
    durationMinutes: 60,
    location: { kind: 'place', place: 'Hjemme hos familien, Storgata 5' },
    personal: { agenda: [] },
  };

  it('moves the place of a scheduled meeting to the personal part, and the kind beside it', () => {
    expect(meetingScheduledFromVersion1(v1)).toEqual({
      meetingId: 'm1',
      startsAt: STARTS_AT,
      durationMinutes: 60,
      locationKind: 'place',
      personal: { agenda: [], location: { place: 'Hjemme hos familien, Storgata 5', link: null } },
    });
    expect(
      meetingScheduledFromVersion1({ ...v1, location: { kind: 'video', link: 'https://m.no/1' } })
        .personal,
    ).toEqual({ agenda: [], location: { place: null, link: 'https://m.no/1' } });
  });

  it('reads the place as null once the family’s personal data is erased', () => {
    expect(
      meetingScheduledFromVersion1({ ...v1, personal: { agenda: [], erased: true } }).personal,
    ).toEqual({ agenda: [], erased: true, location: { place: null, link: null } });
  });

  it('moves a rescheduled meeting’s place too', () => {
    expect(
      meetingRescheduledFromVersion1({
        startsAt: STARTS_AT,
        durationMinutes: 30,
        location: { kind: 'place', place: 'Rådhuset' },
      }),
    ).toEqual({
      startsAt: STARTS_AT,
      durationMinutes: 30,
      locationKind: 'place',
      personal: { location: { place: 'Rådhuset', link: null } },
    });
  });
});
