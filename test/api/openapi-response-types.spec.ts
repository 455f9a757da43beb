import type * as Server from '../../apps/api/src/openapi/read-responses';
import type { components } from '../../apps/web/src/shared/api/openapi';

/**
 * The JSON Schemas of the answers are generated from the server's types (npm run
 * openapi:responses), and the web app reads the types openapi-typescript makes of them. The contract
 * test holds real answers to those schemas, which catches a schema stricter than the answers; this
 * catches one looser than the server's own type — a field the generator reads as optional or
 * nullable when it is not, a union it widens (it once read NonNullable<T> as T). Each generated type
 * must be assignable to the server's: `npm run typecheck` fails on this file otherwise.
 */
type Schemas = components['schemas'];
/** `any` would fit anything: a schema the types generator could not read must fail too. */
type NoLooser<Generated, ServerType> = 0 extends 1 & Generated
  ? false
  : [Generated] extends [ServerType]
    ? true
    : false;

const noLooser: {
  AccessAnomaly: NoLooser<Schemas['AccessAnomaly'], Server.AccessAnomaly>;
  AccessAnomalyPage: NoLooser<Schemas['AccessAnomalyPage'], Server.AccessAnomalyPage>;
  AccessLogItem: NoLooser<Schemas['AccessLogItem'], Server.AccessLogItem>;
  AccessLogPage: NoLooser<Schemas['AccessLogPage'], Server.AccessLogPage>;
  Actor: NoLooser<Schemas['Actor'], Server.Actor>;
  ArchivePackage: NoLooser<Schemas['ArchivePackage'], Server.ArchivePackage>;
  ArenaPage: NoLooser<Schemas['ArenaPage'], Server.ArenaPage>;
  ArenaView: NoLooser<Schemas['ArenaView'], Server.ArenaView>;
  ConcernListItem: NoLooser<Schemas['ConcernListItem'], Server.ConcernListItem>;
  ConcernPage: NoLooser<Schemas['ConcernPage'], Server.ConcernPage>;
  DiscussionPage: NoLooser<Schemas['DiscussionPage'], Server.DiscussionPage>;
  DiscussionView: NoLooser<Schemas['DiscussionView'], Server.DiscussionView>;
  EventTypeCountPage: NoLooser<Schemas['EventTypeCountPage'], Server.EventTypeCountPage>;
  FamilyCopy: NoLooser<Schemas['FamilyCopy'], Server.FamilyCopy>;
  FamilyView: NoLooser<Schemas['FamilyView'], Server.FamilyView>;
  FollowUpPage: NoLooser<Schemas['FollowUpPage'], Server.FollowUpPage>;
  HealthReport: NoLooser<Schemas['HealthReport'], Server.HealthReport>;
  InitiativeMetrics: NoLooser<Schemas['InitiativeMetrics'], Server.InitiativeMetrics>;
  MeetingSummaryPage: NoLooser<Schemas['MeetingSummaryPage'], Server.MeetingSummaryPage>;
  MeetingView: NoLooser<Schemas['MeetingView'], Server.MeetingView>;
  MetricCatalogue: NoLooser<Schemas['MetricCatalogue'], Server.MetricCatalogue>;
  MetricTable: NoLooser<Schemas['MetricTable'], Server.MetricTable>;
  MetricTables: NoLooser<Schemas['MetricTables'], Server.MetricTables>;
  Minutes: NoLooser<Schemas['Minutes'], Server.Minutes>;
  MunicipalityUse: NoLooser<Schemas['MunicipalityUse'], Server.MunicipalityUse>;
  MunicipalityView: NoLooser<Schemas['MunicipalityView'], Server.MunicipalityView>;
  MyChildren: NoLooser<Schemas['MyChildren'], Server.MyChildren>;
  ProgrammeView: NoLooser<Schemas['ProgrammeView'], Server.ProgrammeView>;
  ReferralPage: NoLooser<Schemas['ReferralPage'], Server.ReferralPage>;
  ReferralView: NoLooser<Schemas['ReferralView'], Server.ReferralView>;
  StafettloggSummaryPage: NoLooser<
    Schemas['StafettloggSummaryPage'],
    Server.StafettloggSummaryPage
  >;
  StafettloggView: NoLooser<Schemas['StafettloggView'], Server.StafettloggView>;
  TimelinePage: NoLooser<Schemas['TimelinePage'], Server.TimelinePage>;
  Worklist: NoLooser<Schemas['Worklist'], Server.Worklist>;
} = {
  AccessAnomaly: true,
  AccessAnomalyPage: true,
  AccessLogItem: true,
  AccessLogPage: true,
  Actor: true,
  ArchivePackage: true,
  ArenaPage: true,
  ArenaView: true,
  ConcernListItem: true,
  ConcernPage: true,
  DiscussionPage: true,
  DiscussionView: true,
  EventTypeCountPage: true,
  FamilyCopy: true,
  FamilyView: true,
  FollowUpPage: true,
  HealthReport: true,
  InitiativeMetrics: true,
  MeetingSummaryPage: true,
  MeetingView: true,
  MetricCatalogue: true,
  MetricTable: true,
  MetricTables: true,
  Minutes: true,
  MunicipalityUse: true,
  MunicipalityView: true,
  MyChildren: true,
  ProgrammeView: true,
  ReferralPage: true,
  ReferralView: true,
  StafettloggSummaryPage: true,
  StafettloggView: true,
  TimelinePage: true,
  Worklist: true,
};

describe('the generated answer types', () => {
  it('are no looser than the server’s own (checked by the type check)', () => {
    expect(Object.values(noLooser).every(Boolean)).toBe(true);
  });
});
