import { unreachable, type Decider, type Given } from '../shared/decider';
import type { StafettloggCommand, StafettloggFacts } from './commands';
import {
  assignSamordningsansvar,
  acceptHandover,
  declineHandover,
  offerHandover,
} from './decide/baton';
import {
  giveConsent,
  refuseConsent,
  renewConsent,
  requestConsent,
  startStafettlogg,
  withdrawConsent,
} from './decide/consent';
import { addEntry } from './decide/entries';
import {
  changeLevel,
  closeStafettlogg,
  joinService,
  moveToCurrentRules,
  openStafettlogg,
  reopenStafettlogg,
} from './decide/lifecycle';
import { endMeasure, evaluateMeasure, planMeasure, startMeasure } from './decide/measures';
import {
  chooseGuardianSharing,
  grantGuardianReadAccess,
  revokeGuardianReadAccess,
} from './decide/read-access';
import type { StafettloggEvent } from './events';
import { evolveStafettlogg, initialStafettloggState } from './evolve';
import { assertKnown } from './guards';
import type { StafettloggState } from './state';

/** One decide function per command; every command but the start needs a known log. */
export function decideStafettlogg(
  command: StafettloggCommand,
  state: StafettloggState,
  given: Given<StafettloggFacts>,
): StafettloggEvent[] {
  if (command.type === 'StartStafettlogg') return startStafettlogg(command, state, given);
  assertKnown(state);
  switch (command.type) {
    case 'RequestConsent':
      return requestConsent(command, state, given);
    case 'GiveConsent':
      return giveConsent(command, state, given);
    case 'RefuseConsent':
      return refuseConsent(command, state, given);
    case 'WithdrawConsent':
      return withdrawConsent(command, state, given);
    case 'RenewConsent':
      return renewConsent(command, state, given);
    case 'OpenStafettlogg':
      return openStafettlogg(command, state, given);
    case 'JoinService':
      return joinService(command, state, given);
    case 'ChangeLevel':
      return changeLevel(command, state, given);
    case 'MoveToCurrentRules':
      return moveToCurrentRules(command, state, given);
    case 'CloseStafettlogg':
      return closeStafettlogg(command, state, given);
    case 'ReopenStafettlogg':
      return reopenStafettlogg(command, state, given);
    case 'AddEntry':
      return addEntry(command, state, given);
    case 'PlanMeasure':
      return planMeasure(command, state, given);
    case 'StartMeasure':
      return startMeasure(command, state, given);
    case 'EvaluateMeasure':
      return evaluateMeasure(command, state, given);
    case 'EndMeasure':
      return endMeasure(command, state, given);
    case 'OfferHandover':
      return offerHandover(command, state, given);
    case 'AcceptHandover':
      return acceptHandover(command, state, given);
    case 'DeclineHandover':
      return declineHandover(command, state, given);
    case 'AssignSamordningsansvar':
      return assignSamordningsansvar(command, state, given);
    case 'GrantGuardianReadAccess':
      return grantGuardianReadAccess(command, state, given);
    case 'RevokeGuardianReadAccess':
      return revokeGuardianReadAccess(command, state, given);
    case 'ChooseGuardianSharing':
      return chooseGuardianSharing(command, state, given);
    default:
      return unreachable(command);
  }
}

export const stafettloggDecider: Decider<
  StafettloggCommand,
  StafettloggState,
  StafettloggEvent,
  StafettloggFacts
> = {
  initialState: initialStafettloggState,
  decide: decideStafettlogg,
  evolve: evolveStafettlogg,
};

export const stafettloggStream = (logId: string) => `stafettlogg-${logId}`;
