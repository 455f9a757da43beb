import { addDays, CASE_DAYS_AHEAD, dateOf, isIsoDate, isNearToday } from '../../shared/dates';
import type { Given } from '../../shared/decider';
import { ensure } from '../codes';
import type {
  EndMeasure,
  EvaluateMeasure,
  PlanMeasure,
  StafettloggFacts,
  StartMeasure,
} from '../commands';
import type { StafettloggEvent } from '../events';
import {
  assertOpen,
  assertServiceMayAct,
  assertText,
  enrolledMunicipality,
  registeredStaff,
  staffActor,
  staffRef,
  type StaffActor,
} from '../guards';
import type { KnownStafettlogg, MeasureState, OpenLog } from '../state';

type Facts = Given<StafettloggFacts>;

/** A participating service acting on one of the log's measures. */
function measureStep(
  state: KnownStafettlogg,
  given: Facts,
  measureId: string,
): { by: StaffActor; log: OpenLog; measure: MeasureState } {
  const by = staffActor(given);
  assertOpen(state);
  const measure = state.measures[measureId];
  ensure(measure, 'MEASURE_NOT_FOUND', 'No such measure on this log');
  assertServiceMayAct(state, by.serviceId, given.at);
  return { by, log: state, measure };
}

/**
 * Every measure has a goal, a responsible person in a participating service, and an evaluation date
 * (by default the log's interval after its start).
 */
export function planMeasure(
  command: PlanMeasure,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const by = staffActor(given);
  assertOpen(state);
  const responsible = registeredStaff(
    given.facts,
    command.responsibleStaffId,
    command.responsibleServiceId,
  );
  ensure(
    command.catalogueEntryId === null ||
      enrolledMunicipality(given.facts).catalogue[command.catalogueEntryId],
    'UNKNOWN_CATALOGUE_ENTRY',
    'No such entry in the service catalogue',
  );
  if (command.initiativeId !== null) {
    const initiative = given.facts.initiatives?.[command.initiativeId];
    ensure(initiative, 'UNKNOWN_INITIATIVE', 'No such initiative in the programme register');
    ensure(initiative.status !== 'ended', 'INITIATIVE_ENDED', 'The initiative has ended');
  }
  assertServiceMayAct(state, by.serviceId, given.at);
  assertServiceMayAct(state, responsible.serviceId, given.at);
  ensure(
    !state.measures[command.measureId],
    'MEASURE_EXISTS',
    'A measure with this id exists already',
  );
  assertText(command.goal, 'GOAL_REQUIRED', 'A measure needs a goal');
  ensure(
    isIsoDate(command.startDate) && isNearToday(command.startDate, dateOf(given.at)),
    'INVALID_DATE',
    'A measure starts within a year before and two years after today',
  );
  const evaluationDate =
    command.evaluationDate ?? addDays(command.startDate, state.rules.measureEvaluationIntervalDays);
  ensure(
    isIsoDate(evaluationDate) &&
      evaluationDate > command.startDate &&
      evaluationDate <= addDays(command.startDate, CASE_DAYS_AHEAD),
    'INVALID_EVALUATION_DATE',
    'Every measure is evaluated after it starts, within two years',
  );
  return [
    {
      type: 'MeasurePlanned',
      data: {
        measureId: command.measureId,
        responsible,
        startDate: command.startDate,
        evaluationDate,
        initiativeId: command.initiativeId,
        catalogueEntryId: command.catalogueEntryId,
        plannedBy: staffRef(by),
        at: given.at,
        personal: { goal: command.goal },
      },
    },
  ];
}

export function startMeasure(
  command: StartMeasure,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const { by, measure } = measureStep(state, given, command.measureId);
  ensure(measure.status === 'planned', 'MEASURE_NOT_PLANNED', 'Only a planned measure can start');
  ensure(
    isIsoDate(command.startedOn) &&
      command.startedOn <= dateOf(given.at) &&
      isNearToday(command.startedOn, dateOf(given.at)),
    'INVALID_DATE',
    'A measure is recorded as started on or after the day it started, within the last year',
  );
  return [
    {
      type: 'MeasureStarted',
      data: { measureId: command.measureId, startedOn: command.startedOn, by: staffRef(by) },
    },
  ];
}

/** Evaluated with the family's view; continue or adjust sets the next date, end ends it. */
export function evaluateMeasure(
  command: EvaluateMeasure,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const { by, log, measure } = measureStep(state, given, command.measureId);
  ensure(measure.status !== 'ended', 'MEASURE_ENDED', 'The measure has ended');
  ensure(
    measure.status === 'started',
    'MEASURE_NOT_STARTED',
    'A measure is evaluated once it has started',
  );
  ensure(
    command.decision !== 'end' || command.nextEvaluationDate === null,
    'INVALID_EVALUATION_DATE',
    'A measure that ends has no next evaluation',
  );
  // The family's view is what the evaluation is for (BTI): one of only spaces or zero-width
  // characters was stored as said (found from outside).
  assertText(command.familyView, 'TEXT_REQUIRED', 'Say what the family thinks of the measure');
  const today = dateOf(given.at);
  const nextEvaluationDate =
    command.decision === 'end'
      ? null
      : (command.nextEvaluationDate ?? addDays(today, log.rules.measureEvaluationIntervalDays));
  // Within two years, as a measure's first evaluation: 2199 put the measure past every overdue check
  // (found from outside).
  ensure(
    nextEvaluationDate === null ||
      (isIsoDate(nextEvaluationDate) &&
        nextEvaluationDate > today &&
        nextEvaluationDate <= addDays(today, CASE_DAYS_AHEAD)),
    'INVALID_EVALUATION_DATE',
    'The next evaluation is after today, within two years',
  );
  const evaluated: StafettloggEvent = {
    type: 'MeasureEvaluated',
    data: {
      measureId: command.measureId,
      goalAttainment: command.goalAttainment,
      decision: command.decision,
      nextEvaluationDate,
      evaluatedOn: today,
      onTime: measure.evaluationDate === null || today <= measure.evaluationDate,
      by: staffRef(by),
      personal: { familyView: command.familyView },
    },
  };
  if (command.decision !== 'end') return [evaluated];
  return [
    evaluated,
    {
      type: 'MeasureEnded',
      data: {
        measureId: command.measureId,
        endedOn: today,
        by: staffRef(by),
        personal: { reason: 'Ended at evaluation' },
      },
    },
  ];
}

export function endMeasure(
  command: EndMeasure,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const { by, measure } = measureStep(state, given, command.measureId);
  ensure(measure.status !== 'ended', 'MEASURE_ENDED', 'The measure has ended already');
  assertText(command.reason, 'REASON_REQUIRED', 'Say why the measure ends');
  return [
    {
      type: 'MeasureEnded',
      data: {
        measureId: command.measureId,
        endedOn: dateOf(given.at),
        by: staffRef(by),
        personal: { reason: command.reason },
      },
    },
  ];
}
