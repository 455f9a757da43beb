import { foldEvents } from '../shared/decider';
import {
  anne,
  AT,
  bh,
  by,
  bv1,
  consentGiven,
  hs,
  kari,
  koord,
  motherGiver,
  offered,
  openLog,
  per,
  spec,
} from '../testing/stafettlogg-fixtures';
import { stafettloggDecider } from './decide';
import type { StafettloggEvent } from './events';

const offerTo = (toStaffId: string, toServiceId: string) =>
  ({ type: 'OfferHandover', toStaffId, toServiceId }) as const;

describe('stafettlogg: the baton and samordningsansvar', () => {
  it('hands over only when the new holder accepts; the old one holds the baton until then', () => {
    spec.given(openLog).when(offerTo('per', 'barnehage')).then([offered]);
    const pending = foldEvents(stafettloggDecider, [...openLog, offered]);
    expect(pending.status === 'open' && pending.stafettholder).toEqual(hs);
    spec
      .given([...openLog, offered])
      .when({ type: 'AcceptHandover' }, by(per))
      .then([
        {
          type: 'StafettholderHandoverAccepted',
          data: { stafettholder: bh, previous: hs, at: AT },
        },
      ]);
    spec
      .given([...openLog, offered])
      .when({ type: 'DeclineHandover' }, by(per))
      .then([{ type: 'StafettholderHandoverDeclined', data: { declinedBy: bh, at: AT } }]);
  });

  it.each([
    [
      'an offer by someone who is not the holder',
      openLog,
      offerTo('per', 'barnehage'),
      by(per),
      'NOT_STAFETTHOLDER',
    ],
    [
      'an offer to a service outside the log',
      openLog,
      offerTo('x', 'nav'),
      by(kari),
      'HOLDER_NOT_PARTICIPATING',
    ],
    [
      'an offer to someone not in the staff register',
      openLog,
      offerTo('nobody', 'barnehage'),
      by(kari),
      'UNKNOWN_STAFF',
    ],
    [
      'an offer to the holder',
      openLog,
      offerTo('kari', 'helsestasjon'),
      by(kari),
      'ALREADY_STAFETTHOLDER',
    ],
    [
      'a second offer while one is pending',
      [...openLog, offered],
      offerTo('anne', 'barnehage'),
      by(kari),
      'HANDOVER_PENDING',
    ],
    [
      'acting as holder before accepting',
      [...openLog, offered],
      { type: 'ChangeLevel', level: 3, reason: 'r' },
      by(per),
      'HANDOVER_NOT_ACCEPTED',
    ],
    [
      'accepting what was offered to someone else',
      [...openLog, offered],
      { type: 'AcceptHandover' },
      by(anne),
      'HANDOVER_NOT_OFFERED',
    ],
    [
      'accepting when nothing was offered',
      openLog,
      { type: 'AcceptHandover' },
      by(per),
      'HANDOVER_NOT_OFFERED',
    ],
  ] as const)('refuses %s', (_, history, command, given, code) => {
    spec
      .given([...history])
      .when(command, given)
      .thenFails(code);
  });

  it('replaces an offer to someone since deactivated, who can no longer answer it', () => {
    const toGone: StafettloggEvent = {
      type: 'StafettholderHandoverOffered',
      data: { to: { staffId: 'gone', serviceId: 'barnehage' }, offeredBy: hs, at: AT },
    };
    spec
      .given([...openLog, toGone])
      .when(offerTo('per', 'barnehage'), by(kari))
      .then([offered]);
    spec
      .given([...openLog, toGone])
      .when(offerTo('per', 'barnehage'), by(koord))
      .then([
        {
          type: 'StafettholderHandoverOffered',
          data: { to: bh, offeredBy: { staffId: 'koord', serviceId: 'helsestasjon' }, at: AT },
        },
      ]);
  });

  it('keeps a hidden participant from holding the baton or samordningsansvar, which everyone sees', () => {
    const secretConsent: StafettloggEvent[] = [
      {
        type: 'ConsentRequested',
        data: {
          consentId: 'sam2',
          scope: {
            services: ['helsestasjon', 'barnevern'],
            categories: ['child_welfare'],
          },
          requestedBy: hs,
          requestedAt: AT,
          personal: { purpose: 'p' },
        },
      },
      {
        type: 'ConsentGiven',
        data: {
          ...(consentGiven.data as Extract<StafettloggEvent, { type: 'ConsentGiven' }>['data']),
          consentId: 'sam2',
          givenBy: motherGiver,
        },
      },
      {
        type: 'ServiceJoined',
        data: { serviceId: 'barnevern', hidden: true, addedBy: hs, at: AT },
      },
    ];
    spec
      .given([...openLog, ...secretConsent])
      .when(offerTo('bv1', 'barnevern'))
      .thenFails('HIDDEN_SERVICE_CANNOT_HOLD');
    spec
      .given([...openLog, ...secretConsent])
      .when({ type: 'AssignSamordningsansvar', serviceId: 'barnevern' }, by(koord))
      .thenFails('HIDDEN_SERVICE_CANNOT_HOLD');
    expect(bv1.serviceId).toBe('barnevern');
  });

  it('lets a coordinator move the baton and assign samordningsansvar', () => {
    const koordRef = { staffId: 'koord', serviceId: 'helsestasjon' };
    spec
      .given(openLog)
      .when(offerTo('per', 'barnehage'), by(koord))
      .then([
        { type: 'StafettholderHandoverOffered', data: { to: bh, offeredBy: koordRef, at: AT } },
      ]);
    spec
      .given(openLog)
      .when({ type: 'AssignSamordningsansvar', serviceId: 'barnehage' }, by(koord))
      .then([
        {
          type: 'SamordningsansvarAssigned',
          data: { serviceId: 'barnehage', decidedBy: koordRef, at: AT },
        },
      ]);
    spec
      .given(openLog)
      .when({ type: 'AssignSamordningsansvar', serviceId: 'nav' }, by(koord))
      .thenFails('SERVICE_NOT_PARTICIPATING');
    const [assigned] = spec
      .given(openLog)
      .when({ type: 'AssignSamordningsansvar', serviceId: 'barnehage' })
      .events();
    spec
      .given([...openLog, assigned])
      .when({ type: 'AssignSamordningsansvar', serviceId: 'barnehage' })
      .thenFails('NO_CHANGE');
  });
});
