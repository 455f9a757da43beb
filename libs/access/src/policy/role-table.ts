import type {
  ArenaCommand,
  ConcernCommand,
  DiscussionCommand,
  FamilyCommand,
  MeetingCommand,
  MunicipalityCommand,
  ProgrammeCommand,
  Role,
  StafettloggCommand,
} from '@bti/domain';

const STAFF = ['staff', 'coordinator'] as const satisfies readonly Role[];
const FAMILY_AND_STAFF = [
  'staff',
  'coordinator',
  'guardian',
  'youth',
] as const satisfies readonly Role[];
const ADMIN = ['admin'] as const satisfies readonly Role[];
const GUARDIAN_AND_STAFF = ['staff', 'coordinator', 'guardian'] as const satisfies readonly Role[];

/**
 * Which roles may send each command: the first gate, checked before the command reaches its handler.
 * The finer rules (own municipality, a log you may know, consent) follow in the handler and decider.
 * Typed by each context's command union, so a new command does not compile until it has its row.
 */
export const COMMAND_ROLES: {
  readonly municipality: Record<MunicipalityCommand['type'], readonly Role[]>;
  readonly family: Record<FamilyCommand['type'], readonly Role[]>;
  readonly concern: Record<ConcernCommand['type'], readonly Role[]>;
  readonly stafettlogg: Record<StafettloggCommand['type'], readonly Role[]>;
  readonly meeting: Record<MeetingCommand['type'], readonly Role[]>;
  readonly arena: Record<ArenaCommand['type'], readonly Role[]>;
  readonly discussion: Record<DiscussionCommand['type'], readonly Role[]>;
  readonly programme: Record<ProgrammeCommand['type'], readonly Role[]>;
} = {
  municipality: {
    EnrolMunicipality: ADMIN,
    RegisterService: ADMIN,
    RegisterStaff: ADMIN,
    DeactivateStaff: ADMIN,
    ReactivateStaff: ADMIN,
    ConfigureHandlingsveileder: ADMIN,
    AddCatalogueEntry: ADMIN,
  },
  family: {
    RegisterFamily: STAFF,
    AddSubject: STAFF,
    RecordBirth: STAFF,
    LinkSubjectIdentity: STAFF,
    AddGuardian: STAFF,
    EraseFamily: ADMIN,
  },
  concern: { NoteConcern: STAFF, RecordConcernTalk: STAFF, DecideConcern: STAFF },
  stafettlogg: {
    StartStafettlogg: STAFF,
    RequestConsent: STAFF,
    GiveConsent: FAMILY_AND_STAFF,
    RefuseConsent: FAMILY_AND_STAFF,
    WithdrawConsent: FAMILY_AND_STAFF,
    RenewConsent: FAMILY_AND_STAFF,
    OpenStafettlogg: STAFF,
    JoinService: STAFF,
    AddEntry: FAMILY_AND_STAFF,
    PlanMeasure: STAFF,
    StartMeasure: STAFF,
    EvaluateMeasure: STAFF,
    EndMeasure: STAFF,
    OfferHandover: STAFF,
    AcceptHandover: STAFF,
    DeclineHandover: STAFF,
    AssignSamordningsansvar: STAFF,
    ChangeLevel: STAFF,
    MoveToCurrentRules: STAFF,
    CloseStafettlogg: STAFF,
    ReopenStafettlogg: STAFF,
    GrantGuardianReadAccess: STAFF,
    RevokeGuardianReadAccess: STAFF,
    ChooseGuardianSharing: ['youth'],
  },
  meeting: {
    ScheduleMeeting: STAFF,
    AddAgendaItem: FAMILY_AND_STAFF,
    RescheduleMeeting: STAFF,
    CancelMeeting: STAFF,
    StartMeeting: STAFF,
    RecordGuardianStatement: GUARDIAN_AND_STAFF,
    RecordServicePerspective: STAFF,
    RecordSharedUnderstanding: STAFF,
    RecordChildsVoice: STAFF,
    RecordMeetingDecision: STAFF,
    EvaluateMeeting: FAMILY_AND_STAFF,
    EndMeeting: STAFF,
    RecordEttermote: STAFF,
    // Sent by the decision saga on behalf of the decision's chair; no route takes it.
    RecordDecisionFollowUp: STAFF,
    ResolveDecisionFollowUp: STAFF,
  },
  arena: {
    EstablishArena: ADMIN,
    UpdateArena: ADMIN,
    ReferCase: FAMILY_AND_STAFF,
    AcceptReferral: STAFF,
    DeclineReferral: STAFF,
  },
  discussion: { OpenAnonymousDiscussion: STAFF, AdviseInDiscussion: STAFF },
  programme: {
    RegisterInitiative: ADMIN,
    ChangeInitiativeStatus: ADMIN,
    AddEvaluationReport: ADMIN,
    AllocateGrant: ADMIN,
    CommitFunds: ADMIN,
    MarkBaseline: ADMIN,
  },
};

export type CommandContextName = keyof typeof COMMAND_ROLES;

/** Which roles may make each query. */
export const QUERY_ROLES = {
  me: ['staff', 'coordinator', 'guardian', 'youth', 'analyst', 'admin', 'operator'],
  municipality: ['admin', 'staff', 'coordinator'],
  family: ['staff', 'coordinator', 'guardian'],
  concerns: STAFF,
  stafettlogg: [...FAMILY_AND_STAFF, 'archivist'],
  stafettloggList: FAMILY_AND_STAFF,
  archivePackage: ['archivist'],
  installation: ['operator', 'admin'],
  meeting: FAMILY_AND_STAFF,
  meetingFollowUps: STAFF,
  arenas: ['staff', 'coordinator', 'admin', 'guardian', 'youth'],
  arenaReferrals: STAFF,
  discussions: STAFF,
  programme: ['admin', 'analyst', 'staff', 'coordinator'],
  timeline: ['staff', 'coordinator', 'guardian', 'youth'],
  myChildren: ['guardian', 'youth'],
  worklist: STAFF,
  metrics: ['analyst', 'admin', 'coordinator'],
  municipalityUse: ['admin', 'coordinator'],
  accessLog: ['guardian', 'youth'],
  familyCopy: ['guardian', 'youth'],
  consentForm: FAMILY_AND_STAFF,
  accessAnomalies: ['admin', 'coordinator'],
} as const satisfies Record<string, readonly Role[]>;
