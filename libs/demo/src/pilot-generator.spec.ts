import {
  concernDecider,
  DomainRuleViolation,
  familyDecider,
  foldEvents,
  municipalityDecider,
  serviceMayAct,
  stafettloggDecider,
  type Actor,
  type FamilyCommand,
  type FamilyEvent,
  type MunicipalityEvent,
  type ProgrammeEvent,
  type StafettloggCommand,
  type StafettloggEvent,
  type StafettloggFacts,
} from '@bti/domain';
import {
  childrenPerMunicipality,
  pilotHistory,
  type GeneratedEvent,
  type GeneratedUnit,
} from './pilot-generator';
import { PILOT_MUNICIPALITIES } from './pilot-municipalities';

const NOW = new Date('2026-11-29T12:00:00.000Z');
const all = (subjects: number, seed = 2020): GeneratedUnit[] => [
  ...pilotHistory({ subjects, seed, now: NOW }),
];

describe('the pilot demo generator', () => {
  it('gives the same histories for the same seed and day, and others for another seed', () => {
    expect(JSON.stringify(all(200))).toBe(JSON.stringify(all(200)));
    expect(JSON.stringify(all(200, 7))).not.toBe(JSON.stringify(all(200)));
  });

  it('sizes the municipalities by population, the smallest with a few children still', () => {
    const counts = childrenPerMunicipality(800);
    const total = [...counts.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThanOrEqual(790);
    expect(total).toBeLessThanOrEqual(820);
    expect(Math.max(...counts.values())).toBe(counts.get('trondheim'));
    expect(counts.get('siljan')).toBeGreaterThanOrEqual(3);
    expect(counts.get('larvik')).toBeGreaterThan(counts.get('horten') as number);
  });

  it('enrols the twelve municipalities in their counties with the reports’ grants and allocations', () => {
    const units = all(100);
    const enrolled = units
      .flat()
      .flatMap((s) => s.events)
      .filter((e) => e.event.type === 'MunicipalityEnrolled')
      .map((e) => e.event.data as { municipalityId: string; county: string });
    expect(enrolled.map((m) => m.municipalityId).sort()).toEqual(
      PILOT_MUNICIPALITIES.map((m) => m.municipalityId).sort(),
    );
    expect(enrolled.filter((m) => m.county === 'Innlandet')).toHaveLength(4);
    for (const m of PILOT_MUNICIPALITIES) {
      const grants = units
        .flat()
        .filter((s) => s.stream === `programme-${m.municipalityId}`)
        .flatMap((s) => s.events)
        .filter((e) => e.event.type === 'GrantAllocated')
        .map((e) => e.event.data as { year: number; amountNok: number });
      const sum = (year: number) =>
        grants.filter((g) => g.year === year).reduce((total, g) => total + g.amountNok, 0);
      expect([sum(2020), sum(2021), sum(2022)]).toEqual(m.pilotAllocations);
      expect(sum(2019)).toBe(Object.values(m.grants2019).reduce((a, b) => a + b, 0) * 1000);
    }
  });

  it('writes every stream in time order, and nothing after today', () => {
    for (const stream of all(400).flat()) {
      const times = stream.events.map((e) => e.at);
      expect([...times].sort()).toEqual(times);
      expect(times.every((at) => at <= NOW.toISOString().slice(0, 10) + 'T23:59:59Z')).toBe(true);
    }
  });

  it('takes children through the whole journey: concerns, logs, measures, meetings, closings', () => {
    const types = new Set(
      all(800)
        .flat()
        .flatMap((s) => s.events.map((e) => e.event.type)),
    );
    for (const type of [
      'ConcernNoted',
      'ConcernDecided',
      'ConsentGiven',
      'ConsentRefused',
      'StafettloggOpened',
      'ServiceJoined',
      'EntryAdded',
      'MeasureEvaluated',
      'StafettholderHandoverAccepted',
      'LevelChanged',
      'MeetingStarted',
      'MeetingEvaluatedByFamily',
      'EttermoteRecorded',
      'CaseReferredToArena',
      'AnonymousDiscussionAdvised',
      'StafettloggClosed',
      'ChildBorn',
    ])
      expect(types).toContain(type);
  });
});

/** Every generated stream's events, in order, by stream (a stream may be appended to by several units). */
function streamsOf(units: readonly GeneratedUnit[]): Map<string, GeneratedEvent[]> {
  const streams = new Map<string, GeneratedEvent[]>();
  for (const { stream, events } of units.flat())
    streams.set(stream, [...(streams.get(stream) ?? []), ...events]);
  return streams;
}

const onBehalfOf = (event: GeneratedEvent) =>
  event.actor.role === 'staff' || event.actor.role === 'coordinator'
    ? { givenByGuardianId: null, givenByYouth: null, paperFormReference: 'not generated' }
    : { givenByGuardianId: null, givenByYouth: null, paperFormReference: null };

/**
 * The command a user would have sent for the event at `i` of a log (for a start, the initiation and its
 * consent request): what the decider, asked it by the event's actor at its time, must answer with that
 * event and those after it that the same command writes.
 */
function commandFor(events: readonly GeneratedEvent[], i: number): StafettloggCommand {
  const event = events[i].event as StafettloggEvent;
  switch (event.type) {
    case 'StafettloggInitiated': {
      const request = events[i + 1]?.event as StafettloggEvent;
      if (request?.type !== 'ConsentRequested') throw new Error('A log starts with a request');
      return {
        type: 'StartStafettlogg',
        logId: event.data.logId,
        concernId: event.data.concernId,
        consentId: request.data.consentId,
        scope: { ...request.data.scope, purpose: request.data.personal.purpose },
      };
    }
    case 'ConsentRequested':
      return {
        type: 'RequestConsent',
        consentId: event.data.consentId,
        scope: { ...event.data.scope, purpose: event.data.personal.purpose },
      };
    case 'ConsentGiven':
      return {
        type: 'GiveConsent',
        consentId: event.data.consentId,
        validFrom: event.data.validFrom,
        validUntil: event.data.validUntil,
        ...onBehalfOf(events[i]),
      };
    case 'ConsentRefused':
      return {
        type: 'RefuseConsent',
        consentId: event.data.consentId,
        reason: event.data.personal.reason,
        ...onBehalfOf(events[i]),
      };
    case 'ConsentWithdrawn':
      return { type: 'WithdrawConsent', consentId: event.data.consentId, ...onBehalfOf(events[i]) };
    case 'ConsentRenewed':
      return {
        type: 'RenewConsent',
        consentId: event.data.consentId,
        validUntil: event.data.validUntil,
        ...onBehalfOf(events[i]),
      };
    case 'StafettloggOpened':
      return { type: 'OpenStafettlogg', level: event.data.level };
    case 'ServiceJoined':
      return { type: 'JoinService', serviceId: event.data.serviceId, hidden: event.data.hidden };
    case 'EntryAdded':
      return {
        type: 'AddEntry',
        entryId: event.data.entryId,
        kind: event.data.kind,
        category: event.data.category,
        sharedWithGuardians: event.data.sharedWithGuardians,
        text: event.data.personal.text,
        correctsEntryId: event.data.correctsEntryId,
      };
    case 'MeasurePlanned':
      return {
        type: 'PlanMeasure',
        measureId: event.data.measureId,
        goal: event.data.personal.goal,
        responsibleServiceId: event.data.responsible.serviceId,
        responsibleStaffId: event.data.responsible.staffId,
        startDate: event.data.startDate,
        evaluationDate: event.data.evaluationDate,
        initiativeId: event.data.initiativeId,
        catalogueEntryId: event.data.catalogueEntryId,
      };
    case 'MeasureStarted':
      return {
        type: 'StartMeasure',
        measureId: event.data.measureId,
        startedOn: event.data.startedOn,
      };
    case 'MeasureEvaluated':
      return {
        type: 'EvaluateMeasure',
        measureId: event.data.measureId,
        goalAttainment: event.data.goalAttainment,
        familyView: event.data.personal.familyView,
        decision: event.data.decision,
        nextEvaluationDate: event.data.nextEvaluationDate,
      };
    case 'MeasureEnded':
      return {
        type: 'EndMeasure',
        measureId: event.data.measureId,
        reason: event.data.personal.reason,
      };
    case 'StafettholderHandoverOffered':
      return {
        type: 'OfferHandover',
        toStaffId: event.data.to.staffId,
        toServiceId: event.data.to.serviceId,
      };
    case 'StafettholderHandoverAccepted':
      return { type: 'AcceptHandover' };
    case 'StafettholderHandoverDeclined':
      return { type: 'DeclineHandover' };
    case 'SamordningsansvarAssigned':
      return { type: 'AssignSamordningsansvar', serviceId: event.data.serviceId };
    case 'LevelChanged':
      return { type: 'ChangeLevel', level: event.data.to, reason: event.data.personal.reason };
    case 'RulesMovedOn':
      return { type: 'MoveToCurrentRules' };
    case 'StafettloggClosed':
      return {
        type: 'CloseStafettlogg',
        reason: event.data.reason,
        familyEvaluation: event.data.familyEvaluation && {
          ...event.data.familyEvaluation,
          comment: event.data.personal.familyComment,
        },
        evaluationMissingReason: event.data.personal.evaluationMissingReason,
      };
    default:
      throw new Error(`The generator is not expected to write ${event.type}`);
  }
}

/** The facts the stafettlogg's facts loader would load for a log, from the generated streams. */
function factsFor(streams: Map<string, GeneratedEvent[]>, log: GeneratedEvent[]): StafettloggFacts {
  const started = log[0].event as StafettloggEvent;
  if (started.type !== 'StafettloggInitiated') throw new Error('A log starts with its initiation');
  const { municipalityId, familyId, concernId } = started.data;
  const fold = <S, E>(
    decider: { initialState: () => S; evolve: (s: S, e: E) => S },
    stream: string,
  ) =>
    (streams.get(stream) ?? []).reduce(
      (s, { event }) => decider.evolve(s, event as E),
      decider.initialState(),
    );
  const municipality = fold(municipalityDecider, `municipality-${municipalityId}`);
  const family = fold(familyDecider, `family-${familyId}`);
  const concern = fold(concernDecider, `concern-${concernId}`);
  const initiatives = Object.fromEntries(
    (streams.get(`programme-${municipalityId}`) ?? [])
      .map(({ event }) => event as ProgrammeEvent)
      .flatMap((event) =>
        event.type === 'InitiativeRegistered'
          ? [[event.data.initiativeId, { status: event.data.status }] as const]
          : [],
      ),
  );
  return {
    municipality: municipality.status === 'enrolled' ? municipality : null,
    family: family.status === 'registered' ? family : null,
    concern: concern.status === 'none' ? null : concern,
    initiatives,
  };
}

describe('the pilot demo’s stafettlogger, as the domain writes them', () => {
  const units = all(800);
  const streams = streamsOf(units);
  const logs = [...streams].filter(([stream]) => stream.startsWith('stafettlogg-'));

  it('are every one what the decider answers the commands behind them with, in order', () => {
    expect(logs.length).toBeGreaterThan(400);
    for (const [stream, events] of logs) {
      const facts = factsFor(streams, events);
      let state = stafettloggDecider.initialState();
      for (let i = 0; i < events.length;) {
        const { at, actor } = events[i];
        let decided: StafettloggEvent[];
        try {
          decided = stafettloggDecider.decide(commandFor(events, i), state, {
            by: actor as Actor,
            at,
            facts,
          });
        } catch (error) {
          const code = error instanceof DomainRuleViolation ? error.code : String(error);
          throw new Error(`${stream}: ${events[i].event.type} at ${at} is refused: ${code}`);
        }
        expect({
          stream,
          at,
          events: events.slice(i, i + decided.length).map((e) => e.event),
        }).toEqual({
          stream,
          at,
          events: decided,
        });
        for (const event of decided) state = stafettloggDecider.evolve(state, event);
        i += decided.length;
      }
    }
  });

  it('let the stafettholder’s service take part, end every measure before closing, keep consent', () => {
    let open = 0;
    let closed = 0;
    for (const [stream, events] of logs) {
      const state = foldEvents(
        stafettloggDecider,
        events.map((e) => e.event as StafettloggEvent),
      );
      const lastAt = events[events.length - 1].at;
      if (state.status !== 'open' && state.status !== 'closed') continue;
      // The holder reads and writes their own log: their service takes part, openly, under the consent.
      const holder = state.services[state.stafettholder.serviceId];
      expect({ stream, holder }).toEqual({ stream, holder: { hidden: false } });
      if (state.status === 'open') {
        open += 1;
        const consent = serviceMayAct(
          Object.values(state.consents),
          true,
          lastAt,
          state.stafettholder.serviceId,
        );
        const withdrawn = Object.values(state.consents).some((c) => c.status === 'withdrawn');
        if (!withdrawn) expect({ stream, consent }).toEqual({ stream, consent: 'ok' });
      } else {
        closed += 1;
        // A closed log has nothing under way, so no evaluation falls due in it.
        const running = Object.entries(state.measures).filter(([, m]) => m.status !== 'ended');
        expect({ stream, running }).toEqual({ stream, running: [] });
      }
      // Every service that writes in the log has joined it first.
      const joined = new Set<string>();
      for (const { event } of events) {
        const e = event as StafettloggEvent;
        if (e.type === 'ServiceJoined') joined.add(e.data.serviceId);
        if (e.type === 'EntryAdded' && e.data.serviceId !== null)
          expect({
            stream,
            writer: e.data.serviceId,
            joined: joined.has(e.data.serviceId),
          }).toEqual({ stream, writer: e.data.serviceId, joined: true });
      }
    }
    expect(open).toBeGreaterThan(50);
    expect(closed).toBeGreaterThan(200);
  });
});

/** The command a member of staff would have sent for a family event the generator wrote. */
function familyCommandFor(event: FamilyEvent): FamilyCommand {
  switch (event.type) {
    case 'FamilyRegistered':
      return { type: 'RegisterFamily', familyId: event.data.familyId };
    case 'SubjectAdded':
      return { type: 'AddSubject', subject: event.data };
    case 'GuardianAdded':
      return { type: 'AddGuardian', guardian: event.data };
    case 'ChildBorn':
      return {
        type: 'RecordBirth',
        subjectId: event.data.subjectId,
        name: event.data.personal.name,
        birthDate: event.data.personal.birthDate ?? '',
      };
    default:
      throw new Error(`The generator is not expected to write ${event.type}`);
  }
}

describe('the pilot demo’s families, as the register writes them', () => {
  const streams = streamsOf(all(800));

  // A family the register would refuse (a young person of 12, a sign-in for a small child) seeded
  // the demo with what no user can make.
  it('are every one what the family decider answers the commands behind them with, in order', () => {
    const families = [...streams].filter(([stream]) => stream.startsWith('family-'));
    expect(families.length).toBeGreaterThan(700);
    for (const [stream, events] of families) {
      let state = familyDecider.initialState();
      for (const { event, at, actor } of events) {
        const familyEvent = event as FamilyEvent;
        const municipality = foldEvents(
          municipalityDecider,
          (streams.get(`municipality-${actor.municipalityId}`) ?? [])
            .filter((e) => e.at <= at)
            .map((e) => e.event as MunicipalityEvent),
        );
        let decided: FamilyEvent[];
        try {
          decided = familyDecider.decide(familyCommandFor(familyEvent), state, {
            by: actor as Actor,
            at,
            facts: { municipality: municipality.status === 'enrolled' ? municipality : null },
          });
        } catch (error) {
          const code = error instanceof DomainRuleViolation ? error.code : String(error);
          throw new Error(`${stream}: ${familyEvent.type} at ${at} is refused: ${code}`);
        }
        expect({ stream, at, events: [familyEvent] }).toEqual({ stream, at, events: decided });
        state = familyDecider.evolve(state, familyEvent);
      }
    }
  });
});
