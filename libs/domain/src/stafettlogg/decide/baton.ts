import type { Given } from '../../shared/decider';
import { ensure } from '../codes';
import type {
  AcceptHandover,
  AssignSamordningsansvar,
  DeclineHandover,
  OfferHandover,
  StafettloggFacts,
} from '../commands';
import { consentCovers } from '../consent';
import type { StafettloggEvent, StaffRef } from '../events';
import {
  assertOpen,
  assertServiceMayAct,
  enrolledMunicipality,
  registeredStaff,
  sameStaff,
  staffActor,
  staffRef,
  steeringStaff,
} from '../guards';
import type { KnownStafettlogg } from '../state';

type Facts = Given<StafettloggFacts>;

/** Whether the person a handover was offered to is still registered, in that service, to answer it. */
function canAnswer(facts: StafettloggFacts, offeredTo: StaffRef): boolean {
  const staff = enrolledMunicipality(facts).staff[offeredTo.staffId];
  return Boolean(staff?.active && staff.serviceId === offeredTo.serviceId);
}

/** The baton is offered; the old stafettholder keeps it until the new one accepts. */
export function offerHandover(
  command: OfferHandover,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const { by, log } = steeringStaff(state, given);
  const to = registeredStaff(given.facts, command.toStaffId, command.toServiceId);
  // An offer to someone since deactivated (or moved to another service) waits for an answer that
  // cannot come: a new offer replaces it, or the baton stayed stuck (found from outside).
  const pending = log.pendingHandover;
  ensure(
    pending === null || !canAnswer(given.facts, pending),
    'HANDOVER_PENDING',
    'A handover is waiting for an answer already',
  );
  ensure(
    !sameStaff(log.stafettholder, to),
    'ALREADY_STAFETTHOLDER',
    'This person holds the baton already',
  );
  const service = log.services[to.serviceId];
  ensure(
    service,
    'HOLDER_NOT_PARTICIPATING',
    'The stafettholder must belong to a participating service',
  );
  // Everyone in the log sees the stafettholder, so a hidden participant cannot hold the baton.
  ensure(
    !service.hidden,
    'HIDDEN_SERVICE_CANNOT_HOLD',
    'A service taking part hidden cannot hold the baton',
  );
  ensure(
    consentCovers(Object.values(log.consents), given.at, to.serviceId),
    'OUTSIDE_CONSENT_SCOPE',
    'The active consent does not cover the new holder’s service',
  );
  return [
    {
      type: 'StafettholderHandoverOffered',
      data: { to, offeredBy: staffRef(by), at: given.at },
    },
  ];
}

export function acceptHandover(
  _command: AcceptHandover,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const by = staffActor(given);
  assertOpen(state);
  ensure(
    sameStaff(state.pendingHandover, by),
    'HANDOVER_NOT_OFFERED',
    'No handover has been offered to you',
  );
  assertServiceMayAct(state, by.serviceId, given.at);
  return [
    {
      type: 'StafettholderHandoverAccepted',
      data: { stafettholder: staffRef(by), previous: state.stafettholder, at: given.at },
    },
  ];
}

export function declineHandover(
  _command: DeclineHandover,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const by = staffActor(given);
  assertOpen(state);
  ensure(
    sameStaff(state.pendingHandover, by),
    'HANDOVER_NOT_OFFERED',
    'No handover has been offered to you',
  );
  return [
    { type: 'StafettholderHandoverDeclined', data: { declinedBy: staffRef(by), at: given.at } },
  ];
}

/** Which service coordinates (since 2022), recorded apart from the stafettholder; never a hidden one. */
export function assignSamordningsansvar(
  command: AssignSamordningsansvar,
  state: KnownStafettlogg,
  given: Facts,
): StafettloggEvent[] {
  const { by, log } = steeringStaff(state, given);
  const service = log.services[command.serviceId];
  ensure(
    service,
    'SERVICE_NOT_PARTICIPATING',
    'The coordinating service must take part in the log',
    { serviceId: command.serviceId },
  );
  ensure(
    !service.hidden,
    'HIDDEN_SERVICE_CANNOT_HOLD',
    'A service taking part hidden cannot have samordningsansvar',
  );
  ensure(
    log.samordningsansvar !== command.serviceId,
    'NO_CHANGE',
    'This service has samordningsansvar already',
  );
  return [
    {
      type: 'SamordningsansvarAssigned',
      data: { serviceId: command.serviceId, decidedBy: staffRef(by), at: given.at },
    },
  ];
}
