import {
  Button,
  Checkbox,
  Fieldset,
  Heading,
  Paragraph,
  Select,
  Textfield,
  ValidationMessage,
  Field,
  Label,
} from '@digdir/designsystemet-react';
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import type { FamilyRegister } from '../../../shared/api/reads';
import { useCommand } from '../../../shared/api/use-command';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { todayInOslo } from '../../../shared/format/format';
import { useFormat } from '../../../shared/format/use-format';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import { useFamily, useFamilyLogs, useMunicipality } from '../api';
import { BackLink } from '../components/back-link';
import { ChoiceField } from '../components/choice-field';
import { CommandError } from '../components/command-error';
import { ProblemSummary, useProblems } from '../components/form-errors';
import { meetingCommands, type ScheduleInput } from '../commands';
import { useNames } from '../names';
import { coordinatorPaths } from '../paths';
import type { LogSummary } from '../reads';
import { osloInstant } from '../time';
import { childNames } from './family-page';
import { useErasable } from '../../../shared/format/use-erasable';

const DURATIONS = [30, 45, 60, 90, 120] as const;

/**
 * Plan a samordningsmøte about a child's log (or several logs of the family): when and where, which
 * services and guardians are invited, and the agenda. The signed-in coordinator chairs it. Only
 * services every chosen log's consent names can be invited (the API checks it too).
 */
