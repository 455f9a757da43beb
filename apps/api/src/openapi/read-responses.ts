/**
 * The answers of the API's reads, by the names its OpenAPI description gives them. `npm run
 * openapi:responses` turns these types into the JSON Schemas in read-response-schemas.ts, which
 * the description serves under components.schemas; a controller names its answer with
 * `@ApiAnswer('Name')`. test/api/openapi-responses.e2e-spec.ts checks that the file is fresh and
 * that real answers fit their schema.
 */
import type { Actor } from '@bti/domain';
import type { AccessAnomaly, AccessLogItem } from '@bti/access-log';
import type { ArenaView, ReferralView } from '@bti/arenas';
import type { DiscussionView } from '@bti/discussions';
import type { FamilyView } from '@bti/families';
import type { FollowUpItem, MeetingSummary, MeetingView, Minutes } from '@bti/meetings';
import type {
  InitiativeMetrics,
  MetricCatalogue,
  MetricTable,
  MunicipalityUse,
} from '@bti/metrics';
import type { MunicipalityView } from '@bti/municipality';
import type { MyChild, TimelinePage, Worklist } from '@bti/overview';
import type { ProgrammeView } from '@bti/programme';
import type { DocumentPage } from '@bti/read-models';
import type { ArchivePackage, StafettloggSummary, StafettloggView } from '@bti/stafettlogg';
import type { ConcernListItem } from '../../../../libs/concerns/src/concerns-queries.controller';
import type { FamilyCopy } from '../../../../libs/overview/src/family-copy-reader';
import type { EventTypeCount } from '../admin/admin.controller';
import type { HealthReport, PublicHealthReport } from '../health/health.controller';

export type {
  AccessAnomaly,
  AccessLogItem,
  Actor,
  ArchivePackage,
  ArenaView,
  ConcernListItem,
  DiscussionView,
  FamilyCopy,
  FamilyView,
  HealthReport,
  InitiativeMetrics,
  MeetingView,
  MetricCatalogue,
  MetricTable,
  Minutes,
  MunicipalityUse,
  MunicipalityView,
  ProgrammeView,
  PublicHealthReport,
  ReferralView,
  StafettloggView,
  TimelinePage,
  Worklist,
};

/** A page of items, each with its id; pass `nextCursor` as `after` for the next. */
export type ArenaPage = DocumentPage<ArenaView>;
export type ConcernPage = DocumentPage<ConcernListItem>;
export type DiscussionPage = DocumentPage<DiscussionView>;
export type EventTypeCountPage = DocumentPage<EventTypeCount>;
export type FollowUpPage = DocumentPage<FollowUpItem>;
export type MeetingSummaryPage = DocumentPage<MeetingSummary>;
export type ReferralPage = DocumentPage<ReferralView>;
export type StafettloggSummaryPage = DocumentPage<StafettloggSummary>;

export interface MyChildren {
  children: MyChild[];
}

/** Reads of a family's case by someone outside it, newest first. */
export interface AccessLogPage {
  items: AccessLogItem[];
  nextCursor: string | null;
}

export interface AccessAnomalyPage {
  items: AccessAnomaly[];
  nextCursor: string | null;
}

/** Every metric's table for one area and period. */
export type MetricTables = MetricTable[];

declare module '@bti/http' {
  /** What each name of `@ApiAnswer` answers: the type check holds every read handler to its name. */
  interface ReadAnswers {
    AccessAnomaly: AccessAnomaly;
    AccessAnomalyPage: AccessAnomalyPage;
    AccessLogItem: AccessLogItem;
    AccessLogPage: AccessLogPage;
    Actor: Actor;
    ArchivePackage: ArchivePackage;
    ArenaPage: ArenaPage;
    ArenaView: ArenaView;
    ConcernListItem: ConcernListItem;
    ConcernPage: ConcernPage;
    DiscussionPage: DiscussionPage;
    DiscussionView: DiscussionView;
    EventTypeCountPage: EventTypeCountPage;
    FamilyCopy: FamilyCopy;
    FamilyView: FamilyView;
    FollowUpPage: FollowUpPage;
    HealthReport: HealthReport;
    InitiativeMetrics: InitiativeMetrics;
    MeetingSummaryPage: MeetingSummaryPage;
    MeetingView: MeetingView;
    MetricCatalogue: MetricCatalogue;
    MetricTable: MetricTable;
    MetricTables: MetricTables;
    Minutes: Minutes;
    MunicipalityUse: MunicipalityUse;
    MunicipalityView: MunicipalityView;
    MyChildren: MyChildren;
    ProgrammeView: ProgrammeView;
    PublicHealthReport: PublicHealthReport;
    ReferralPage: ReferralPage;
    ReferralView: ReferralView;
    StafettloggSummaryPage: StafettloggSummaryPage;
    StafettloggView: StafettloggView;
    TimelinePage: TimelinePage;
    Worklist: Worklist;
  }
}
