import {
  Alert,
  Button,
  Checkbox,
  Field,
  Fieldset,
  Heading,
  Label,
  Paragraph,
  Select,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../../../shared/api/use-command';
import { todayInOslo } from '../../../../shared/format/format';
import { useFormat } from '../../../../shared/format/use-format';
import { ChoiceField } from '../../components/choice-field';
import { CommandError } from '../../components/command-error';
import { ProblemSummary, useProblems } from '../../components/form-errors';
import { meetingCommands, type AttendeeInput, type StartInput } from '../../commands';
import type { AttendanceMode, CoordinatorMeeting } from '../../reads';
import { mayChair, meetingStaff, type MeetingContext } from './context';
import { MoveOrCancel } from './move-or-cancel';
import { useErasable } from '../../../../shared/format/use-erasable';

/** Before the meeting: the agenda (anyone invited adds to it) and, on the day, the start. */
export function ScheduledMeeting(context: MeetingContext) {
  return (
    <>
      <AgendaSection meeting={context.meeting} />
      {mayChair(context) && <StartSection {...context} />}
      {mayChair(context) && <MoveOrCancel meeting={context.meeting} />}
    </>
  );
}

export function AgendaList({ meeting }: { readonly meeting: CoordinatorMeeting }) {
  const erasable = useErasable();
  const { t } = useTranslation('coordinator');
  if (meeting.agenda.length === 0) return <Paragraph>{t('agenda.none')}</Paragraph>;
  return (
    <ol className="agenda">
      {meeting.agenda.map((item, i) => (
        // An erased family's items have no id left.
        <li key={item.itemId ?? i}>
          <Paragraph>{erasable(item.text)}</Paragraph>
          <Paragraph data-size="sm" className="muted">
            {t('agenda.addedBy', { name: erasable(item.addedBy.name) })}
          </Paragraph>
        </li>
      ))}
    </ol>
  );
}

function AgendaSection({ meeting }: { readonly meeting: CoordinatorMeeting }) {
  const { t } = useTranslation('coordinator');
  const [itemId, setItemId] = useState(() => crypto.randomUUID());
  const [text, setText] = useState('');
  const { problems, check, of } = useProblems();
  const add = useCommand(meetingCommands.addAgendaItem, {
    onSuccess: () => {
      setText('');
      setItemId(crypto.randomUUID());
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!check(text.trim() ? {} : { 'agenda-text': t('agenda.problem') })) return;
    add.mutate({ meetingId: meeting.meetingId, itemId, text: text.trim() });
  };
  return (
    <section className="stack" aria-labelledby="agenda-heading">
      <Heading level={2} data-size="sm" id="agenda-heading">
        {t('agenda.heading')}
      </Heading>
      <AgendaList meeting={meeting} />
      <form className="stack form" onSubmit={submit} noValidate>
        <ProblemSummary problems={problems} />
        <Textfield
          id="agenda-text"
          label={t('agenda.add')}
          description={t('agenda.addHelp')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={of('agenda-text')}
        />
        <CommandError command={add} />
        <div className="actions">
          <Button type="submit" variant="secondary" loading={add.isPending}>
            {t('agenda.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}

type StaffMode = 'away' | 'present' | 'digital';
const GUARDIAN_MODES = [
  'present',
  'digital',
  'absent',
] as const satisfies readonly AttendanceMode[];

/**
 * The start of the meeting, with who came: each invited guardian (in the room, on video or not
 * there — the API wants each one named), the staff of the invited services who are there and who
 * may decide for their service. The chair must be there.
 */
function StartSection(context: MeetingContext) {
  const erasable = useErasable();
  const { meeting } = context;
  const { t } = useTranslation('coordinator');
  const format = useFormat();
  const services = meetingStaff(context);
  const chairKey = `${meeting.chair.staffId}|${meeting.chair.serviceId}`;
  const [family, setFamily] = useState<Record<string, AttendanceMode | null>>({});
  const [staff, setStaff] = useState<Record<string, StaffMode>>({ [chairKey]: 'present' });
  const [authority, setAuthority] = useState<Record<string, boolean>>({ [chairKey]: true });
  const { problems, check, of } = useProblems();
  const start = useCommand((input: StartInput, commandId: string) =>
    meetingCommands.start(input, commandId),
  );
  const today = todayInOslo();
  const day = todayInOslo(new Date(meeting.startsAt));
  const modeWords = GUARDIAN_MODES.map((mode) => ({ value: mode, label: t(`mode.${mode}`) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    for (const g of meeting.invitedGuardians)
      if (!family[`guardian:${g.guardianId}`])
        found[`start-guardian-${g.guardianId}`] = t('start.problems.guardian', { name: g.name });
    for (const y of meeting.invitedYouth)
      if (!family[`youth:${y.subjectId}`])
        found[`start-youth-${y.subjectId}`] = t('start.problems.guardian', { name: y.name });
    if ((staff[chairKey] ?? 'away') === 'away')
      found[`start-staff-${meeting.chair.staffId}`] = t('start.problems.chair', {
        name: meeting.chair.name,
      });
    if (!check(found)) return;
    const attendance: AttendeeInput[] = [
      ...meeting.invitedGuardians.map((g): AttendeeInput => ({
        kind: 'guardian',
        guardianId: g.guardianId,
        mode: family[`guardian:${g.guardianId}`] ?? 'absent',
        decisionAuthority: false,
      })),
      ...meeting.invitedYouth.map((y): AttendeeInput => ({
        kind: 'youth',
        subjectId: y.subjectId,
        mode: family[`youth:${y.subjectId}`] ?? 'absent',
        decisionAuthority: false,
      })),
      ...Object.entries(staff)
        .filter(([, mode]) => mode !== 'away')
        .map(([key, mode]): AttendeeInput => {
          const [staffId, serviceId] = key.split('|');
          return {
            kind: 'staff',
            staffId,
            serviceId,
            mode: mode === 'digital' ? 'digital' : 'present',
            decisionAuthority: authority[key] ?? false,
          };
        }),
    ];
    start.mutate({ meetingId: meeting.meetingId, attendance });
  };

  return (
    <section className="stack" aria-labelledby="start-heading">
      <Heading level={2} data-size="sm" id="start-heading">
        {t('start.heading')}
      </Heading>
      {day > today ? (
        <Alert data-color="info">{t('start.notToday', { date: format.date(day) })}</Alert>
      ) : (
        <Paragraph>{t('start.intro')}</Paragraph>
      )}
      <form className="stack form" onSubmit={submit} noValidate>
        <ProblemSummary problems={problems} />
        <Heading level={3} data-size="xs">
          {t('start.familyHeading')}
        </Heading>
        {meeting.invitedGuardians.length === 0 && meeting.invitedYouth.length === 0 && (
          <Paragraph>{t('start.noFamily')}</Paragraph>
        )}
        {meeting.invitedGuardians.map((g) => (
          <ChoiceField
            key={g.guardianId}
            id={`start-guardian-${g.guardianId}`}
            legend={erasable(g.name)}
            choices={modeWords}
            value={family[`guardian:${g.guardianId}`] ?? null}
            onChange={(mode) => setFamily({ ...family, [`guardian:${g.guardianId}`]: mode })}
            error={of(`start-guardian-${g.guardianId}`)}
          />
        ))}
        {meeting.invitedYouth.map((y) => (
          <ChoiceField
            key={y.subjectId}
            id={`start-youth-${y.subjectId}`}
            legend={erasable(y.name)}
            choices={modeWords}
            value={family[`youth:${y.subjectId}`] ?? null}
            onChange={(mode) => setFamily({ ...family, [`youth:${y.subjectId}`]: mode })}
            error={of(`start-youth-${y.subjectId}`)}
          />
        ))}

        <Heading level={3} data-size="xs">
          {t('start.staffHeading')}
        </Heading>
        <Paragraph data-size="sm">{t('start.staffHelp')}</Paragraph>
        {services.map((service) => (
          <Fieldset key={service.serviceId}>
            <Fieldset.Legend>{service.name}</Fieldset.Legend>
            <div className="staff-grid">
              {service.staff.map((person) => {
                const key = `${person.staffId}|${person.serviceId}`;
                const mode = staff[key] ?? 'away';
                const id = `start-staff-${person.staffId}`;
                return (
                  <div key={key} className="staff-row">
                    <Field>
                      <Label htmlFor={id}>{person.displayName}</Label>
                      <Select
                        id={id}
                        value={mode}
                        aria-invalid={of(id) ? true : undefined}
                        onChange={(e) => setStaff({ ...staff, [key]: e.target.value as StaffMode })}
                      >
                        <Select.Option value="away">{t('mode.away')}</Select.Option>
                        <Select.Option value="present">{t('mode.present')}</Select.Option>
                        <Select.Option value="digital">{t('mode.digital')}</Select.Option>
                      </Select>
                      {of(id) && <ValidationMessage>{of(id)}</ValidationMessage>}
                    </Field>
                    {mode !== 'away' && (
                      <Checkbox
                        label={t('start.authority', { service: service.name })}
                        checked={authority[key] ?? false}
                        onChange={(e) => setAuthority({ ...authority, [key]: e.target.checked })}
                      />
                    )}
                  </div>
                );
              })}
            </div>
          </Fieldset>
        ))}
        <CommandError command={start} />
        <div className="actions">
          <Button type="submit" loading={start.isPending}>
            {t('start.submit')}
          </Button>
        </div>
      </form>
    </section>
  );
}
