import {
  foldEvents,
  stafettloggDecider,
  type Actor,
  type RegisteredFamily,
  type StafettloggEvent,
} from '@bti/domain';
import { mayKnowLog } from './stafettlogg.command';

const log = foldEvents(stafettloggDecider, [
  {
    type: 'StafettloggInitiated',
    data: {
      logId: 'l1',
      concernId: 'k1',
      familyId: 'f1',
      subjectId: 'c1',
      municipalityId: 'vestre-toten',
      initiatedBy: { staffId: 'kari', serviceId: 'helsestasjon' },
    },
  },
  {
    type: 'ConsentRequested',
    data: {
      consentId: 'c',
      scope: { services: ['helsestasjon', 'barnehage'], categories: ['health'], purpose: 'p' },
      requestedBy: { staffId: 'kari', serviceId: 'helsestasjon' },
      requestedAt: '2026-01-01T00:00:00.000Z',
    },
  },
] satisfies StafettloggEvent[]);
const family: RegisteredFamily = {
  status: 'registered',
  familyId: 'f1',
  municipalityId: 'vestre-toten',
  subjects: {
    c1: {
      subjectId: 'c1',
      kind: 'youth',
      identitySubject: 'idp|ola',
      personal: { name: 'Ola', birthDate: '2009-01-01', expectedBirthDate: null },
    },
  },
  guardians: {
    g1: {
      guardianId: 'g1',
      identitySubject: 'idp|mor',
      parentalResponsibility: false,
      personal: { name: 'Mor', contact: null },
    },
  },
};
const staff = (municipalityId: string | null, serviceId: string | null): Actor => ({
  subject: 's',
  role: 'staff',
  municipalityId,
  serviceId,
});
const citizen = (role: 'guardian' | 'youth' | 'analyst', subject: string): Actor => ({
  subject,
  role,
  municipalityId: null,
  serviceId: null,
});

describe('who may know a stafettlogg exists', () => {
  if (log.status === 'none') throw new Error('fixture');
  it.each([
    ['a service named in a consent', staff('vestre-toten', 'barnehage'), true],
    ['a service not named', staff('vestre-toten', 'nav'), false],
    ['a namesake service in another municipality', staff('siljan', 'barnehage'), false],
    ['staff without a municipality', staff(null, 'barnehage'), false],
    ['staff without a service', staff('vestre-toten', null), false],
    [
      'a guardian of the family (with or without parental responsibility)',
      citizen('guardian', 'idp|mor'),
      true,
    ],
    ['someone else', citizen('guardian', 'idp|x'), false],
    ['the young person', citizen('youth', 'idp|ola'), true],
    ['another young person', citizen('youth', 'idp|x'), false],
    ['an analyst', citizen('analyst', 'a'), false],
  ])('%s: %s', (_, actor, expected) => {
    expect(mayKnowLog(actor, log, family)).toBe(expected);
  });
});
