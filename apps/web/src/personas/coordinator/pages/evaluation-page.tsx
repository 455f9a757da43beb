import { Alert, Button, Heading, Paragraph, Textfield } from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { useCommand } from '../../../shared/api/use-command';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import { useMeeting } from '../api';
import { ChoiceField } from '../components/choice-field';
import { CommandError } from '../components/command-error';
import { ProblemSummary, useProblems } from '../components/form-errors';
import { ScoreField, type Score } from '../components/score-field';
import { meetingCommands } from '../commands';
import { coordinatorPaths } from '../paths';
import type { CoordinatorMeeting } from '../reads';
import { yetToEvaluate } from './meeting/evaluation-step';

const QUESTIONS = ['coordination', 'beingHeard', 'usefulness'] as const;
type Question = (typeof QUESTIONS)[number];

/**
 * The family's evaluation, on a screen the coordinator hands over the table: large, plain words,
 * three questions and a comment, one person at a time. Staff record a guardian's own answers (the
 * API takes whose they are); a young person answers on their own phone through the link instead.
 */
export function EvaluationPage() {
  const { meetingId = '' } = useParams();
  const { t } = useTranslation('coordinator');
  const meeting = useMeeting(meetingId);
  return (
    <Page title={t('handover.title')}>
      <div className="handover">
        {meeting.isPending && <Loading />}
        {meeting.isError && (
          <ErrorAlert error={meeting.error} onRetry={() => void meeting.refetch()} />
        )}
        {meeting.data && <HandOver meeting={meeting.data} />}
      </div>
    </Page>
  );
}

function HandOver({ meeting }: { readonly meeting: CoordinatorMeeting }) {
  const { t } = useTranslation('coordinator');
  // Staff record guardians' answers; a young person answers for themself, on their own phone.
  const remaining = yetToEvaluate(meeting).filter((a) => a.kind === 'guardian');
  const [who, setWho] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Partial<Record<Question, Score>>>({});
  const [comment, setComment] = useState('');
  const [thanked, setThanked] = useState<string | null>(null);
  const { problems, check, of } = useProblems();
  const send = useCommand(meetingCommands.evaluate, {
    onSuccess: (_result, input) => {
      setThanked(input.guardianId ?? '');
      setWho(null);
      setAnswers({});
      setComment('');
    },
  });
  const chosen = remaining.length === 1 ? remaining[0].guardianId : who;
  const back = (
    <Button asChild variant="secondary" data-size="lg">
      <RouterLink to={coordinatorPaths.meeting(meeting.meetingId, 'evaluation')}>
        {t('handover.back')}
      </RouterLink>
    </Button>
  );

  if (thanked !== null)
    return (
      <div className="stack">
        <Alert data-color="success" data-size="lg">
          <Heading level={2} data-size="md">
            {t('handover.thanks')}
          </Heading>
          <Paragraph data-size="lg">{t('handover.giveBack')}</Paragraph>
        </Alert>
        <div className="actions">
          {remaining.length > 0 && (
            <Button data-size="lg" onClick={() => setThanked(null)}>
              {t('handover.nextPerson')}
            </Button>
          )}
          {back}
        </div>
      </div>
    );

  if (meeting.status === 'scheduled' || meeting.status === 'cancelled')
    return (
      <div className="stack">
        <Paragraph data-size="lg">{t('handover.notHeld')}</Paragraph>
        {back}
      </div>
    );

  if (remaining.length === 0)
    return (
      <div className="stack">
        <Paragraph data-size="lg">{t('handover.noneLeft')}</Paragraph>
        {back}
      </div>
    );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!chosen) found['handover-who'] = t('handover.problems.who');
    for (const q of QUESTIONS)
      if (!answers[q]) found[`handover-${q}`] = t('handover.problems.answer');
    if (!check(found) || !chosen) return;
    send.mutate({
      meetingId: meeting.meetingId,
      guardianId: chosen,
      coordination: Number(answers.coordination),
      beingHeard: Number(answers.beingHeard),
      usefulness: Number(answers.usefulness),
      ...(comment.trim() ? { comment: comment.trim() } : {}),
    });
  };

  return (
    <form className="stack form handover__form" onSubmit={submit} noValidate data-size="lg">
      <Paragraph data-size="lg">{t('handover.intro')}</Paragraph>
      <ProblemSummary problems={problems} />
      {remaining.length > 1 ? (
        <ChoiceField
          id="handover-who"
          size="lg"
          legend={t('handover.who')}
          value={who}
          onChange={setWho}
          error={of('handover-who')}
          choices={remaining.map((g) => ({ value: g.guardianId, label: g.name }))}
        />
      ) : (
        <Paragraph data-size="lg">{t('handover.youAre', { name: remaining[0].name })}</Paragraph>
      )}
      {QUESTIONS.map((q) => (
        <ScoreField
          key={q}
          id={`handover-${q}`}
          size="lg"
          scale="family"
          legend={t(`handover.${q}`)}
          description={t(`handover.${q}Help`)}
          value={answers[q] ?? null}
          onChange={(value) => setAnswers({ ...answers, [q]: value })}
          error={of(`handover-${q}`)}
        />
      ))}
      <Textfield
        id="handover-comment"
        data-size="lg"
        multiline
        rows={3}
        label={t('handover.comment')}
        description={t('handover.commentHelp')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
      />
      <CommandError command={send} headingLevel={2} />
      <div className="actions">
        <Button type="submit" data-size="lg" loading={send.isPending}>
          {t('handover.submit')}
        </Button>
      </div>
    </form>
  );
}
