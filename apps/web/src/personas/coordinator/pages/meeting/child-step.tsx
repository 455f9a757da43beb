import { Alert, Button, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../../../shared/api/use-command';
import { ChoiceField } from '../../components/choice-field';
import { CommandError } from '../../components/command-error';
import { ProblemSummary, useProblems } from '../../components/form-errors';
import { meetingCommands } from '../../commands';
import type { MeetingContext } from './context';
import { useErasable } from '../../../../shared/format/use-erasable';

/**
 * The child's voice: what the child said, drew or showed — or why it was not heard. Recorded once;
 * the meeting cannot end without it (the API answers CHILD_VOICE_MISSING).
 */
export function ChildStep({ meeting }: MeetingContext) {
  const erasable = useErasable();
  const { t } = useTranslation('coordinator');
  const [heard, setHeard] = useState<'yes' | 'no' | null>(null);
  const [text, setText] = useState('');
  const { problems, check, of } = useProblems();
  const record = useCommand(meetingCommands.childsVoice);

  if (meeting.childsVoice)
    return (
      <Alert data-color="success">
        <Paragraph>
          {meeting.childsVoice.heard ? t('child.heardAs') : t('child.notHeardBecause')}
        </Paragraph>
        <Paragraph className="said">
          {meeting.childsVoice.heard
            ? erasable(meeting.childsVoice.text)
            : erasable(meeting.childsVoice.reasonNotHeard)}
        </Paragraph>
        <Paragraph data-size="sm">
          {t('child.recordedBy', { name: meeting.childsVoice.by.name })}
        </Paragraph>
      </Alert>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (heard === null) found['child-heard'] = t('child.problems.heard');
    else if (!text.trim())
      found['child-text'] = heard === 'yes' ? t('child.problems.text') : t('child.problems.reason');
    if (!check(found)) return;
    record.mutate(
      heard === 'yes'
        ? { meetingId: meeting.meetingId, heard: true, text: text.trim() }
        : { meetingId: meeting.meetingId, heard: false, reasonNotHeard: text.trim() },
    );
  };

  return (
    <>
      <Paragraph>{t('child.intro')}</Paragraph>
      <form className="stack form" onSubmit={submit} noValidate>
        <ProblemSummary problems={problems} />
        <ChoiceField
          id="child-heard"
          legend={t('child.heard')}
          value={heard}
          onChange={setHeard}
          error={of('child-heard')}
          choices={[
            { value: 'yes', label: t('child.yes') },
            { value: 'no', label: t('child.no') },
          ]}
        />
        {heard !== null && (
          <Textfield
            id="child-text"
            multiline
            rows={4}
            label={heard === 'yes' ? t('child.text') : t('child.reason')}
            description={heard === 'yes' ? t('child.textHelp') : t('child.reasonHelp')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={of('child-text')}
          />
        )}
        <CommandError command={record} />
        <div className="actions">
          <Button type="submit" loading={record.isPending}>
            {t('child.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}
