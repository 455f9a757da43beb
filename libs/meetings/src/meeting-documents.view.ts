import type { AttendanceMode, DecisionKind } from '@bti/domain';
import { erasable } from '@bti/http';
import type { MeetingView } from './meetings.view';

/**
 * The minutes (referat) the family receives, and the calendar invitation: both made from the meeting
 * as the reader may see it, in plain Norwegian words (the referat in bokmål or nynorsk).
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

/** The written standards a referat is given in: bokmål by default, or nynorsk. */
export const MINUTES_LANGUAGES = ['nb', 'nn'] as const;
export type MinutesLanguage = (typeof MINUTES_LANGUAGES)[number];

/** Every word of a referat that is not the meeting's own, in each written standard. */
const WORDS = {
  nb: {
    title: 'Referat fra samordningsmøte',
    kinds: {
      measure: 'Tiltak',
      level_change: 'Nytt nivå',
      stafettholder: 'Ny stafettholder',
      samordningsansvar: 'Samordningsansvar',
      referral: 'Henvisning',
      other: 'Avtale',
    } satisfies Record<DecisionKind, string>,
    modes: {
      present: 'til stede',
      digital: 'digitalt',
      absent: 'fraværende',
      not_invited: 'ikke invitert',
    } satisfies Record<AttendanceMode, string>,
    video: 'Videomøte',
    notHeard: 'Barnets stemme ble ikke hørt i møtet',
    formalDecision: (service: string, reference: string) =>
      `Vedtak fattes i ${service} sitt system: ${reference}`,
    when: 'Tid',
    where: 'Sted',
    chair: 'Møteleder',
    present: 'Til stede',
    absent: 'Fraværende',
    guardiansSaid: 'Dette fortalte foresatte',
    perspectives: 'Tjenestenes perspektiv',
    sharedUnderstanding: 'Felles forståelse',
    childsVoice: 'Barnets stemme',
    notRecorded: 'ikke registrert',
    decided: 'Dette ble bestemt',
    responsible: 'Ansvarlig',
    deadline: 'Frist',
    nextMeeting: 'Neste møte',
    notAgreed: 'ikke avtalt',
  },
  nn: {
    title: 'Referat frå samordningsmøte',
    kinds: {
      measure: 'Tiltak',
      level_change: 'Nytt nivå',
      stafettholder: 'Ny stafetthaldar',
      samordningsansvar: 'Samordningsansvar',
      referral: 'Tilvising',
      other: 'Avtale',
    } satisfies Record<DecisionKind, string>,
    modes: {
      present: 'til stades',
      digital: 'digitalt',
      absent: 'fråverande',
      not_invited: 'ikkje invitert',
    } satisfies Record<AttendanceMode, string>,
    video: 'Videomøte',
    notHeard: 'Stemma til barnet vart ikkje høyrd i møtet',
    formalDecision: (service: string, reference: string) =>
      `Vedtak blir gjort i systemet til ${service}: ${reference}`,
    when: 'Tid',
    where: 'Stad',
    chair: 'Møteleiar',
    present: 'Til stades',
    absent: 'Fråverande',
    guardiansSaid: 'Dette fortalde dei føresette',
    perspectives: 'Perspektivet til tenestene',
    sharedUnderstanding: 'Felles forståing',
    childsVoice: 'Stemma til barnet',
    notRecorded: 'ikkje registrert',
    decided: 'Dette vart bestemt',
    responsible: 'Ansvarleg',
    deadline: 'Frist',
    nextMeeting: 'Neste møte',
    notAgreed: 'ikkje avtalt',
  },
} as const;

const OSLO_TIME = new Intl.DateTimeFormat('nb-NO', {
  timeZone: 'Europe/Oslo',
  dateStyle: 'full',
  timeStyle: 'short',
});
const OSLO_DATE = new Intl.DateTimeFormat('nb-NO', { timeZone: 'UTC', dateStyle: 'long' });

export const norwegianTime = (instant: string) => OSLO_TIME.format(new Date(instant));
/** A calendar date (YYYY-MM-DD) in words: "17. desember 2026". */
export const norwegianDate = (date: string) => OSLO_DATE.format(new Date(`${date}T00:00:00Z`));

function whereOf(view: MeetingView, video: string): string {
  return view.location.kind === 'place' ? erasable(view.location.place) : video;
}

/**
 * The referat in bokmål or nynorsk (the dates are written alike in both: "17. desember 2026").
 */
export function minutesOf(view: MeetingView, language: MinutesLanguage = 'nb'): Minutes {
  const words = WORDS[language];
  const people = (view.attendance ?? []).map((a) => ({
    label: a.kind === 'staff' ? `${a.name} (${a.serviceName})` : erasable(a.name),
    mode: a.mode,
  }));
  const there = people.filter((p) => p.mode === 'present' || p.mode === 'digital');
  const minutes: Omit<Minutes, 'text'> = {
    meetingId: view.meetingId,
    title: words.title,
    when: norwegianTime(view.startsAt),
    where: whereOf(view, words.video),
    chair: `${view.chair.name} (${view.chair.serviceName})`,
    present: there.map((p) => `${p.label}, ${words.modes[p.mode]}`),
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
        : `${words.notHeard}: ${erasable(view.childsVoice.reasonNotHeard)}`
      : null,
    decisions: view.decisions.map((d) => ({
      what: erasable(d.text),
      kind: words.kinds[d.kind],
      who: `${d.responsible.name} (${d.responsible.serviceName})`,
      byWhen: norwegianDate(d.deadline),
      formalDecision: d.formalDecision
        ? words.formalDecision(d.formalDecision.serviceId, d.formalDecision.reference)
        : null,
    })),
    nextMeeting: view.nextMeetingDate ? norwegianDate(view.nextMeetingDate) : null,
  };
  const lines = [
    minutes.title,
    `${words.when}: ${minutes.when}`,
    `${words.where}: ${minutes.where}`,
    `${words.chair}: ${minutes.chair}`,
    '',
    `${words.present}:`,
    ...minutes.present.map((p) => `- ${p}`),
    ...(minutes.absent.length > 0
      ? [`${words.absent}:`, ...minutes.absent.map((p) => `- ${p}`)]
      : []),
    '',
    `${words.guardiansSaid}:`,
    ...minutes.guardiansSaid.map((t) => `- ${t}`),
    '',
    `${words.perspectives}:`,
    ...minutes.perspectives.map((p) => `- ${p.service}: ${p.text}`),
    ...(minutes.sharedUnderstanding.length > 0
      ? ['', `${words.sharedUnderstanding}:`, ...minutes.sharedUnderstanding.map((t) => `- ${t}`)]
      : []),
    '',
    `${words.childsVoice}: ${minutes.childsVoice ?? words.notRecorded}`,
    '',
    `${words.decided}:`,
    ...minutes.decisions.flatMap((d) => [
      `- ${d.kind}: ${d.what}`,
      `  ${words.responsible}: ${d.who}. ${words.deadline}: ${d.byWhen}.`,
      ...(d.formalDecision ? [`  ${d.formalDecision}`] : []),
    ]),
    '',
    `${words.nextMeeting}: ${minutes.nextMeeting ?? words.notAgreed}`,
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
    `LOCATION:${icsText(whereOf(view, WORDS.nb.video))}`,
    ...(view.location.kind === 'video' && view.location.link ? [`URL:${view.location.link}`] : []),
    `DESCRIPTION:${icsText(
      `Samordningsmøte ledet av ${view.chair.name} (${view.chair.serviceName}). Saksliste og referat finner du i tjenesten.`,
    )}`,
    'END:VEVENT',
    'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
