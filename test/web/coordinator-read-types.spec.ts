import type { MunicipalityView } from '@bti/municipality';
import type { Worklist } from '../../libs/overview/src/worklist-reader';
import type { Minutes as ServerMinutes } from '../../libs/meetings/src/meeting-documents.view';
import type { FollowUpItem } from '../../libs/meetings/src/meetings-reader';
import type {
  MeetingSummary as ServerMeetingSummary,
  MeetingView as ServerMeetingView,
} from '../../libs/meetings/src/meetings.view';
import type { StafettloggSummary } from '../../libs/stafettlogg/src/stafettlogg-reader';
import type {
  CoordinatorMeeting,
  CoordinatorMeetingSummary,
  CoordinatorWorklist,
  FollowUp,
  LogSummary,
  Minutes,
  MunicipalityRegister,
} from '../../apps/web/src/personas/coordinator/reads';

/**
 * The coordinator's screens declare the answers of the reads they use
 * (apps/web/src/personas/coordinator/reads.ts). Each must be something the server's own type
 * satisfies: when the server drops or changes a field the screens read, `npm run typecheck` fails
 * on this file.
 */
type Fits<Server, Web> = [Server] extends [Web] ? true : false;

const fits: {
  worklist: Fits<Worklist, CoordinatorWorklist>;
  municipality: Fits<MunicipalityView, MunicipalityRegister>;
  logSummary: Fits<StafettloggSummary, LogSummary>;
  meeting: Fits<ServerMeetingView, CoordinatorMeeting>;
  meetingSummary: Fits<ServerMeetingSummary, CoordinatorMeetingSummary>;
  followUp: Fits<FollowUpItem, FollowUp>;
  minutes: Fits<ServerMinutes, Minutes>;
} = {
  worklist: true,
  municipality: true,
  logSummary: true,
  meeting: true,
  meetingSummary: true,
  followUp: true,
  minutes: true,
};

describe('the coordinator’s read types', () => {
  it('are satisfied by the server’s own types (checked by the type check)', () => {
    expect(Object.values(fits).every(Boolean)).toBe(true);
  });
});
