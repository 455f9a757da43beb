import {
  DomainRuleViolation,
  foldEvents,
  isNotFound,
  meetingDecider,
  type Actor,
  type KnownMeeting,
  type MeetingFacts,
  type Role,
} from '@bti/domain';
import { decide, log1, meetingFacts, MEETING_AT, schedule } from '@bti/domain/testing/meeting';
import {
  mayKnowMeeting,
  meetingReadAccess,
  meetingRestrictedFor,
  meetingServiceVisible,
  type MeetingAccessFacts,
  type MeetingFamilyFacts,
} from './meeting-visibility';
import { COMMAND_ROLES, QUERY_ROLES } from './role-table';

/**
 * The visibility policy for samordningsmøter, cell by cell, for a read and a write by the same actor:
 * every role, own and other municipality, every kind of service (chairing, invited, invited but hidden
 * in the log, not invited), the family and strangers, consent active / withdrawn / expired. The read
 * and the write (adding to the agenda) must give the same answer.
 */
const M = 'vestre-toten';
const EXPIRED_AT = '2027-06-01T10:00:00.000Z';
const scheduled = decide([], schedule());
const meeting = foldEvents(meetingDecider, scheduled) as KnownMeeting;

/** The log's consent, or (with its consent active) the log itself closed. */
type ConsentState = 'active' | 'withdrawn' | 'expired' | 'log closed';
const factsOf = (consent: ConsentState): MeetingFacts =>
  consent === 'log closed'
    ? { ...meetingFacts, logs: { l1: { ...log1, status: 'closed' as const } } }
    : consent === 'withdrawn'
      ? {
          ...meetingFacts,
          logs: {
            l1: {
              ...log1,
              consents: log1.consents.map((c) => ({ ...c, status: 'withdrawn' as const })),
            },
          },
        }
      : meetingFacts;
const atOf = (consent: ConsentState) => (consent === 'expired' ? EXPIRED_AT : MEETING_AT);
const access = (facts: MeetingFacts): MeetingAccessFacts => ({
  municipalityId: meeting.municipalityId,
  chairServiceId: meeting.chair.serviceId,
  invitedServices: meeting.invitedServices,
  hiddenServices: meeting.hiddenServices,
  logs: meeting.logIds.map((logId) => {
    const log = facts.logs[logId];
    return { consents: log?.consents ?? [], closed: log?.status === 'closed' };
  }),
});
const family: MeetingFamilyFacts = {
  guardianSignIns: ['idp|mor', 'idp|far'],
  youthSignIns: ['idp|c1'],
};

type ServiceKind = 'chairing' | 'invited' | 'hidden' | 'not invited';
const SERVICE_OF: Record<ServiceKind, [string, string]> = {
  chairing: ['koord', 'helsestasjon'],
  invited: ['per', 'barnehage'],
  hidden: ['bv1', 'barnevern'],
  'not invited': ['x', 'nav'],
};

interface Cell {
  readonly label: string;
  readonly actor: Actor;
  readonly consent: ConsentState;
  readonly expected: string;
}

function expectedFor(
  role: Role,
  municipality: 'own' | 'other',
  service: ServiceKind | null,
  who: string | null,
  consent: ConsentState,
): string {
  if (!(QUERY_ROLES.meeting as readonly Role[]).includes(role)) return '403 ROLE_NOT_ALLOWED';
  if (role === 'staff' || role === 'coordinator') {
    if (municipality === 'other' || service === 'not invited') return '404';
    if (consent === 'log closed') return '403 LOG_RESTRICTED';
    if (consent !== 'active') return '422 CONSENT_REQUIRED';
    return 'reads and writes';
  }
  if (who === 'stranger' || who === 'other child') return '404';
  // The family still reads it, but no service would read what they add.
  if (consent === 'log closed') return 'reads; write 422 LOG_CLOSED';
  return 'reads and writes';
}

