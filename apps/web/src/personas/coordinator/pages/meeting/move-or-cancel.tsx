import { Button, Details, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../../../shared/api/use-command';
import { todayInOslo } from '../../../../shared/format/format';
import { CommandError } from '../../components/command-error';
import { ProblemSummary, useProblems } from '../../components/form-errors';
import { meetingCommands, type CancelInput, type RescheduleInput } from '../../commands';
import type { CoordinatorMeeting } from '../../reads';
import { osloInstant, osloTimeOfDay } from '../../time';

/** Before it starts, the chair moves the meeting to another day or time, or cancels it with a reason. */
export function MoveOrCancel({ meeting }: { readonly meeting: CoordinatorMeeting }) {
  const { t } = useTranslation('coordinator');
  const at = new Date(meeting.startsAt);
  const [date, setDate] = useState(() => todayInOslo(at));
  const [time, setTime] = useState(() => osloTimeOfDay(at));
  const [reason, setReason] = useState('');
  const move = useProblems();
  const cancelling = useProblems();
  const reschedule = useCommand((input: RescheduleInput, commandId: string) =>
    meetingCommands.reschedule(input, commandId),
  );
  const cancel = useCommand((input: CancelInput, commandId: string) =>
    meetingCommands.cancel(input, commandId),
  );
  const location =
    meeting.location.kind === 'place'
      ? // An erased family's place is gone: the service then refuses the move and says why.
        { kind: 'place' as const, place: meeting.location.place ?? undefined }
      : meeting.location.link
        ? { kind: 'video' as const, link: meeting.location.link }
        : { kind: 'video' as const };

  const submitMove = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!date) found['move-date'] = t('schedule.problems.date');
    else if (date < todayInOslo()) found['move-date'] = t('schedule.problems.past');
    if (!time) found['move-time'] = t('schedule.problems.time');
    if (!move.check(found)) return;
    reschedule.mutate({
      meetingId: meeting.meetingId,
      startsAt: osloInstant(date, time),
      durationMinutes: meeting.durationMinutes,
      location,
    });
  };
  const submitCancel = (event: FormEvent) => {
    event.preventDefault();
    if (!cancelling.check(reason.trim() ? {} : { 'cancel-reason': t('move.problems.reason') }))
      return;
    cancel.mutate({ meetingId: meeting.meetingId, reason: reason.trim() });
  };

  return (
    <Details>
      <Details.Summary>{t('move.summary')}</Details.Summary>
      <Details.Content>
        <div className="stack">
          <form className="stack form" onSubmit={submitMove} noValidate>
            <Heading level={3} data-size="xs">
              {t('move.moveHeading')}
            </Heading>
            <ProblemSummary problems={move.problems} />
            <div className="field-row">
              <Textfield
                id="move-date"
                type="date"
                label={t('schedule.date')}
                min={todayInOslo()}
                value={date}
                onChange={(e) => setDate(e.target.value)}
                error={move.of('move-date')}
              />
              <Textfield
                id="move-time"
                type="time"
                label={t('schedule.time')}
                value={time}
                onChange={(e) => setTime(e.target.value)}
                error={move.of('move-time')}
              />
            </div>
            <CommandError command={reschedule} headingLevel={4} />
            <div className="actions">
              <Button type="submit" variant="secondary" loading={reschedule.isPending}>
                {t('move.move')}
              </Button>
            </div>
          </form>
          <form className="stack form" onSubmit={submitCancel} noValidate>
            <Heading level={3} data-size="xs">
              {t('move.cancelHeading')}
            </Heading>
            <Paragraph data-size="sm">{t('move.cancelHelp')}</Paragraph>
            <ProblemSummary problems={cancelling.problems} />
            <Textfield
              id="cancel-reason"
              label={t('move.reason')}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
              error={cancelling.of('cancel-reason')}
            />
            <CommandError command={cancel} headingLevel={4} />
            <div className="actions">
              <Button
                type="submit"
                variant="secondary"
                data-color="danger"
                loading={cancel.isPending}
              >
                {t('move.cancel')}
              </Button>
            </div>
          </form>
        </div>
      </Details.Content>
    </Details>
  );
}
