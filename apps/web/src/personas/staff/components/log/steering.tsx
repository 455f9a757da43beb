import {
  Alert,
  Button,
  Details,
  Fieldset,
  Heading,
  Paragraph,
  Radio,
  Select,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAssignSamordningsansvar, useChangeLevel, useCloseLog } from '../../api';
import { staffPaths } from '../../paths';
import { CommandError } from '../command-error';
import { FormErrors, hasErrors, type FieldErrors } from '../form-errors';
import { SelectField } from '../select-field';
import type { LogContext } from './log-context';
import { StaffForm } from '../staff-form';

const CLOSE_REASONS = [
  'needs_met',
  'moved',
  'individual_plan',
  'consent_withdrawn',
  'other',
] as const;
type CloseReason = (typeof CLOSE_REASONS)[number];
const SCORES = [1, 2, 3, 4, 5] as const;
const QUESTIONS = ['coordination', 'accessibility', 'participation'] as const;
type Question = (typeof QUESTIONS)[number];

/**
 * What the stafettholder (or a coordinator) decides for the log: its level, which service
 * coordinates, and closing it with the family's own evaluation.
 */
export function Steering({ ctx }: { readonly ctx: LogContext }) {
  const { t } = useTranslation('staff');
  return (
    <section className="stack" aria-labelledby="steering-heading">
      <Heading level={2} data-size="sm" id="steering-heading">
        {t('steering.heading')}
      </Heading>
      <Details>
        <Details.Summary>{t('steering.level')}</Details.Summary>
        <Details.Content>
          <LevelForm ctx={ctx} />
        </Details.Content>
      </Details>
      <Details>
        <Details.Summary>{t('steering.coordinating')}</Details.Summary>
        <Details.Content>
          <CoordinatingForm ctx={ctx} />
        </Details.Content>
      </Details>
      <Details>
        <Details.Summary>{t('steering.close')}</Details.Summary>
        <Details.Content>
          <CloseForm ctx={ctx} />
        </Details.Content>
      </Details>
    </section>
  );
}

