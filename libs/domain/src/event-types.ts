import type { EventData } from './shared/decider';
import { ACCESS_LOG_EVENT_TYPES, type AccessLogEvent } from './access-log/access-log';
import { INSTALLATION_EVENT_TYPES, type InstallationEvent } from './installation/installation';
import { ARENA_EVENT_TYPES, type ArenaEvent } from './arena/arena';
import type { ConcernEvent } from './concern/concern';
import { DISCUSSION_EVENT_TYPES, type DiscussionEvent } from './discussion/discussion';
import { PROGRAMME_EVENT_TYPES, type ProgrammeEvent } from './programme/programme';
import type { FamilyEvent } from './family/family';
import type { MunicipalityEvent } from './municipality/municipality';
import {
  MEETING_EVENT_TYPES,
  meetingRescheduledFromVersion1,
  meetingScheduledFromVersion1,
  type MeetingEvent,
} from './meeting/events';
import {
  consentRequestedFromVersion1,
  STAFETTLOGG_EVENT_TYPES,
  stafettloggClosedFromVersion1,
  type StafettloggEvent,
} from './stafettlogg/events';

/** Compiles only when `listed` names every member of `All`: a new event type cannot be forgotten here. */
type Complete<All extends string, Listed extends readonly string[]> =
  Exclude<All, Listed[number]> extends never ? Listed : { missing: Exclude<All, Listed[number]> };
const complete =
  <All extends string>() =>
  <const Listed extends readonly All[]>(listed: Listed & Complete<All, Listed>): readonly All[] =>
    listed;

export const MUNICIPALITY_EVENT_TYPES = complete<MunicipalityEvent['type']>()([
  'MunicipalityEnrolled',
  'ServiceRegistered',
  'StaffRegistered',
  'StaffDeactivated',
  'StaffReactivated',
  'HandlingsveilederConfigured',
  'CatalogueEntryAdded',
]);
export const FAMILY_EVENT_TYPES = complete<FamilyEvent['type']>()([
  'FamilyRegistered',
  'SubjectAdded',
  'ChildBorn',
  'GuardianAdded',
  'SubjectIdentityLinked',
  'FamilyErased',
]);
export const CONCERN_EVENT_TYPES = complete<ConcernEvent['type']>()([
  'ConcernNoted',
  'ConcernTalkRecorded',
  'ConcernDecided',
]);
const STAFETTLOGG_TYPES = complete<StafettloggEvent['type']>()(STAFETTLOGG_EVENT_TYPES);
const MEETING_TYPES = complete<MeetingEvent['type']>()(MEETING_EVENT_TYPES);
const ARENA_TYPES = complete<ArenaEvent['type']>()(ARENA_EVENT_TYPES);
const DISCUSSION_TYPES = complete<DiscussionEvent['type']>()(DISCUSSION_EVENT_TYPES);
const PROGRAMME_TYPES = complete<ProgrammeEvent['type']>()(PROGRAMME_EVENT_TYPES);
const ACCESS_LOG_TYPES = complete<AccessLogEvent['type']>()(ACCESS_LOG_EVENT_TYPES);
const INSTALLATION_TYPES = complete<InstallationEvent['type']>()(INSTALLATION_EVENT_TYPES);

/**
 * The event types whose shape has changed, with their current version and an upcaster from each
 * earlier one (`upcasters[n]` reads version n as n + 1). Every other type is at version 1.
 */
const CHANGED_EVENT_TYPES: Readonly<
  Record<
    string,
    { schemaVersion: number; upcasters: Readonly<Record<number, (data: EventData) => EventData>> }
  >
> = {
  ConsentRequested: { schemaVersion: 2, upcasters: { 1: consentRequestedFromVersion1 } },
  MeetingScheduled: { schemaVersion: 2, upcasters: { 1: meetingScheduledFromVersion1 } },
  MeetingRescheduled: { schemaVersion: 2, upcasters: { 1: meetingRescheduledFromVersion1 } },
  StafettloggClosed: { schemaVersion: 2, upcasters: { 1: stafettloggClosedFromVersion1 } },
};

/** Every event type the domain writes, with its schema version and the upcasters of older ones. */
export const DOMAIN_EVENT_TYPES: readonly {
  readonly type: string;
  readonly schemaVersion: number;
  readonly upcasters?: Readonly<Record<number, (data: EventData) => EventData>>;
}[] = [
  ...MUNICIPALITY_EVENT_TYPES,
  ...FAMILY_EVENT_TYPES,
  ...CONCERN_EVENT_TYPES,
  ...STAFETTLOGG_TYPES,
  ...MEETING_TYPES,
  ...ARENA_TYPES,
  ...DISCUSSION_TYPES,
  ...PROGRAMME_TYPES,
  ...ACCESS_LOG_TYPES,
  ...INSTALLATION_TYPES,
].map((type) =>
  CHANGED_EVENT_TYPES[type] ? { type, ...CHANGED_EVENT_TYPES[type] } : { type, schemaVersion: 1 },
);
