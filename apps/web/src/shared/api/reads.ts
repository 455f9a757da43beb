/**
 * The answers of the reads the web app uses, by the names the app knows them by: each is the schema
 * the API's OpenAPI description gives (generated from the server's own types into openapi.d.ts), so
 * when the server changes an answer, `npm run web:api-types` and the type check show every place
 * the app reads it.
 */
import type { components } from './openapi';

/** The answers' schemas, as openapi-typescript makes them of the API's description. */
export type Schemas = components['schemas'];

export type Me = Schemas['Actor'];
export type InformationCategory = Schemas['InformationCategory'];
export type SubjectKind = Schemas['SubjectKind'];
export type LogStatus = Schemas['StafettloggView']['status'];
export type NamedStaff = Schemas['NamedStaff'];
export type NamedService = NonNullable<Schemas['MyChildLog']['samordningsansvar']>;
export type MeetingLocation = Schemas['MeetingLocationAsRead'];
export type MyChildLog = Schemas['MyChildLog'];
export type MyChild = Schemas['MyChild'];
export type MyChildren = Schemas['MyChildren'];
export type FamilyRegister = Schemas['FamilyView'];
export type StaffRef = Schemas['StaffRef'];
export type ConsentView = Schemas['ConsentView'];
export type EntryKind = Schemas['EntryKind'];
export type EntryView = Schemas['EntryView'];
export type MeasureView = Schemas['MeasureView'];
export type LogView = Schemas['StafettloggView'];
export type MeetingStatus = Schemas['MeetingView']['status'];
export type MeetingStaff = Schemas['MeetingView']['chair'];
export type MeetingActorView = Schemas['ActorView'];
export type AttendanceMode = Schemas['AttendanceMode'];
export type AttendeeView = Schemas['AttendeeView'];
export type MeetingSummary = Schemas['MeetingSummary'];
export type MeetingView = Schemas['MeetingView'];
export type ReadTarget = Schemas['ReadTarget'];
export type AccessLogItem = Schemas['AccessLogItem'];

/** A page of a list, and one of documents with their ids. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface DocumentPage<T> {
  items: { id: string; document: T }[];
  nextCursor: string | null;
}