function LevelForm({ ctx }: { ctx: LogContext }) {
  const { t } = useTranslation('staff');
  const levels = (ctx.log.rules?.levels ?? []).filter((l) => l.level >= 1);
  const [level, setLevel] = useState<number>(ctx.log.level ?? 1);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const change = useChangeLevel({ onSuccess: () => setReason('') });
  const send = () => {
    const found: Record<string, string> = {};
    if (level === ctx.log.level) found['level-0'] = t('steering.errors.sameLevel');
    if (!reason.trim()) found['level-reason'] = t('steering.errors.reason');
    setErrors(found);
    if (hasErrors(found) || !(level === 1 || level === 2 || level === 3)) return;
    change.mutate({ logId: ctx.log.logId, level, reason: reason.trim() });
  };
  return (
    <StaffForm onSubmit={send}>
      <Fieldset>
        <Fieldset.Legend>{t('steering.levelQuestion')}</Fieldset.Legend>
        {levels.map((l, i) => (
          <Radio
            key={l.level}
            id={`level-${i}`}
            name="steering-level"
            value={String(l.level)}
            label={l.name}
            checked={level === l.level}
            onChange={() => setLevel(l.level)}
          />
        ))}
      </Fieldset>
      <Textfield
        id="level-reason"
        label={t('steering.levelReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={errors['level-reason']}
      />
      <FormErrors errors={errors} />
      {change.isError && <CommandError error={change.error} headingLevel={3} onRetry={send} />}
      {change.isSuccess && (
        <Alert data-color="success" role="status">
          {t('steering.levelChanged')}
        </Alert>
      )}
      <div className="actions">
        <Button type="submit" variant="secondary" loading={change.isPending}>
          {t('steering.levelSubmit')}
        </Button>
      </div>
    </StaffForm>
  );
}

function CoordinatingForm({ ctx }: { ctx: LogContext }) {
  const { t } = useTranslation('staff');
  const candidates = ctx.log.services.filter((s) => !s.hidden).map((s) => s.serviceId);
  const [serviceId, setServiceId] = useState(ctx.log.samordningsansvar ?? candidates[0] ?? '');
  const assign = useAssignSamordningsansvar();
  const send = () => assign.mutate({ logId: ctx.log.logId, serviceId });
  return (
    <StaffForm onSubmit={send}>
      <Paragraph data-size="sm">{t('steering.coordinatingHelp')}</Paragraph>
      <SelectField
        id="coordinating-service"
        label={t('steering.coordinatingService')}
        value={serviceId}
        onChange={setServiceId}
      >
        {candidates.map((s) => (
          <Select.Option key={s} value={s}>
            {ctx.names.service(s)}
          </Select.Option>
        ))}
      </SelectField>
      {assign.isError && <CommandError error={assign.error} headingLevel={3} onRetry={send} />}
      {assign.isSuccess && (
        <Alert data-color="success" role="status">
          {t('steering.coordinatingSaved')}
        </Alert>
      )}
      <div className="actions">
        <Button type="submit" variant="secondary" loading={assign.isPending}>
          {t('steering.coordinatingSubmit')}
        </Button>
      </div>
    </StaffForm>
  );
}

function CloseForm({ ctx }: { ctx: LogContext }) {
  const { t } = useTranslation('staff');
  const [reason, setReason] = useState<CloseReason>('needs_met');
  const [withEvaluation, setWithEvaluation] = useState(true);
  const [scores, setScores] = useState<Record<Question, number | null>>({
    coordination: null,
    accessibility: null,
    participation: null,
  });
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const navigate = useNavigate();
  // A closed log is restricted: the services no longer read it, so the person goes back to the list.
  const close = useCloseLog({
    onSuccess: () => void navigate(staffPaths.worklist(), { state: { closedLog: true } }),
  });
  const send = () => {
    const found: Record<string, string> = {};
    if (withEvaluation)
      QUESTIONS.forEach((q) => {
        if (scores[q] === null) found[`close-${q}-1`] = t('steering.errors.score');
      });
    else if (!missing.trim()) found['close-missing'] = t('steering.errors.missing');
    setErrors(found);
    if (hasErrors(found)) return;
    close.mutate({
      logId: ctx.log.logId,
      reason,
      ...(withEvaluation
        ? {
            familyEvaluation: {
              coordination: scores.coordination ?? 0,
              accessibility: scores.accessibility ?? 0,
              participation: scores.participation ?? 0,
              ...(comment.trim() ? { comment: comment.trim() } : {}),
            },
          }
        : { evaluationMissingReason: missing.trim() }),
    });
  };
  return (
    <StaffForm onSubmit={send}>
      <Paragraph data-size="sm">{t('steering.closeIntro')}</Paragraph>
      <SelectField
        id="close-reason"
        label={t('steering.closeReason')}
        value={reason}
        onChange={(v) => setReason(v as CloseReason)}
      >
        {CLOSE_REASONS.map((r) => (
          <Select.Option key={r} value={r}>
            {t(`steering.closeReasons.${r}`)}
          </Select.Option>
        ))}
      </SelectField>
      <Fieldset>
        <Fieldset.Legend>{t('steering.evaluationQuestion')}</Fieldset.Legend>
        <Radio
          name="close-with-evaluation"
          value="yes"
          label={t('steering.withEvaluation')}
          checked={withEvaluation}
          onChange={() => setWithEvaluation(true)}
        />
        <Radio
          name="close-with-evaluation"
          value="no"
          label={t('steering.withoutEvaluation')}
          checked={!withEvaluation}
          onChange={() => setWithEvaluation(false)}
        />
      </Fieldset>
      {withEvaluation ? (
        <>
          {QUESTIONS.map((q) => (
            <Fieldset key={q}>
              <Fieldset.Legend>{t(`steering.questions.${q}`)}</Fieldset.Legend>
              <Fieldset.Description>{t('steering.scale')}</Fieldset.Description>
              <div className="actions">
                {SCORES.map((n) => (
                  <Radio
                    key={n}
                    id={`close-${q}-${n}`}
                    name={`close-${q}`}
                    value={String(n)}
                    label={String(n)}
                    checked={scores[q] === n}
                    onChange={() => setScores({ ...scores, [q]: n })}
                  />
                ))}
              </div>
              {errors[`close-${q}-1`] && (
                <ValidationMessage>{errors[`close-${q}-1`]}</ValidationMessage>
              )}
            </Fieldset>
          ))}
          <Textfield
            id="close-comment"
            label={t('steering.comment')}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </>
      ) : (
        <Textfield
          id="close-missing"
          label={t('steering.missing')}
          value={missing}
          onChange={(e) => setMissing(e.target.value)}
          error={errors['close-missing']}
        />
      )}
      <FormErrors errors={errors} />
      {close.isError && <CommandError error={close.error} headingLevel={3} onRetry={send} />}
      <div className="actions">
        <Button type="submit" variant="secondary" data-color="danger" loading={close.isPending}>
          {t('steering.closeSubmit')}
        </Button>
      </div>
    </StaffForm>
  );
}
