import { COMMAND_ROLES } from '@bti/access';
import { route, type CommandRouteTable } from '@bti/http';
import type { OnBehalf, StafettloggCommand } from '@bti/domain';
import { DispatchToStafettlogg } from '@bti/stafettlogg';
import {
  GiveConsentDto,
  OnBehalfDto,
  RefuseConsentDto,
  RenewConsentDto,
  RequestConsentDto,
  StartStafettloggDto,
} from './consent.dto';

const log = ({ logId }: Record<string, string>) => logId;

function onBehalf(body: OnBehalfDto): OnBehalf {
  return {
    givenByGuardianId: body.givenByGuardianId ?? null,
    givenByYouth: body.givenByYouth ?? null,
    paperFormReference: body.paperFormReference ?? null,
  };
}

/**
 * Consent is its own slice of the stafettlogg: its commands go to the log's stream, so every consent
 * gate is checked in the same consistency boundary as the entries it gates.
 */
export const consentRoutes: CommandRouteTable<StafettloggCommand> = {
  name: 'ConsentCommandsController',
  prefix: 'stafettlogger',
  tag: 'consent',
  roles: COMMAND_ROLES.stafettlogg,
  params: { logId: 'uuid', consentId: 'uuid' },
  dispatch: (logId, command, envelope) => new DispatchToStafettlogg(logId, command, envelope),
  routes: [
    route({
      type: 'StartStafettlogg',
      path: '',
      body: StartStafettloggDto,
      summary: 'Start a stafettlogg from a concern decided "involve others", by requesting consent',
      target: (_, b) => b.logId,
      command: (b) => ({
        type: 'StartStafettlogg',
        logId: b.logId,
        concernId: b.concernId,
        consentId: b.consentId,
        scope: b.scope,
      }),
    }),
    route({
      type: 'RequestConsent',
      path: ':logId/consents',
      body: RequestConsentDto,
      summary: 'Request a further consent (new services or categories)',
      target: log,
      command: (b) => ({ type: 'RequestConsent', consentId: b.consentId, scope: b.scope }),
    }),
    route({
      type: 'GiveConsent',
      path: ':logId/consents/:consentId/give',
      body: GiveConsentDto,
      summary:
        'Give consent: digitally as guardian or young person, or staff recording a signed paper form',
      target: log,
      command: (b, p) => ({
        type: 'GiveConsent',
        consentId: p.consentId,
        validFrom: b.validFrom,
        validUntil: b.validUntil,
        ...onBehalf(b),
      }),
    }),
    route({
      type: 'RefuseConsent',
      path: ':logId/consents/:consentId/refuse',
      body: RefuseConsentDto,
      summary: 'Refuse consent (the refusal is recorded too)',
      target: log,
      command: (b, p) => ({
        type: 'RefuseConsent',
        consentId: p.consentId,
        reason: b.reason ?? null,
        ...onBehalf(b),
      }),
    }),
    route({
      type: 'WithdrawConsent',
      path: ':logId/consents/:consentId/withdraw',
      body: OnBehalfDto,
      summary: 'Withdraw consent: access stops at once for what comes after',
      target: log,
      command: (b, p) => ({ type: 'WithdrawConsent', consentId: p.consentId, ...onBehalf(b) }),
    }),
    route({
      type: 'RenewConsent',
      path: ':logId/consents/:consentId/renew',
      body: RenewConsentDto,
      summary: 'Renew consent by extending its validity',
      target: log,
      command: (b, p) => ({
        type: 'RenewConsent',
        consentId: p.consentId,
        validUntil: b.validUntil,
        ...onBehalf(b),
      }),
    }),
  ],
};
