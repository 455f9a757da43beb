import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as pause } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { CommandBus } from '@nestjs/cqrs';
import { StreamStates } from '@bti/command-handling';
import { EVENT_STORE, type EventStore } from '@bti/event-store';
import type { Clock } from '@bti/http';
import { DECISION_SAGA, DecisionSaga } from '@bti/meetings';
import { SqliteReadModelStore } from '@bti/read-models';
import { expectStatus } from '../support/api-client';
import {
  logWithBarnehage,
  measureDecision,
  meetingWithDecisions,
} from '../support/meeting-scenario';
import { enrolledFamily, type Scenario } from '../support/scenario';
import { startTestApp, type TestApp } from '../support/test-app';

/** The saga from samordningsmøte decisions to the stafettlogg, against the real app and store. */
describe('the decision saga', () => {
  let t: TestApp;
  let s: Scenario;
  let store: EventStore;
  let saga: DecisionSaga;
  const now = new Date('2026-10-01T08:00:00.000Z');
  const clock: Clock = () => now;
  const dirs: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({}, clock);
    s = await enrolledFamily(t);
    store = t.app.get<EventStore>(EVENT_STORE);
    saga = t.app.get(DecisionSaga);
  });
  afterAll(async () => {
    await t.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  /** Another API node's saga: the same store, a checkpoint of its own that starts at 0. */
  function sagaOfAnotherNode(): {
    saga: DecisionSaga;
    checkpoints: SqliteReadModelStore;
    path: string;
    close: () => void;
  } {
    const dir = mkdtempSync(join(tmpdir(), 'bti-saga-'));
    dirs.push(dir);
    const path = join(dir, 'read-models.sqlite');
    const checkpoints = new SqliteReadModelStore(path);
    const other = new DecisionSaga(
      store,
      checkpoints,
      clock,
      t.app.get(CommandBus),
      t.app.get(StreamStates),
      t.config,
    );
    return {
      saga: other,
      checkpoints,
      path,
      close: () => {
        void other.stop();
        checkpoints.close();
      },
    };
  }

  const logEvents = async (logId: string) =>
    (await store.readStream(`stafettlogg-${logId}`)).map((e) => e.type);

  it('plans one measure per decision, however often the decisions are replayed', async () => {
    const logId = await logWithBarnehage(s, '2026-10-01');
    const goals = ['Fast voksen i frileken', 'Foreldreveiledning', 'Språkgruppe'];
    const { last } = await meetingWithDecisions(
      s,
      logId,
      '2026-10-01T14:00:00+02:00',
      goals.map((goal) => measureDecision(logId, goal, '2026-10-05')),
    );
    await saga.waitFor(t.positionOf(last.body.position));
    const once = await logEvents(logId);
    expect(once.filter((type) => type === 'MeasurePlanned')).toHaveLength(3);

    for (let replay = 0; replay < 2; replay++) {
      const other = sagaOfAnotherNode();
      other.saga.start();
      await other.saga.waitFor(await store.headPosition());
      other.close();
    }
    expect(await logEvents(logId)).toEqual(once);
    const log = expectStatus(await s.kari.get(`/stafettlogger/${logId}`), 200);
    expect((log.body.measures as { goal: string }[]).map((m) => m.goal).sort()).toEqual(
      [...goals].sort(),
    );
  });

  it('writes down a decision’s position once the read-model file is free, not at the next decision', async () => {
    const logId = await logWithBarnehage(s, '2026-10-01');
    const { last } = await meetingWithDecisions(s, logId, '2026-10-01T16:00:00+02:00', [
      measureDecision(logId, 'Leksehjelp to dager i uka', '2026-10-05'),
    ]);
    const decidedAt = t.positionOf(last.body.position);
    const other = sagaOfAnotherNode();
    try {
      // Another connection holds the file's write lock, as the projection thread does in a batch.
      const thread = new Database(other.path);
      thread.exec('BEGIN IMMEDIATE');
      try {
        other.saga.start();
        await other.saga.waitFor(decidedAt);
        await pause(100);
        expect(other.checkpoints.checkpoint(DECISION_SAGA)).toBe(0n);
      } finally {
        thread.exec('COMMIT');
        thread.close();
      }
      // No later decision comes: the saga itself tries again until the position is on disk, so a
      // restart does not carry the decision out again.
      const deadline = Date.now() + 2_000;
      while (other.checkpoints.checkpoint(DECISION_SAGA) < decidedAt && Date.now() < deadline)
        await pause(10);
      expect(other.checkpoints.checkpoint(DECISION_SAGA)).toBeGreaterThanOrEqual(decidedAt);
    } finally {
      other.close();
    }
  });

  it('records a decision the log refuses as a follow-up, once, and never tries it again', async () => {
    const logId = await logWithBarnehage(s, '2026-10-01');
    await saga.stop();
    const { meetingId, last } = await meetingWithDecisions(s, logId, '2026-10-01T15:00:00+02:00', [
      measureDecision(logId, 'Tiltak etter at samtykket ble trukket', '2026-10-05'),
    ]);
    // The consent is withdrawn between the decision and the saga.
    const log = expectStatus(await s.kari.get(`/stafettlogger/${logId}`, last.body.position), 200);
    const consentId = (log.body.consents as { consentId: string }[])[0].consentId;
    expectStatus(
      await s.mother.post(`/stafettlogger/${logId}/consents/${consentId}/withdraw`, {}),
      201,
    );
    saga.start();
    await saga.waitFor(await store.headPosition());
    const meetingEvents = async () =>
      (await store.readStream(`meeting-${meetingId}`)).map((e) => e.type);
    expect(
      (await meetingEvents()).filter((type) => type === 'DecisionFollowUpNeeded'),
    ).toHaveLength(1);
    const before = await meetingEvents();
    const other = sagaOfAnotherNode();
    other.saga.start();
    await other.saga.waitFor(await store.headPosition());
    other.close();
    expect(await meetingEvents()).toEqual(before);
    expect((await logEvents(logId)).filter((type) => type === 'MeasurePlanned')).toHaveLength(0);
    // Kari's service may no longer read the meeting, but the follow-up reaches her all the same.
    expectStatus(await s.kari.get(`/meetings/${meetingId}`), 422, 'CONSENT_REQUIRED');
    const followUps = expectStatus(await s.kari.get('/meetings/follow-ups'), 200);
    expect(followUps.body.items).toEqual([
      expect.objectContaining({
        document: expect.objectContaining({
          meetingId,
          kind: 'measure',
          text: null,
          followUp: expect.objectContaining({ code: 'CONSENT_REQUIRED' }) as unknown,
        }) as unknown,
      }),
    ]);
    const asMother = expectStatus(await s.mother.get(`/meetings/${meetingId}`), 200);
    expect(asMother.body.decisions).toEqual([expect.objectContaining({ status: 'follow_up' })]);
  });

  it('records as a follow-up a decision whose log was closed before the saga came to it', async () => {
    const logId = await logWithBarnehage(s, '2026-10-01');
    await saga.stop();
    const { meetingId } = await meetingWithDecisions(s, logId, '2026-10-01T16:30:00+02:00', [
      measureDecision(logId, 'Tiltak etter at loggen ble lukket', '2026-10-05'),
    ]);
    expectStatus(
      await s.kari.post(`/stafettlogger/${logId}/close`, {
        reason: 'needs_met',
        evaluationMissingReason: 'Familien ønsket ikke å svare nå',
      }),
      201,
    );
    saga.start();
    await saga.waitFor(await store.headPosition());
    const followUps = (await store.readStream(`meeting-${meetingId}`)).filter(
      (event) => event.type === 'DecisionFollowUpNeeded',
    );
    expect(followUps).toHaveLength(1);
    expect((await logEvents(logId)).filter((type) => type === 'MeasurePlanned')).toHaveLength(0);
    const asMother = expectStatus(await s.mother.get(`/meetings/${meetingId}`), 200);
    expect(asMother.body.decisions).toEqual([expect.objectContaining({ status: 'follow_up' })]);
  });
});
