/**
 * The answers of the reads the staff screens use, by the names the screens know them by: each is
 * the schema the API's OpenAPI description gives (generated from the server's own types into
 * shared/api/openapi.d.ts).
 */
import type { DocumentPage, InformationCategory, Schemas, StaffRef } from '../../shared/api/reads';

export type { DocumentPage, InformationCategory, StaffRef };

export interface Section<Item> {
  total: number;
  items: Item[];
}

/** `GET /me/worklist`: what the signed-in staff member must act on. */
export type Worklist = Schemas['Worklist'];
/** A child an item is about, named from the family register of the staff member's municipality. */
export type ChildRef = Pick<
  Worklist['batons']['items'][number],
  'familyId' | 'subjectId' | 'childName'
>;
export type BtiLevel = Schemas['BtiLevel'];
export type Handlingsveileder = Schemas['Handlingsveileder'];
export type CatalogueEntry = Schemas['CatalogueEntry'];
/** `GET /municipalities/:id`: services, staff, the handlingsveileder and the service catalogue. */
export type Municipality = Schemas['MunicipalityView'];
export type ConcernKind = Schemas['ConcernKind'];
export type ConcernOutcome = Schemas['ConcernOutcome'];
export type TalkParty = Schemas['TalkParty'];
/** `GET /concerns` and `GET /concerns/:id`: one of your service's concerns. */
export type Concern = Schemas['ConcernListItem'];
/** `GET /stafettlogger?familyId=`: one of a family's logs, as far as you may see it. */
export type LogSummary = Schemas['StafettloggSummary'];
export type EntryKind = Schemas['EntryKind'];
export type StaffConsent = Schemas['ConsentView'];
export type StaffEntry = Schemas['EntryView'];
export type GoalAttainment = Schemas['GoalAttainment'];
export type MeasureDecision = Schemas['MeasureDecision'];
export type StaffMeasure = Schemas['MeasureView'];
/** `GET /stafettlogger/:id`: the log as a service may see it. */
export type StaffLog = Schemas['StafettloggView'];
/** `GET /arenas`: a team of the municipality, with its intake criteria. */
export type Team = Schemas['ArenaView'];
/** `GET /arenas/:id/referrals`: one case in a team's intake queue. */
export type Referral = Schemas['ReferralView'];