function cells(): Cell[] {
  const result: Cell[] = [];
  for (const consent of ['active', 'withdrawn', 'expired', 'log closed'] as const) {
    for (const role of ['staff', 'coordinator'] as const)
      for (const municipality of ['own', 'other'] as const)
        for (const service of Object.keys(SERVICE_OF) as ServiceKind[]) {
          const [subject, serviceId] = SERVICE_OF[service];
          result.push({
            label: `${role} of ${municipality} municipality, ${service} service, consent ${consent}`,
            actor: {
              subject,
              role,
              municipalityId: municipality === 'own' ? M : 'siljan',
              serviceId,
            },
            consent,
            expected: expectedFor(role, municipality, service, null, consent),
          });
        }
    for (const [who, subject, role] of [
      ['mother', 'idp|mor', 'guardian'],
      ['father', 'idp|far', 'guardian'],
      ['stranger', 'idp|stranger', 'guardian'],
      ['child', 'idp|c1', 'youth'],
      ['other child', 'idp|other', 'youth'],
    ] as const)
      result.push({
        label: `${role} (${who}), consent ${consent}`,
        actor: { subject, role, municipalityId: null, serviceId: null },
        consent,
        expected: expectedFor(role, 'own', null, who, consent),
      });
    for (const role of ['analyst', 'admin', 'operator'] as const)
      result.push({
        label: `${role}, consent ${consent}`,
        actor: { subject: role, role, municipalityId: M, serviceId: null },
        consent,
        expected: expectedFor(role, 'own', null, null, consent),
      });
  }
  return result;
}

function read(cell: Cell): string {
  if (!(QUERY_ROLES.meeting as readonly Role[]).includes(cell.actor.role))
    return '403 ROLE_NOT_ALLOWED';
  const answer = meetingReadAccess(
    cell.actor,
    access(factsOf(cell.consent)),
    family,
    atOf(cell.consent),
  );
  if (answer.kind === 'unknown') return '404';
  if (answer.kind === 'withheld') return `422 ${answer.code}`;
  if (answer.kind === 'restricted') return '403 LOG_RESTRICTED';
  return 'reads';
}

/** The command path for adding to the agenda: the role gate, the policy's 404, then the decider. */
function write(cell: Cell): string {
  if (!COMMAND_ROLES.meeting.AddAgendaItem.includes(cell.actor.role)) return '403 ROLE_NOT_ALLOWED';
  const facts = factsOf(cell.consent);
  if (!mayKnowMeeting(cell.actor, access(facts), family)) return '404';
  if (meetingRestrictedFor(cell.actor, access(facts))) return '403 LOG_RESTRICTED';
  try {
    meetingDecider.decide({ type: 'AddAgendaItem', itemId: 'new', text: 'Søvn' }, meeting, {
      by: cell.actor,
      at: atOf(cell.consent),
      facts,
    });
    return 'writes';
  } catch (error) {
    if (!(error instanceof DomainRuleViolation)) throw error;
    return isNotFound(error as DomainRuleViolation<string>) ? '404' : `422 ${error.code}`;
  }
}

function answer(cell: Cell): string {
  const r = read(cell);
  const w = write(cell);
  if (r === w) return r;
  if (r === 'reads' && w === 'writes') return 'reads and writes';
  // The family adds to the agenda of its own meeting whatever the consent says now, while a service
  // still reads the meeting.
  if (r === 'reads' && w.startsWith('422')) return `reads; write ${w}`;
  return `read ${r} but write ${w}`;
}

describe('the meeting visibility policy, cell by cell, read and write alike', () => {
  const table = cells();

  it('covers every role, municipality, kind of service and consent state', () => {
    expect(table).toHaveLength(4 * (2 * 2 * 4 + 5 + 3));
  });

  it.each(table.map((cell) => [cell.label, cell] as const))('%s', (_, cell) => {
    expect(answer(cell)).toBe(cell.expected);
  });

  it('shows a hidden participant only to itself, the chair and the family', () => {
    const facts = access(meetingFacts);
    const readerOf = (actor: Actor) => {
      const reader = meetingReadAccess(actor, facts, family, MEETING_AT);
      if (reader.kind !== 'service' && reader.kind !== 'family') throw new Error('reads');
      return reader;
    };
    const staff = (kind: ServiceKind): Actor => ({
      subject: SERVICE_OF[kind][0],
      role: 'staff',
      municipalityId: M,
      serviceId: SERVICE_OF[kind][1],
    });
    expect(meetingServiceVisible(readerOf(staff('invited')), facts, 'barnevern')).toBe(false);
    expect(meetingServiceVisible(readerOf(staff('hidden')), facts, 'barnevern')).toBe(true);
    expect(meetingServiceVisible(readerOf(staff('chairing')), facts, 'barnevern')).toBe(true);
    expect(
      meetingServiceVisible(
        readerOf({ subject: 'idp|mor', role: 'guardian', municipalityId: null, serviceId: null }),
        facts,
        'barnevern',
      ),
    ).toBe(true);
    expect(meetingServiceVisible(readerOf(staff('invited')), facts, 'helsestasjon')).toBe(true);
  });
});
