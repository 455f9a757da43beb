import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Paragraph,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../../../shared/api/use-command';
import { useFormat } from '../../../../shared/format/use-format';
import { CommandError } from '../../components/command-error';
import { ProblemSummary, useProblems } from '../../components/form-errors';
import { meetingCommands } from '../../commands';
import type { CoordinatorMeeting } from '../../reads';
import { attendingGuardians } from '../../steps';
import type { MeetingContext } from './context';
import { useErasable } from '../../../../shared/format/use-erasable';

/** What the guardians said, in the order they said it. */
export function GuardianStatements({ meeting }: { readonly meeting: CoordinatorMeeting }) {
  const erasable = useErasable();
  const { t } = useTranslation('coordinator');
  const format = useFormat();
  const nameOf = (guardianId: string) =>
    erasable(meeting.invitedGuardians.find((g) => g.guardianId === guardianId)?.name ?? null);
  if (meeting.guardianStatements.length === 0) return null;
  return (
    <ul className="said-list">
      {meeting.guardianStatements.map((statement, i) => (
        <li key={`${statement.at}-${i}`}>
          <Paragraph data-size="sm" className="muted">
            {t('guardians.said', {
              names: format.list(statement.speakers.map(nameOf)),
              time: format.time(statement.at),
            })}
          </Paragraph>
          <Paragraph className="said">{erasable(statement.text)}</Paragraph>
        </li>
      ))}
    </ul>
  );
}

/**
 * The guardians have the word first (R-MTG-2): the coordinator writes down what they say, in their
 * own words, before any service speaks. Until then the screen will not move on.
 */
export function GuardiansStep({ meeting }: MeetingContext) {
  const erasable = useErasable();
  const { t } = useTranslation('coordinator');
  const attending = attendingGuardians(meeting);
  const [speakers, setSpeakers] = useState<string[]>(() => attending.map((g) => g.guardianId));
  const [text, setText] = useState('');
  const { problems, check, of } = useProblems();
  const record = useCommand(meetingCommands.guardianStatement, { onSuccess: () => setText('') });

  if (attending.length === 0)
    return (
      <>
        <Alert data-color="info">{t('guardians.noneAttending')}</Alert>
        <GuardianStatements meeting={meeting} />
      </>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (speakers.length === 0) found['guardians-speakers'] = t('guardians.problems.speakers');
    if (!text.trim()) found['guardians-text'] = t('guardians.problems.text');
    if (!check(found)) return;
    record.mutate({ meetingId: meeting.meetingId, speakers, text: text.trim() });
  };

  return (
    <>
      <Paragraph>{t('guardians.intro')}</Paragraph>
      <GuardianStatements meeting={meeting} />
      <form className="stack form" onSubmit={submit} noValidate>
        <ProblemSummary problems={problems} />
        {attending.length > 1 && (
          <Fieldset id="guardians-speakers" tabIndex={-1}>
            <Fieldset.Legend>{t('guardians.speakers')}</Fieldset.Legend>
            {attending.map((guardian) => (
              <Checkbox
                key={guardian.guardianId}
                label={erasable(guardian.name)}
                checked={speakers.includes(guardian.guardianId)}
                onChange={(e) =>
                  setSpeakers(
                    e.target.checked
                      ? [...speakers, guardian.guardianId]
                      : speakers.filter((s) => s !== guardian.guardianId),
                  )
                }
              />
            ))}
            {of('guardians-speakers') && (
              <ValidationMessage>{of('guardians-speakers')}</ValidationMessage>
            )}
          </Fieldset>
        )}
        <Textfield
          id="guardians-text"
          multiline
          rows={5}
          label={
            meeting.guardianStatements.length === 0 ? t('guardians.text') : t('guardians.more')
          }
          description={t('guardians.textHelp')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={of('guardians-text')}
        />
        <CommandError command={record} />
        <div className="actions">
          <Button type="submit" loading={record.isPending}>
            {t('guardians.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}
