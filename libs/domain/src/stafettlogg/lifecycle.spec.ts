import {
  AT,
  awaiting,
  bhJoined,
  by,
  closedLog,
  consentGiven,
  facts,
  factsWithChild,
  hs,
  initiated,
  kari,
  koord,
  navStaff,
  opened,
  openLog,
  per,
  requested,
  rules,
  spec,
  withdrawn,
} from '../testing/stafettlogg-fixtures';
import { stafettloggClosedFromVersion1, type StafettloggEvent } from './events';

const withRules = (changed: Partial<typeof rules>) => ({
  ...facts,
  municipality: {
    ...facts.municipality!,
    handlingsveileder: { ...facts.municipality!.handlingsveileder, ...changed },
  },
});

describe('stafettlogg: opening, joining, level, rules, closing', () => {
  const open = { type: 'OpenStafettlogg', level: 2 } as const;

  it('opens only with an active consent, naming the opener stafettholder', () => {
    spec
      .given([...awaiting, consentGiven])
      .when(open)
      .then(opened);
  });

  it.each([
    ['without any consent', awaiting, open, {}, 'CONSENT_REQUIRED'],
    [
      'after the consent expired',
      [...awaiting, consentGiven],
      open,
      { at: '2027-03-17T08:00:00.000Z' },
      'CONSENT_REQUIRED',
    ],
    [
      'after the consent was withdrawn',
      [...awaiting, consentGiven, withdrawn],
      open,
      {},
      'CONSENT_REQUIRED',
    ],
    [
      'by a service outside the consent',
      [...awaiting, consentGiven],
      open,
      by(navStaff),
      'OUTSIDE_CONSENT_SCOPE',
    ],
    ['at level 0', [...awaiting, consentGiven], { ...open, level: 0 }, {}, 'INVALID_LEVEL'],
    [
      'at a level the municipality does not use',
      [...awaiting, consentGiven],
      open,
      { facts: withRules({ levels: rules.levels.filter((l) => l.level !== 2) }) },
      'INVALID_LEVEL',
    ],
    ['twice', openLog, open, {}, 'LOG_ALREADY_OPEN'],
    ['when closed', [...openLog, closedLog], open, {}, 'LOG_CLOSED'],
  ] as const)('refuses to open %s', (_, history, command, given, code) => {
    spec
      .given([...history])
      .when(command, given)
      .thenFails(code);
  });

  it('lets a service join only inside the consent, hidden if it must be', () => {
    const join = (serviceId: string, hidden = false) =>
      ({ type: 'JoinService', serviceId, hidden }) as const;
    spec
      .given([...awaiting, consentGiven, ...opened])
      .when(join('barnehage'))
      .then([bhJoined]);
    spec
      .given([...awaiting, consentGiven, ...opened])
      .when(join('barnevern', true))
      .thenFails('OUTSIDE_CONSENT_SCOPE');
    spec
      .given([...awaiting, consentGiven, ...opened])
      .when(join('tannhelse'))
      .thenFails('UNKNOWN_SERVICE');
    spec.given(openLog).when(join('barnehage')).thenFails('SERVICE_ALREADY_PARTICIPATING');
  });

  it('changes level with a reason, within the log’s levels', () => {
    const change = (level: 0 | 1 | 2 | 3, reason = 'Flere tjenester trengs') =>
      ({ type: 'ChangeLevel', level, reason }) as const;
    spec
      .given(openLog)
      .when(change(3))
      .then([
        {
          type: 'LevelChanged',
          data: {
            from: 2,
            to: 3,
            changedBy: hs,
            at: AT,
            personal: { reason: 'Flere tjenester trengs' },
          },
        },
      ]);
    spec.given(openLog).when(change(3, '')).thenFails('REASON_REQUIRED');
    spec.given(openLog).when(change(2)).thenFails('NO_CHANGE');
    spec.given(openLog).when(change(0)).thenFails('INVALID_LEVEL');
  });

  it('steers the log only under an active consent, but closes it without one', () => {
    const afterWithdrawal = [...openLog, withdrawn];
    spec
      .given(afterWithdrawal)
      .when({ type: 'ChangeLevel', level: 3, reason: 'r' })
      .thenFails('CONSENT_REQUIRED');
    spec
      .given(afterWithdrawal)
      .when({ type: 'OfferHandover', toStaffId: 'per', toServiceId: 'barnehage' })
      .thenFails('CONSENT_REQUIRED');
    spec
      .given(afterWithdrawal)
      .when({ type: 'AssignSamordningsansvar', serviceId: 'barnehage' })
      .thenFails('CONSENT_REQUIRED');
    spec
      .given(afterWithdrawal)
      .when({ type: 'MoveToCurrentRules' }, { facts: withRules({ version: 2 }) })
      .thenFails('CONSENT_REQUIRED');
    const [closed] = spec
      .given(afterWithdrawal)
      .when({
        type: 'CloseStafettlogg',
        reason: 'consent_withdrawn',
        familyEvaluation: null,
        evaluationMissingReason: 'Familien ønsket å avslutte',
      })
      .events();
    expect(closed.type).toBe('StafettloggClosed');
  });

  it('opens only if the consent age it fixes takes no say back from a young person who consented', () => {
    // 20 March 2026: the child is fifteen. The consent was given while the log waited, under another age.
    const aged = (consentAge: 15 | 16, version = 1) =>
      factsWithChild('2011-03-01', consentAge, version);
    const youthsOwn: StafettloggEvent = {
      ...consentGiven,
      data: {
        ...(consentGiven.data as object),
        givenBy: { kind: 'youth', subjectId: 'c1' },
      },
    } as StafettloggEvent;
    spec
      .given([...awaiting, youthsOwn])
      .when(open, { facts: aged(15) })
      .then([
        {
          ...opened[0],
          data: { ...(opened[0].data as object), rules: { ...rules, consentAge: 15 } },
        },
        opened[1],
      ] as StafettloggEvent[]);
    spec
      .given([...awaiting, youthsOwn])
      .when(open, { facts: aged(16) })
      .thenFails('CONSENT_GIVER_NOT_AUTHORISED');
    // A guardian's consent given under 16 holds when the log opens under 15, as it does on an open
    // log whose child reaches the age: the young person's say comes sooner, none is taken back.
    expect(
      spec
        .given([...awaiting, consentGiven])
        .when(open, { facts: aged(15) })
        .events()[0].type,
    ).toBe('StafettloggOpened');
    spec
      .given([...awaiting, consentGiven])
      .when(open, { facts: aged(16) })
      .then(opened);
    // The mother consented five days before her son turned 16: that consent holds once he has, as it
    // would on an open log.
    const turnsSixteen = factsWithChild('2010-03-25', 16);
    expect(
      spec
        .given([...awaiting, consentGiven])
        .when(open, { facts: turnsSixteen, at: '2026-04-01T08:00:00.000Z' })
        .events()[0].type,
    ).toBe('StafettloggOpened');
  });

  it('does not take the young person’s say back by moving the log on to a later consent age', () => {
    const youngerAge: StafettloggEvent[] = [
      initiated,
      requested,
      {
        ...consentGiven,
        data: { ...(consentGiven.data as object), givenBy: { kind: 'youth', subjectId: 'c1' } },
      } as StafettloggEvent,
      {
        ...opened[0],
        data: { ...(opened[0].data as object), rules: { ...rules, consentAge: 15 } },
      } as StafettloggEvent,
      opened[1],
    ];
    spec
      .given(youngerAge)
      .when({ type: 'MoveToCurrentRules' }, { facts: factsWithChild('2011-03-01', 16, 2) })
      .thenFails('CONSENT_GIVER_NOT_AUTHORISED');
    // Younger than either age, or a later age they have reached already: moved on.
    for (const birthDate of ['2014-03-01', '2009-03-01'])
      expect(
        spec
          .given(youngerAge)
          .when({ type: 'MoveToCurrentRules' }, { facts: factsWithChild(birthDate, 16, 2) })
          .events()[0].type,
      ).toBe('RulesMovedOn');
    // Down to an earlier age is the young person's say coming sooner.
    expect(
      spec
        .given(openLog)
        .when({ type: 'MoveToCurrentRules' }, { facts: factsWithChild('2011-03-01', 15, 2) })
        .events()[0].type,
    ).toBe('RulesMovedOn');
  });

  it('keeps the rules in force at opening until moved on to the municipality’s current ones', () => {
    const newer = { ...rules, version: 2, measureEvaluationIntervalDays: 30 };
    spec
      .given(openLog)
      .when({ type: 'MoveToCurrentRules' }, { facts: withRules(newer) })
      .then([{ type: 'RulesMovedOn', data: { rules: newer, by: hs, at: AT } }]);
    spec.given(openLog).when({ type: 'MoveToCurrentRules' }).thenFails('NO_CHANGE');
    spec
      .given(openLog)
      .when(
        { type: 'MoveToCurrentRules' },
        { facts: withRules({ ...newer, levels: rules.levels.filter((l) => l.level !== 2) }) },
      )
      .thenFails('INVALID_LEVEL');
  });

  it('closes with the family’s evaluation, or a reason why there is none, and reopens under consent', () => {
    const close = {
      type: 'CloseStafettlogg',
      reason: 'needs_met',
      familyEvaluation: { coordination: 4, accessibility: 5, participation: 4, comment: null },
      evaluationMissingReason: null,
    } as const;
    const [closed] = spec.given(openLog).when(close).events();
    expect(closed).toMatchObject({ type: 'StafettloggClosed', data: { reason: 'needs_met' } });
    // The family's words are theirs: under `personal`, encrypted and erased with the family's key.
    const [withWords] = spec
      .given(openLog)
      .when({
        ...close,
        familyEvaluation: { ...close.familyEvaluation, comment: 'Godt samarbeid' },
      })
      .events();
    expect(withWords.data).toMatchObject({
      familyEvaluation: { coordination: 4, accessibility: 5, participation: 4 },
      personal: { evaluationMissingReason: null, familyComment: 'Godt samarbeid' },
    });
    expect(JSON.stringify(withWords.data).match(/Godt samarbeid/g)).toHaveLength(1);
    spec
      .given(openLog)
      .when({ ...close, familyEvaluation: null })
      .thenFails('FAMILY_EVALUATION_REQUIRED');
    spec
      .given(openLog)
      .when({ ...close, evaluationMissingReason: 'Familien svarte ikke' })
      .thenFails('INVALID_EVALUATION');
    spec
      .given(openLog)
      .when({
        ...close,
        familyEvaluation: { coordination: 6, accessibility: 5, participation: 4, comment: null },
      })
      .thenFails('INVALID_EVALUATION');
    spec
      .given(openLog)
      .when({ ...close, familyEvaluation: { ...close.familyEvaluation, comment: ' \u200b ' } })
      .thenFails('TEXT_REQUIRED');
    spec.given(openLog).when(close, by(per)).thenFails('NOT_STAFETTHOLDER');
    spec
      .given([...openLog, closed])
      .when(close)
      .thenFails('LOG_CLOSED');
    const reopen = { type: 'ReopenStafettlogg', reason: 'Ny bekymring' } as const;
    spec
      .given([...openLog, closed])
      .when(reopen)
      .then([
        {
          type: 'StafettloggReopened',
          data: { reopenedBy: hs, at: AT, personal: { reason: 'Ny bekymring' } },
        },
      ]);
    spec
      .given([...openLog, closed])
      .when(reopen, by(koord))
      .events();
    spec
      .given([...openLog, closed])
      .when(reopen, by(per))
      .thenFails('NOT_STAFETTHOLDER');
    spec
      .given([...openLog, withdrawn, closed])
      .when(reopen)
      .thenFails('CONSENT_REQUIRED');
    spec.given(openLog).when(reopen).thenFails('LOG_NOT_CLOSED');
  });

  it('answers every command on a log that does not exist with STAFETTLOGG_NOT_FOUND', () => {
    spec.given([]).when({ type: 'OpenStafettlogg', level: 2 }).thenFails('STAFETTLOGG_NOT_FOUND');
    spec.given([]).when({ type: 'DeclineHandover' }, by(kari)).thenFails('STAFETTLOGG_NOT_FOUND');
  });

  it('replays an event that does not fit the state without failing (events are facts)', () => {
    const stray: StafettloggEvent = {
      type: 'StafettholderHandoverDeclined',
      data: { declinedBy: hs, at: AT },
    };
    expect(spec.given([...awaiting, stray]).state).toEqual(spec.given(awaiting).state);
  });
});

