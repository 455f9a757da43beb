import type { AttendanceMode, DecisionKind } from '@bti/domain';
import { erasable } from '@bti/http';
import type { MeetingView } from './meetings.view';

/**
 * The minutes (referat) the family receives, and the calendar invitation: both made from the meeting
 * as the reader may see it, in plain Norwegian words.
 */
export interface Minutes {
  meetingId: string;
  title: string;
  when: string;
  where: string;
  chair: string;
  present: string[];
  absent: string[];
  guardiansSaid: string[];
  perspectives: { service: string; text: string }[];
  sharedUnderstanding: string[];
  childsVoice: string | null;
  decisions: {
    what: string;
    kind: string;
    who: string;
    byWhen: string;
    formalDecision: string | null;
  }[];
  nextMeeting: string | null;
  /** The whole referat as text, ready to print or send. */
  text: string;
}

const KIND_WORDS: Record<DecisionKind, string> = {
  measure: 'Tiltak',
  level_change: 'Nytt nivå',
  stafettholder: 'Ny stafettholder',
  samordningsansvar: 'Samordningsansvar',
  referral: 'Henvisning',
  other: 'Avtale',
};
const MODE_WORDS: Record<AttendanceMode, string> = {
  present: 'til stede',
  digital: 'digitalt',
  absent: 'fraværende',
  not_invited: 'ikke invitert',
};

const OSLO_TIME = new Intl.DateTimeFormat('nb-NO', {
  timeZone: 'Europe/Oslo',
  dateStyle: 'full',
  timeStyle: 'short',
});
const OSLO_DATE = new Intl.DateTimeFormat('nb-NO', { timeZone: 'UTC', dateStyle: 'long' });

export const norwegianTime = (instant: string) => OSLO_TIME.format(new Date(instant));
/** A calendar date (YYYY-MM-DD) in words: "17. desember 2026". */
export const norwegianDate = (date: string) => OSLO_DATE.format(new Date(`${date}T00:00:00Z`));

function whereOf(view: MeetingView): string {
  return view.location.kind === 'place' ? erasable(view.location.place) : 'Videomøte';
}

export function minutesOf(view: MeetingView): Minutes {
  const people = (view.attendance ?? []).map((a) => ({
    label: a.kind === 'staff' ? `${a.name} (${a.serviceName})` : erasable(a.name),
    mode: a.mode,
  }));
  const there = people.filter((p) => p.mode === 'present' || p.mode === 'digital');
  const minutes: Omit<Minutes, 'text'> = {
    meetingId: view.meetingId,
    title: 'Referat fra samordningsmøte',
    when: norwegianTime(view.startsAt),
    where: whereOf(view),
    chair: `${view.chair.name} (${view.chair.serviceName})`,
    present: there.map((p) => `${p.label}, ${MODE_WORDS[p.mode]}`),
    absent: people.filter((p) => p.mode === 'absent').map((p) => p.label),
    guardiansSaid: view.guardianStatements.map((s) => erasable(s.text)),
    perspectives: view.perspectives.map((p) => ({
      service: p.service.name,
      text: erasable(p.text),
    })),
    sharedUnderstanding: view.sharedUnderstanding.map((u) => erasable(u.text)),
    childsVoice: view.childsVoice
      ? view.childsVoice.heard
        ? erasable(view.childsVoice.text)
        : `Barnets stemme ble ikke hørt i møtet: ${erasable(view.childsVoice.reasonNotHeard)}`
      : null,
    decisions: view.decisions.map((d) => ({
      what: erasable(d.text),
      kind: KIND_WORDS[d.kind],
      who: `${d.responsible.name} (${d.responsible.serviceName})`,
      byWhen: norwegianDate(d.deadline),
      formalDecision: d.formalDecision
        ? `Vedtak fattes i ${d.formalDecision.serviceId} sitt system: ${d.formalDecision.reference}`
        : null,
    })),
    nextMeeting: view.nextMeetingDate ? norwegianDate(view.nextMeetingDate) : null,
  };
  const lines = [
    minutes.title,
    `Tid: ${minutes.when}`,
    `Sted: ${minutes.where}`,
    `Møteleder: ${minutes.chair}`,
    '',
    'Til stede:',
    ...minutes.present.map((p) => `- ${p}`),
    ...(minutes.absent.length > 0 ? ['Fraværende:', ...minutes.absent.map((p) => `- ${p}`)] : []),
    '',
    'Dette fortalte foresatte:',
    ...minutes.guardiansSaid.map((t) => `- ${t}`),
    '',
    'Tjenestenes perspektiv:',
    ...minutes.perspectives.map((p) => `- ${p.service}: ${p.text}`),
    ...(minutes.sharedUnderstanding.length > 0
      ? ['', 'Felles forståelse:', ...minutes.sharedUnderstanding.map((t) => `- ${t}`)]
      : []),
    '',
    `Barnets stemme: ${minutes.childsVoice ?? 'ikke registrert'}`,
    '',
    'Dette ble bestemt:',
    ...minutes.decisions.flatMap((d) => [
      `- ${d.kind}: ${d.what}`,
      `  Ansvarlig: ${d.who}. Frist: ${d.byWhen}.`,
      ...(d.formalDecision ? [`  ${d.formalDecision}`] : []),
    ]),
    '',
    minutes.nextMeeting ? `Neste møte: ${minutes.nextMeeting}` : 'Neste møte: ikke avtalt',
  ];
  return { ...minutes, text: lines.join('\n') };
}

/** RFC 5545 text: backslash, semicolon, comma and newline escaped. */
const icsText = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
const icsTime = (instant: string) =>
  new Date(instant)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** Lines longer than 75 octets are folded with CRLF and a space (RFC 5545 §3.1). */
function fold(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  while (start < bytes.length) {
    let end = Math.min(start + (start === 0 ? 75 : 74), bytes.length);
    // Never cut a UTF-8 character in two.
    while (end < bytes.length && (bytes[end] & 0xc0) === 0x80) end--;
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
  }
  return parts.join('\r\n ');
}

/**
 * The invitation as an iCalendar event. It names no child and no family member: a calendar entry
 * travels through mail and phones that are not ours.
 */
export function invitationOf(view: MeetingView, now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//BTI samordning//Samordningsmøte//NO',
    'METHOD:PUBLISH',
    'BEGIN:VEVENT',
    `UID:${view.meetingId}@bti-samordning`,
    `DTSTAMP:${icsTime(now.toISOString())}`,
    `DTSTART:${icsTime(view.startsAt)}`,
    `DURATION:PT${view.durationMinutes}M`,
    `SEQUENCE:${view.scheduleSequence}`,
    `STATUS:${view.status === 'cancelled' ? 'CANCELLED' : 'CONFIRMED'}`,
    `SUMMARY:${icsText('Samordningsmøte')}`,
    `LOCATION:${icsText(whereOf(view))}`,
    ...(view.location.kind === 'video' && view.location.link ? [`URL:${view.location.link}`] : []),
    `DESCRIPTION:${icsText(
      `Samordningsmøte ledet av ${view.chair.name} (${view.chair.serviceName}). Saksliste og referat finner du i tjenesten.`,
    )}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
