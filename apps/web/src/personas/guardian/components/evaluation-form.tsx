import {
  Alert,
  Button,
  ErrorSummary,
  Fieldset,
  Radio,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { useEvaluateMeeting } from '../api';

const QUESTIONS = ['coordination', 'beingHeard', 'usefulness'] as const;
type Question = (typeof QUESTIONS)[number];
const SCORES = [1, 2, 3, 4, 5] as const;

/** The family's view of a meeting: did the services work as one, were you heard, was it useful. */
export function EvaluationForm({ meetingId }: { meetingId: string }) {
  const { t } = useTranslation('guardian');
  const [answers, setAnswers] = useState<Partial<Record<Question, number>>>({});
  const [comment, setComment] = useState('');
  const [tried, setTried] = useState(false);
  const evaluate = useEvaluateMeeting();
  const missing = QUESTIONS.filter((q) => answers[q] === undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    const { coordination, beingHeard, usefulness } = answers;
    if (coordination === undefined || beingHeard === undefined || usefulness === undefined) {
      document.getElementById('evaluation-errors')?.focus();
      return;
    }
    evaluate.mutate({ meetingId, coordination, beingHeard, usefulness, comment });
  };

  if (evaluate.isSuccess)
    return (
      <Alert data-color="success" role="status">
        {t('evaluation.thanks')}
      </Alert>
    );
  return (
    <form className="stack" onSubmit={submit} noValidate>
      {tried && missing.length > 0 && (
        <ErrorSummary id="evaluation-errors" tabIndex={-1}>
          <ErrorSummary.Heading>{t('evaluation.missingHeading')}</ErrorSummary.Heading>
          <ErrorSummary.List>
            {missing.map((q) => (
              <ErrorSummary.Item key={q}>
                <ErrorSummary.Link href={`#question-${q}`}>
                  {t(`evaluation.questions.${q}`)}
                </ErrorSummary.Link>
              </ErrorSummary.Item>
            ))}
          </ErrorSummary.List>
        </ErrorSummary>
      )}
      {QUESTIONS.map((q) => (
        <Fieldset key={q} id={`question-${q}`}>
          <Fieldset.Legend>{t(`evaluation.questions.${q}`)}</Fieldset.Legend>
          {SCORES.map((score) => (
            <Radio
              key={score}
              name={`evaluation-${q}`}
              value={String(score)}
              checked={answers[q] === score}
              onChange={() => setAnswers((previous) => ({ ...previous, [q]: score }))}
              label={t(`evaluation.scale.${score}`)}
            />
          ))}
          {tried && answers[q] === undefined && (
            <ValidationMessage>{t('evaluation.required')}</ValidationMessage>
          )}
        </Fieldset>
      ))}
      <Textfield
        multiline
        rows={3}
        label={t('evaluation.comment')}
        description={t('evaluation.commentHelp')}
        value={comment}
        onChange={(event) => setComment(event.target.value)}
        counter={2000}
      />
      {evaluate.isError && <ErrorAlert error={evaluate.error} headingLevel={3} />}
      <div>
        <Button type="submit" loading={evaluate.isPending} disabled={evaluate.isPending}>
          {t('evaluation.submit')}
        </Button>
      </div>
    </form>
  );
}
