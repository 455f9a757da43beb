import { Alert, Button, Paragraph, Tag, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../../../shared/api/use-command';
import { todayInOslo } from '../../../../shared/format/format';
import { CommandError } from '../../components/command-error';
import { ProblemSummary, useProblems } from '../../components/form-errors';
import { meetingCommands } from '../../commands';
import { mayEnd } from '../../steps';
import { addDays } from '../../time';
import { mayChair, type MeetingContext } from './context';

/** End the meeting with the next one's date; not before the child's voice is recorded. */
export function EndStep(context: MeetingContext & { readonly toChild: () => void }) {
  const { meeting, toChild } = context;
  const { t } = useTranslation('coordinator');
  const tomorrow = addDays(todayInOslo(), 1);
  const [next, setNext] = useState('');
  const { problems, check, of } = useProblems();
  const end = useCommand(meetingCommands.end);
  const ready = mayEnd(meeting);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!check(next && next < tomorrow ? { 'end-next': t('end.problems.next') } : {})) return;
    end.mutate({ meetingId: meeting.meetingId, ...(next ? { nextMeetingDate: next } : {}) });
  };

  return (
    <>
      <Paragraph>{t('end.intro')}</Paragraph>
      <ul className="checklist">
        <li>
          <Tag data-color={ready ? 'success' : 'warning'}>
            {ready ? t('end.childDone') : t('end.childMissingShort')}
          </Tag>
        </li>
        <li>{t('end.decisions', { count: meeting.decisions.length })}</li>
        <li>{t('end.evaluations', { count: meeting.evaluations.length })}</li>
      </ul>
      {!ready && (
        <Alert data-color="warning">
          <Paragraph>{t('end.childMissing')}</Paragraph>
          <Button variant="secondary" data-size="sm" onClick={toChild}>
            {t('end.toChild')}
          </Button>
        </Alert>
      )}
      {mayChair(context) ? (
        <form className="stack form" onSubmit={submit} noValidate>
          <ProblemSummary problems={problems} />
          <Textfield
            id="end-next"
            type="date"
            label={t('end.next')}
            description={t('end.nextHelp')}
            min={tomorrow}
            value={next}
            onChange={(e) => setNext(e.target.value)}
            error={of('end-next')}
          />
          <CommandError command={end} />
          <div className="actions">
            <Button type="submit" disabled={!ready} loading={end.isPending}>
              {t('end.submit')}
            </Button>
          </div>
        </form>
      ) : (
        <Paragraph>{t('end.chairOnly')}</Paragraph>
      )}
    </>
  );
}
