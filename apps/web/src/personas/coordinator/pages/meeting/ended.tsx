import { Alert, Button, Card, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../../../shared/api/use-command';
import { ErrorAlert } from '../../../../shared/errors/error-alert';
import { useFormat } from '../../../../shared/format/use-format';
import { Loading } from '../../../../shared/layout/loading';
import { useMinutes } from '../../api';
import { ChoiceField } from '../../components/choice-field';
import { CommandError } from '../../components/command-error';
import { ProblemSummary, useProblems } from '../../components/form-errors';
import { ScoreField, type Score } from '../../components/score-field';
import { meetingCommands } from '../../commands';
import type { ChildsVoiceHeard, CoordinatorMeeting } from '../../reads';
import { iAttended, type MeetingContext } from './context';
import { DecisionList } from './decisions-step';
import { EvaluationStep } from './evaluation-step';

/** After the meeting: what was decided, the family's evaluation, the ettermøte and the minutes. */
export function EndedMeeting(context: MeetingContext) {
  const { meeting } = context;
  const { t } = useTranslation('coordinator');
  const format = useFormat();
  return (
    <>
      <Alert data-color="success">
        <Paragraph>
          {t('ended.done', { date: meeting.endedAt ? format.dateTime(meeting.endedAt) : '' })}
        </Paragraph>
        <Paragraph>
          {meeting.nextMeetingDate
            ? t('ended.next', { date: format.date(meeting.nextMeetingDate) })
            : t('ended.noNext')}
        </Paragraph>
      </Alert>
      <section className="stack" aria-labelledby="ettermote-heading">
        <Heading level={2} data-size="sm" id="ettermote-heading">
          {t('ettermote.heading')}
        </Heading>
        <Ettermote {...context} />
      </section>
      <section className="stack" aria-labelledby="ended-decisions-heading">
        <Heading level={2} data-size="sm" id="ended-decisions-heading">
          {t('ended.decisionsHeading')}
        </Heading>
        <Paragraph>{t('ended.decisionsIntro')}</Paragraph>
        <DecisionList meeting={meeting} headingLevel={3} />
      </section>
      <section className="stack" aria-labelledby="ended-evaluation-heading">
        <Heading level={2} data-size="sm" id="ended-evaluation-heading">
          {t('steps.evaluation')}
        </Heading>
        <EvaluationStep meeting={meeting} />
      </section>
      <MinutesSection meeting={meeting} />
    </>
  );
}

const YES_NO = ['yes', 'no'] as const;
const HEARD: readonly ChildsVoiceHeard[] = ['yes', 'partly', 'no'];
const SCORE_FIELDS = ['formAndContent', 'chairSteering', 'teamSupport', 'equalDialogue'] as const;
type ScoreName = (typeof SCORE_FIELDS)[number];

/**
 * The staff-only ettermøte: a short checklist right after the meeting (Vestre Toten's), by those who
 * took part. The family never sees it.
 */
function Ettermote(context: MeetingContext) {
  const { meeting } = context;
  const { t } = useTranslation('coordinator');
  const [reminded, setReminded] = useState<(typeof YES_NO)[number] | null>(null);
  const [scores, setScores] = useState<Partial<Record<ScoreName, Score>>>({});
  const [heard, setHeard] = useState<ChildsVoiceHeard | null>(null);
  const [learned, setLearned] = useState('');
  const { problems, check, of } = useProblems();
  const record = useCommand(meetingCommands.ettermote);

  if (meeting.ettermote) return <EttermoteSummary meeting={meeting} />;
  if (!iAttended(context)) return <Paragraph>{t('ettermote.onlyThose')}</Paragraph>;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!reminded) found['ettermote-reminded'] = t('ettermote.problems.answer');
    for (const name of SCORE_FIELDS)
      if (!scores[name]) found[`ettermote-${name}`] = t('ettermote.problems.answer');
    if (!heard) found['ettermote-heard'] = t('ettermote.problems.answer');
    if (!check(found)) return;
    record.mutate({
      meetingId: meeting.meetingId,
      confidentialityReminded: reminded === 'yes',
      formAndContent: Number(scores.formAndContent),
      chairSteering: Number(scores.chairSteering),
      teamSupport: Number(scores.teamSupport),
      equalDialogue: Number(scores.equalDialogue),
      childsVoiceHeard: heard ?? 'no',
      ...(learned.trim() ? { learned: learned.trim() } : {}),
    });
  };

  return (
    <>
      <Alert data-color="info">{t('ettermote.intro')}</Alert>
      <form className="stack form" onSubmit={submit} noValidate>
        <ProblemSummary problems={problems} />
        <ChoiceField
          id="ettermote-reminded"
          legend={t('ettermote.reminded')}
          value={reminded}
          onChange={setReminded}
          error={of('ettermote-reminded')}
          choices={YES_NO.map((v) => ({ value: v, label: t(`answer.${v}`) }))}
        />
        {SCORE_FIELDS.map((name) => (
          <ScoreField
            key={name}
            id={`ettermote-${name}`}
            scale="staff"
            legend={t(`ettermote.${name}`)}
            value={scores[name] ?? null}
            onChange={(value) => setScores({ ...scores, [name]: value })}
            error={of(`ettermote-${name}`)}
          />
        ))}
        <ChoiceField
          id="ettermote-heard"
          legend={t('ettermote.childsVoiceHeard')}
          value={heard}
          onChange={setHeard}
          error={of('ettermote-heard')}
          choices={HEARD.map((v) => ({ value: v, label: t(`answer.${v}`) }))}
        />
        <Textfield
          id="ettermote-learned"
          multiline
          rows={3}
          label={t('ettermote.learned')}
          description={t('ettermote.learnedHelp')}
          value={learned}
          onChange={(e) => setLearned(e.target.value)}
        />
        <CommandError command={record} />
        <div className="actions">
          <Button type="submit" loading={record.isPending}>
            {t('ettermote.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}

function EttermoteSummary({ meeting }: { readonly meeting: CoordinatorMeeting }) {
  const { t } = useTranslation('coordinator');
  const e = meeting.ettermote;
  if (!e) return null;
  const score = (value: number) => t(`scale.staff.${String(value) as '1'}`);
  return (
    <Card data-color="neutral" className="worklist-card">
      <Paragraph>{t('ettermote.recordedBy', { name: e.by.name })}</Paragraph>
      <ul className="checklist">
        <li>
          {t('ettermote.reminded')} {t(`answer.${e.confidentialityReminded ? 'yes' : 'no'}`)}
        </li>
        {SCORE_FIELDS.map((name) => (
          <li key={name}>
            {t(`ettermote.${name}`)}: {score(e[name])}
          </li>
        ))}
        <li>
          {t('ettermote.childsVoiceHeard')} {t(`answer.${e.childsVoiceHeard}`)}
        </li>
      </ul>
      {e.learned && <Paragraph className="said">{e.learned}</Paragraph>}
    </Card>
  );
}

/** The minutes the family gets, in plain Norwegian, ready to print. */
function MinutesSection({ meeting }: { readonly meeting: CoordinatorMeeting }) {
  const { t } = useTranslation('coordinator');
  const minutes = useMinutes(meeting.meetingId, meeting.status === 'ended');
  return (
    <section className="stack" aria-labelledby="minutes-heading">
      <Heading level={2} data-size="sm" id="minutes-heading">
        {t('minutes.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('minutes.intro')}</Paragraph>
      {minutes.isPending && <Loading />}
      {minutes.isError && (
        <ErrorAlert error={minutes.error} headingLevel={3} onRetry={() => void minutes.refetch()} />
      )}
      {minutes.data && (
        <>
          <Card data-color="neutral" className="minutes" lang="nb">
            <Paragraph className="minutes__text">{minutes.data.text}</Paragraph>
          </Card>
          <div className="actions">
            <Button variant="secondary" onClick={() => window.print()}>
              {t('minutes.print')}
            </Button>
          </div>
        </>
      )}
    </section>
  );
}
