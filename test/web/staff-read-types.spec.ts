import type { ArenaView, ReferralView } from '@bti/arenas';
import type { MunicipalityView } from '@bti/municipality';
import type { Worklist as ServerWorklist } from '@bti/overview';
import type { StafettloggSummary, StafettloggView } from '@bti/stafettlogg';
import type { ConcernListItem } from '../../libs/concerns/src/concerns-queries.controller';
import type {
  Concern,
  LogSummary,
  Municipality,
  Referral,
  StaffLog,
  Team,
  Worklist,
} from '../../apps/web/src/personas/staff/reads';

/**
 * The staff screens declare the answers of the reads they use (apps/web/src/personas/staff/reads.ts).
 * Each must be something the server's own type satisfies: when the server drops or changes a field
 * the staff screens read, `npm run typecheck` fails on this file.
 */
type Fits<Server, Web> = [Server] extends [Web] ? true : false;

const fits: {
  worklist: Fits<ServerWorklist, Worklist>;
  municipality: Fits<MunicipalityView, Municipality>;
  concern: Fits<ConcernListItem, Concern>;
  logSummary: Fits<StafettloggSummary, LogSummary>;
  log: Fits<StafettloggView, StaffLog>;
  team: Fits<ArenaView, Team>;
  referral: Fits<ReferralView, Referral>;
} = {
  worklist: true,
  municipality: true,
  concern: true,
  logSummary: true,
  log: true,
  team: true,
  referral: true,
};

describe('the staff screens’ read types', () => {
  it('are satisfied by the server’s own types (checked by the type check)', () => {
    expect(Object.values(fits).every(Boolean)).toBe(true);
  });
});