export function SchedulePage() {
  const { familyId = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useTranslation('coordinator');
  const format = useFormat();
  const family = useFamily(familyId);
  const logs = useFamilyLogs(familyId);
  const { me } = useMunicipality();
  const names = childNames(family.data);
  const title = t('schedule.title');
  const ready = family.data && logs.data && me.data;
  return (
    <Page
      title={title}
      before={<BackLink to={coordinatorPaths.family(familyId)}>{t('nav.toFamily')}</BackLink>}
    >
      {names.length > 0 && (
        <Paragraph>{t('schedule.intro', { children: format.list(names) })}</Paragraph>
      )}
      {(family.isPending || logs.isPending || me.isPending) && <Loading />}
      {family.isError && <ErrorAlert error={family.error} onRetry={() => void family.refetch()} />}
      {logs.isError && <ErrorAlert error={logs.error} onRetry={() => void logs.refetch()} />}
      {ready && (
        <ScheduleForm
          family={family.data}
          logs={logs.data.items.map((item) => item.document)}
          chosenLog={search.get('logg')}
          myServiceId={me.data.serviceId ?? ''}
        />
      )}
    </Page>
  );
}

interface ScheduleFormProps {
  readonly family: FamilyRegister;
  readonly logs: readonly LogSummary[];
  readonly chosenLog: string | null;
  readonly myServiceId: string;
}

function ScheduleForm({ family, logs, chosenLog, myServiceId }: ScheduleFormProps) {
  const erasable = useErasable();
  const { t } = useTranslation('coordinator');
  const navigate = useNavigate();
  const names = useNames();
  const open = logs.filter((log) => log.status === 'open' && log.activeConsent !== null);
  const childOf = (log: LogSummary) =>
    family.subjects[log.subjectId]?.personal.name ?? t('family.logs.unnamed');
  const guardians = Object.values(family.guardians);

  // One meeting id for this form: sending again after a lost answer is the same change.
  const [meetingId] = useState(() => crypto.randomUUID());
  const agendaIds = useRef(new Map<string, string>());
  const [logIds, setLogIds] = useState<string[]>(() =>
    open.some((l) => l.logId === chosenLog)
      ? [chosenLog as string]
      : open.slice(0, 1).map((l) => l.logId),
  );
  const [date, setDate] = useState(todayInOslo);
  const [time, setTime] = useState('09:00');
  const [duration, setDuration] = useState<number>(60);
  const [kind, setKind] = useState<'place' | 'video'>('place');
  const [place, setPlace] = useState('');
  const [link, setLink] = useState('');
  const chosen = open.filter((log) => logIds.includes(log.logId));
  // Services every chosen log's consent names, besides the chair's own.
  const invitable = [...new Set(chosen.flatMap((log) => log.activeConsent?.services ?? []))].filter(
    (serviceId) =>
      serviceId !== myServiceId &&
      chosen.every((log) => log.activeConsent?.services.includes(serviceId)),
  );
  const [services, setServices] = useState<string[] | null>(null);
  const invited =
    services ??
    invitable.filter((serviceId) => chosen.some((log) => log.services.includes(serviceId)));
  const [guardianIds, setGuardianIds] = useState<string[]>(() =>
    guardians.filter((g) => g.parentalResponsibility).map((g) => g.guardianId),
  );
  const youth = chosen
    .map((log) => family.subjects[log.subjectId])
    .filter((subject) => subject?.kind === 'youth');
  const [youthIds, setYouthIds] = useState<string[]>([]);
  const [agenda, setAgenda] = useState('');
  const { problems, check, of } = useProblems();

  const schedule = useCommand(
    (input: ScheduleInput, commandId) => meetingCommands.schedule(input, commandId),
    { onSuccess: () => void navigate(coordinatorPaths.meeting(meetingId)) },
  );

  const toggle = (list: string[], value: string, on: boolean) =>
    on ? [...list, value] : list.filter((v) => v !== value);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (chosen.length === 0) found['schedule-logs'] = t('schedule.problems.logs');
    if (!date) found['schedule-date'] = t('schedule.problems.date');
    else if (date < todayInOslo()) found['schedule-date'] = t('schedule.problems.past');
    if (!time) found['schedule-time'] = t('schedule.problems.time');
    if (kind === 'place' && place.trim() === '')
      found['schedule-place'] = t('schedule.problems.place');
    if (kind === 'video' && link.trim() !== '' && !link.trim().startsWith('https://'))
      found['schedule-link'] = t('schedule.problems.link');
    if (!check(found)) return;
    const items = agenda
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .map((text) => {
        let itemId = agendaIds.current.get(text);
        if (!itemId) {
          itemId = crypto.randomUUID();
          agendaIds.current.set(text, itemId);
        }
        return { itemId, text };
      });
    schedule.mutate({
      meetingId,
      logIds: chosen.map((log) => log.logId),
      startsAt: osloInstant(date, time),
      durationMinutes: duration,
      location:
        kind === 'place'
          ? { kind: 'place', place: place.trim() }
          : link.trim()
            ? { kind: 'video', link: link.trim() }
            : { kind: 'video' },
      invitedServices: invited.filter((s) => invitable.includes(s)),
      invitedGuardians: guardianIds,
      invitedYouth: youthIds,
      agenda: items,
    });
  };

  if (open.length === 0) return <Paragraph>{t('schedule.noOpenLogs')}</Paragraph>;

  return (
    <form className="stack form" onSubmit={submit} noValidate>
      <ProblemSummary problems={problems} />
      {open.length > 1 ? (
        <Fieldset id="schedule-logs" tabIndex={-1}>
          <Fieldset.Legend>{t('schedule.logs')}</Fieldset.Legend>
          <Fieldset.Description>{t('schedule.logsHelp')}</Fieldset.Description>
          {open.map((log) => (
            <Checkbox
              key={log.logId}
              label={t('family.logs.of', { child: childOf(log) })}
              checked={logIds.includes(log.logId)}
              onChange={(e) => setLogIds(toggle(logIds, log.logId, e.target.checked))}
            />
          ))}
          {of('schedule-logs') && <ValidationMessage>{of('schedule-logs')}</ValidationMessage>}
        </Fieldset>
      ) : (
        <Paragraph id="schedule-logs">
          {t('schedule.aboutLog', { child: childOf(open[0]) })}
        </Paragraph>
      )}

      <Heading level={2} data-size="xs">
        {t('schedule.whenHeading')}
      </Heading>
      <div className="field-row">
        <Textfield
          id="schedule-date"
          label={t('schedule.date')}
          type="date"
          value={date}
          min={todayInOslo()}
          onChange={(e) => setDate(e.target.value)}
          error={of('schedule-date')}
        />
        <Textfield
          id="schedule-time"
          label={t('schedule.time')}
          type="time"
          value={time}
          onChange={(e) => setTime(e.target.value)}
          error={of('schedule-time')}
        />
        <Field>
          <Label htmlFor="schedule-duration">{t('schedule.duration')}</Label>
          <Select
            id="schedule-duration"
            value={String(duration)}
            onChange={(e) => setDuration(Number(e.target.value))}
          >
            {DURATIONS.map((minutes) => (
              <Select.Option key={minutes} value={String(minutes)}>
                {t('schedule.minutes', { count: minutes })}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </div>

      <ChoiceField
        legend={t('schedule.where')}
        value={kind}
        onChange={setKind}
        choices={[
          { value: 'place', label: t('schedule.place') },
          { value: 'video', label: t('schedule.video') },
        ]}
      />
      {kind === 'place' ? (
        <Textfield
          id="schedule-place"
          label={t('schedule.placeName')}
          description={t('schedule.placeHelp')}
          value={place}
          onChange={(e) => setPlace(e.target.value)}
          error={of('schedule-place')}
        />
      ) : (
        <Textfield
          id="schedule-link"
          label={t('schedule.videoLink')}
          description={t('schedule.videoLinkHelp')}
          type="url"
          value={link}
          onChange={(e) => setLink(e.target.value)}
          error={of('schedule-link')}
        />
      )}

      <Heading level={2} data-size="xs">
        {t('schedule.whoHeading')}
      </Heading>
      <Fieldset>
        <Fieldset.Legend>{t('schedule.services')}</Fieldset.Legend>
        <Fieldset.Description>{t('schedule.servicesHelp')}</Fieldset.Description>
        {invitable.length === 0 && <Paragraph>{t('schedule.noServices')}</Paragraph>}
        {invitable.map((serviceId) => (
          <Checkbox
            key={serviceId}
            label={names.service(serviceId)}
            checked={invited.includes(serviceId)}
            onChange={(e) => setServices(toggle(invited, serviceId, e.target.checked))}
          />
        ))}
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t('schedule.guardians')}</Fieldset.Legend>
        <Fieldset.Description>{t('schedule.guardiansHelp')}</Fieldset.Description>
        {guardians.map((guardian) => (
          <Checkbox
            key={guardian.guardianId}
            label={erasable(guardian.personal.name)}
            description={
              guardian.parentalResponsibility ? undefined : t('schedule.noParentalResponsibility')
            }
            checked={guardianIds.includes(guardian.guardianId)}
            onChange={(e) =>
              setGuardianIds(toggle(guardianIds, guardian.guardianId, e.target.checked))
            }
          />
        ))}
      </Fieldset>
      {youth.length > 0 && (
        <Fieldset>
          <Fieldset.Legend>{t('schedule.youth')}</Fieldset.Legend>
          {youth.map(
            (subject) =>
              subject && (
                <Checkbox
                  key={subject.subjectId}
                  label={erasable(subject.personal.name)}
                  checked={youthIds.includes(subject.subjectId)}
                  onChange={(e) =>
                    setYouthIds(toggle(youthIds, subject.subjectId, e.target.checked))
                  }
                />
              ),
          )}
        </Fieldset>
      )}

      <Textfield
        id="schedule-agenda"
        multiline
        rows={4}
        label={t('schedule.agenda')}
        description={t('schedule.agendaHelp')}
        value={agenda}
        onChange={(e) => setAgenda(e.target.value)}
      />

      <CommandError command={schedule} headingLevel={2} />
      <div className="actions">
        <Button type="submit" loading={schedule.isPending}>
          {t('schedule.submit')}
        </Button>
        <Paragraph data-size="sm">{t('schedule.chairNote')}</Paragraph>
      </div>
    </form>
  );
}
