import { ROLES as DOMAIN_ROLES, type Actor, type Role as DomainRole } from '@bti/domain';
import type { FamilyView } from '@bti/families';
import type { StafettloggView } from '@bti/stafettlogg';
import type { AccessLogItem as ServerAccessLogItem } from '../../libs/access-log/src/access-log.read-model';
import type {
  MeetingSummary as ServerMeetingSummary,
  MeetingView as ServerMeetingView,
} from '../../libs/meetings/src/meetings.view';
import type { MyChild as ServerMyChild } from '../../libs/overview/src/my-children-reader';
import type {
  AccessLogItem,
  FamilyRegister,
  LogView,
  Me,
  MeetingSummary,
  MeetingView,
  MyChildren,
} from '../../apps/web/src/shared/api/reads';
import { ROLES, type Role } from '../../apps/web/src/shared/paths';

/**
 * The web app declares the answers of the reads the OpenAPI description does not describe
 * (apps/web/src/shared/api/reads.ts). Each must be something the server's own type satisfies: when
 * the server drops or changes a field the app reads, `npm run typecheck` fails on this file.
 */
type Fits<Server, Web> = [Server] extends [Web] ? true : false;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

const fits: {
  me: Fits<Actor, Me>;
  myChildren: Fits<{ children: ServerMyChild[] }, MyChildren>;
  family: Fits<FamilyView, FamilyRegister>;
  log: Fits<StafettloggView, LogView>;
  meetingSummary: Fits<ServerMeetingSummary, MeetingSummary>;
  meeting: Fits<ServerMeetingView, MeetingView>;
  accessLog: Fits<ServerAccessLogItem, AccessLogItem>;
  roles: Same<DomainRole, Role>;
} = {
  me: true,
  myChildren: true,
  family: true,
  log: true,
  meetingSummary: true,
  meeting: true,
  accessLog: true,
  roles: true,
};

describe('the web app’s read types', () => {
  it('are satisfied by the server’s own types (checked by the type check)', () => {
    expect(Object.values(fits).every(Boolean)).toBe(true);
  });

  it('know every role the API’s tokens carry, in its order', () => {
    expect([...ROLES]).toEqual([...DOMAIN_ROLES]);
  });
});