describe('a StafettloggClosed of schema version 1, read as version 2', () => {
  const version1 = {
    reason: 'needs_met',
    familyEvaluation: { coordination: 4, accessibility: 3, participation: 5, comment: 'Bra' },
    closedBy: { staffId: 'kari', serviceId: 'helsestasjon' },
    at: AT,
    personal: { evaluationMissingReason: null },
  };

  it('moves the family’s comment from beside the scores to the personal part', () => {
    expect(stafettloggClosedFromVersion1(version1)).toEqual({
      reason: 'needs_met',
      familyEvaluation: { coordination: 4, accessibility: 3, participation: 5 },
      closedBy: { staffId: 'kari', serviceId: 'helsestasjon' },
      at: AT,
      personal: { evaluationMissingReason: null, familyComment: 'Bra' },
    });
    expect(
      stafettloggClosedFromVersion1({
        ...version1,
        familyEvaluation: null,
        personal: { evaluationMissingReason: 'Flyttet' },
      }),
    ).toMatchObject({
      familyEvaluation: null,
      personal: { evaluationMissingReason: 'Flyttet', familyComment: null },
    });
  });

  it('reads the comment as null once the family’s personal data is erased or cannot be read', () => {
    for (const mark of ['erased', 'unreadable'])
      expect(
        stafettloggClosedFromVersion1({
          ...version1,
          personal: { evaluationMissingReason: null, [mark]: true },
        }).personal,
      ).toEqual({ evaluationMissingReason: null, [mark]: true, familyComment: null });
  });
});
