import {
  Alert,
  Button,
  Card,
  Details,
  Fieldset,
  Heading,
  Paragraph,
  Radio,
  Select,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormat } from '../../../../shared/format/use-format';
import { useEndMeasure, useEvaluateMeasure, usePlanMeasure, useStartMeasure } from '../../api';
import type { GoalAttainment, MeasureDecision, StaffMeasure } from '../../reads';
import { addDays, isCalendarDate, today } from '../dates';
import { FormErrors, hasErrors, type FieldErrors } from '../form-errors';
import { SelectField } from '../select-field';
import { covers, type LogContext } from './log-context';
import { CommandError } from '../command-error';
import { StaffForm } from '../staff-form';
import { useErasable } from '../../../../shared/format/use-erasable';

const ATTAINMENTS: readonly GoalAttainment[] = ['reached', 'partly', 'not_reached'];
const DECISIONS: readonly MeasureDecision[] = ['continue', 'adjust', 'end'];

/** "Hjelpen rundt barnet": each measure with its goal, who is responsible and when it is evaluated. */
export function MeasuresTab({
  ctx,
  mayAct,
}: {
  readonly ctx: LogContext;
  readonly mayAct: boolean;
}) {
  const { t } = useTranslation('staff');
  const order = { started: 0, planned: 1, ended: 2 } as const;
  const measures = [...ctx.log.measures].sort((a, b) => order[a.status] - order[b.status]);
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {t('measures.heading')}
      </Heading>
      <Paragraph>{t('measures.intro')}</Paragraph>
      {measures.length === 0 && <Paragraph>{t('measures.none')}</Paragraph>}
      <ul className="card-list">
        {measures.map((m) => (
          <li key={m.measureId}>
            <MeasureCard ctx={ctx} measure={m} mayAct={mayAct} />
          </li>
        ))}
      </ul>
      {mayAct && <PlanForm ctx={ctx} />}
    </div>
  );
}

function MeasureCard({
  ctx,
  measure,
  mayAct,
}: {
  ctx: LogContext;
  measure: StaffMeasure;
  mayAct: boolean;
}) {
  const erasable = useErasable();
  const { t } = useTranslation('staff');
  const format = useFormat();
  const overdue =
    measure.status !== 'ended' &&
    measure.evaluationDate !== null &&
    measure.evaluationDate < today();
  const offer = measure.catalogueEntryId
    ? ctx.municipality.catalogue[measure.catalogueEntryId]?.name
    : null;
  return (
    <Card>
      <Card.Block>
        <Heading level={3} data-size="xs">
          {erasable(measure.goal)}{' '}
          <Tag
            data-size="sm"
            data-color={
              measure.status === 'started'
                ? 'success'
                : measure.status === 'planned'
                  ? 'info'
                  : 'neutral'
            }
          >
            {t(`measures.status.${measure.status}`)}
          </Tag>
        </Heading>
        <dl className="staff-facts">
          <dt>{t('measures.responsible')}</dt>
          <dd>{ctx.names.person(measure.responsible)}</dd>
          {offer && (
            <>
              <dt>{t('measures.offer')}</dt>
              <dd>{offer}</dd>
            </>
          )}
          <dt>{t('measures.start')}</dt>
          <dd>{format.date(measure.startedOn ?? measure.startDate)}</dd>
          {measure.status !== 'ended' && measure.evaluationDate && (
            <>
              <dt>{t('measures.nextEvaluation')}</dt>
              <dd>
                {format.date(measure.evaluationDate)}{' '}
                {overdue ? (
                  <Tag data-size="sm" data-color="danger">
                    {t('measures.overdue')}
                  </Tag>
                ) : (
                  `(${format.daysFromToday(measure.evaluationDate)})`
                )}
              </dd>
            </>
          )}
          {measure.endedOn && (
            <>
              <dt>{t('measures.ended')}</dt>
              <dd>{format.date(measure.endedOn)}</dd>
            </>
          )}
        </dl>
        {measure.evaluations.length > 0 && (
          <>
            <Heading level={4} data-size="2xs">
              {t('measures.evaluations')}
            </Heading>
            <ul>
              {measure.evaluations.map((e, i) => (
                <li key={i}>
                  {t('measures.evaluationLine', {
                    date: format.date(e.evaluatedOn),
                    attainment: t(`measures.attainment.${e.goalAttainment}`),
                    decision: t(`measures.decision.${e.decision}`),
                    familyView: erasable(e.familyView),
                  })}
                </li>
              ))}
            </ul>
          </>
        )}
        {mayAct && measure.status === 'planned' && <StartForm ctx={ctx} measure={measure} />}
      </Card.Block>
      {mayAct && measure.status === 'started' && (
        <>
          <Details>
            <Details.Summary>{t('measures.evaluate')}</Details.Summary>
            <Details.Content>
              <EvaluateForm ctx={ctx} measure={measure} />
            </Details.Content>
          </Details>
        </>
      )}
      {mayAct && measure.status !== 'ended' && (
        <Details>
          <Details.Summary>{t('measures.end')}</Details.Summary>
          <Details.Content>
            <EndForm ctx={ctx} measure={measure} />
          </Details.Content>
        </Details>
      )}
    </Card>
  );
}

function StartForm({ ctx, measure }: { ctx: LogContext; measure: StaffMeasure }) {
  const { t } = useTranslation('staff');
  const [startedOn, setStartedOn] = useState(today());
  const start = useStartMeasure();
  const send = () =>
    start.mutate({ logId: ctx.log.logId, measureId: measure.measureId, startedOn });
  return (
    <StaffForm className="actions staff-inline-form" onSubmit={send}>
      <Textfield
        id={`start-${measure.measureId}`}
        type="date"
        label={t('measures.startedOn')}
        value={startedOn}
        max={today()}
        onChange={(e) => setStartedOn(e.target.value)}
      />
      <Button type="submit" variant="secondary" loading={start.isPending}>
        {t('measures.startSubmit')}
      </Button>
      {start.isError && <CommandError error={start.error} headingLevel={4} onRetry={send} />}
    </StaffForm>
  );
}

function EvaluateForm({ ctx, measure }: { ctx: LogContext; measure: StaffMeasure }) {
  const { t } = useTranslation('staff');
  const format = useFormat();
  const prefix = `evaluate-${measure.measureId}`;
  const [attainment, setAttainment] = useState<GoalAttainment>('partly');
  const [decision, setDecision] = useState<MeasureDecision>('continue');
  const [familyView, setFamilyView] = useState('');
  const [next, setNext] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const evaluate = useEvaluateMeasure();
  const interval = ctx.log.rules?.measureEvaluationIntervalDays ?? 42;
  const send = () => {
    const found: Record<string, string> = {};
    if (!familyView.trim()) found[`${prefix}-family`] = t('measures.errors.familyView');
    if (next && (!isCalendarDate(next) || next <= today()))
      found[`${prefix}-next`] = t('measures.errors.next');
    setErrors(found);
    if (hasErrors(found)) return;
    evaluate.mutate({
      logId: ctx.log.logId,
      measureId: measure.measureId,
      goalAttainment: attainment,
      decision,
      familyView: familyView.trim(),
      ...(next && decision !== 'end' ? { nextEvaluationDate: next } : {}),
    });
  };
  return (
    <StaffForm onSubmit={send}>
      <Fieldset>
        <Fieldset.Legend>{t('measures.attainmentQuestion')}</Fieldset.Legend>
        {ATTAINMENTS.map((a) => (
          <Radio
            key={a}
            name={`${prefix}-attainment`}
            value={a}
            label={t(`measures.attainment.${a}`)}
            checked={attainment === a}
            onChange={() => setAttainment(a)}
          />
        ))}
      </Fieldset>
      <Textfield
        id={`${prefix}-family`}
        multiline
        rows={2}
        label={t('measures.familyView')}
        description={t('measures.familyViewHelp')}
        value={familyView}
        onChange={(e) => setFamilyView(e.target.value)}
        error={errors[`${prefix}-family`]}
      />
      <Fieldset>
        <Fieldset.Legend>{t('measures.decisionQuestion')}</Fieldset.Legend>
        {DECISIONS.map((d) => (
          <Radio
            key={d}
            name={`${prefix}-decision`}
            value={d}
            label={t(`measures.decision.${d}`)}
            checked={decision === d}
            onChange={() => setDecision(d)}
          />
        ))}
      </Fieldset>
      {decision !== 'end' && (
        <Textfield
          id={`${prefix}-next`}
          type="date"
          label={t('measures.nextDate')}
          description={t('measures.nextDateHelp', {
            days: interval,
            date: format.date(addDays(today(), interval)),
          })}
          value={next}
          min={addDays(today(), 1)}
          onChange={(e) => setNext(e.target.value)}
          error={errors[`${prefix}-next`]}
        />
      )}
      <FormErrors errors={errors} />
      {evaluate.isError && <CommandError error={evaluate.error} headingLevel={4} onRetry={send} />}
      <div className="actions">
        <Button type="submit" variant="secondary" loading={evaluate.isPending}>
          {t('measures.evaluateSubmit')}
        </Button>
      </div>
    </StaffForm>
  );
}

function EndForm({ ctx, measure }: { ctx: LogContext; measure: StaffMeasure }) {
  const { t } = useTranslation('staff');
  const id = `end-${measure.measureId}`;
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const end = useEndMeasure();
  const send = () => {
    if (!reason.trim()) {
      setError(t('measures.errors.reason'));
      return;
    }
    setError(undefined);
    end.mutate({ logId: ctx.log.logId, measureId: measure.measureId, reason: reason.trim() });
  };
  return (
    <StaffForm onSubmit={send}>
      <Textfield
        id={id}
        label={t('measures.endReason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={error}
      />
      {end.isError && <CommandError error={end.error} headingLevel={4} onRetry={send} />}
      <div className="actions">
        <Button type="submit" variant="secondary" loading={end.isPending}>
          {t('measures.endSubmit')}
        </Button>
      </div>
    </StaffForm>
  );
}

/** A new measure: the goal, who is responsible, when it starts and is looked at again. */
function PlanForm({ ctx }: { ctx: LogContext }) {
  const { t } = useTranslation('staff');
  const format = useFormat();
  const [params] = useSearchParams();
  const fromCatalogue = params.get('tilbud') ?? '';
  const rules = ctx.log.rules;
  const interval = rules?.measureEvaluationIntervalDays ?? 42;
  const services = ctx.log.services
    .filter((s) => covers(ctx.log, s.serviceId))
    .map((s) => s.serviceId);
  const staffOf = (serviceId: string) =>
    Object.values(ctx.municipality.staff)
      .filter((s) => s.active && s.serviceId === serviceId)
      .sort((a, b) => a.displayName.localeCompare(b.displayName, 'nb'));
  const [measureId, setMeasureId] = useState(() => crypto.randomUUID());
  const [goal, setGoal] = useState('');
  // An offer chosen in the catalogue comes with its service, when that service takes part.
  const chosen = ctx.municipality.catalogue[fromCatalogue];
  const offerService =
    chosen?.serviceId && services.includes(chosen.serviceId) ? chosen.serviceId : null;
  const [offer, setOffer] = useState(chosen ? fromCatalogue : '');
  const [serviceId, setServiceId] = useState(offerService ?? ctx.me.serviceId ?? services[0] ?? '');
  const [staffId, setStaffId] = useState(
    offerService && offerService !== ctx.me.serviceId
      ? (staffOf(offerService)[0]?.staffId ?? '')
      : ctx.me.subject,
  );
  const [startDate, setStartDate] = useState(today());
  const [evaluationDate, setEvaluationDate] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const plan = usePlanMeasure({
    onSuccess: () => {
      setGoal('');
      setOffer('');
      setEvaluationDate('');
      setMeasureId(crypto.randomUUID());
      setErrors({});
    },
  });
  const people = staffOf(serviceId);
  const send = () => {
    const found: Record<string, string> = {};
    if (!goal.trim()) found['plan-goal'] = t('measures.errors.goal');
    if (!people.some((p) => p.staffId === staffId))
      found['plan-staff'] = t('measures.errors.staff');
    if (!isCalendarDate(startDate)) found['plan-start'] = t('measures.errors.start');
    if (evaluationDate && (!isCalendarDate(evaluationDate) || evaluationDate <= startDate))
      found['plan-evaluation'] = t('measures.errors.evaluation');
    setErrors(found);
    if (hasErrors(found)) return;
    plan.mutate({
      logId: ctx.log.logId,
      measureId,
      goal: goal.trim(),
      responsibleServiceId: serviceId,
      responsibleStaffId: staffId,
      startDate,
      ...(evaluationDate ? { evaluationDate } : {}),
      ...(offer ? { catalogueEntryId: offer } : {}),
    });
  };
  const catalogue = Object.values(ctx.municipality.catalogue).sort((a, b) =>
    a.name.localeCompare(b.name, 'nb'),
  );
  return (
    <Card>
      <StaffForm onSubmit={send}>
        <Heading level={2} data-size="sm" id="plan-heading">
          {t('measures.planHeading')}
        </Heading>
        <Textfield
          id="plan-goal"
          multiline
          rows={2}
          label={t('measures.goal')}
          description={t('measures.goalHelp')}
          value={goal}
          onChange={(e) => setGoal(e.target.value)}
          counter={1000}
          error={errors['plan-goal']}
        />
        <SelectField
          id="plan-offer"
          label={t('measures.offerField')}
          description={t('measures.offerHelp')}
          value={offer}
          onChange={(v) => {
            setOffer(v);
            const entry = ctx.municipality.catalogue[v];
            if (entry?.serviceId && services.includes(entry.serviceId)) {
              setServiceId(entry.serviceId);
              setStaffId(staffOf(entry.serviceId)[0]?.staffId ?? '');
            }
          }}
        >
          <Select.Option value="">{t('measures.noOffer')}</Select.Option>
          {catalogue.map((c) => (
            <Select.Option key={c.entryId} value={c.entryId}>
              {c.name}
            </Select.Option>
          ))}
        </SelectField>
        <SelectField
          id="plan-service"
          label={t('measures.service')}
          value={serviceId}
          onChange={(v) => {
            setServiceId(v);
            setStaffId(staffOf(v)[0]?.staffId ?? '');
          }}
        >
          {services.map((s) => (
            <Select.Option key={s} value={s}>
              {ctx.names.service(s)}
            </Select.Option>
          ))}
        </SelectField>
        <SelectField
          id="plan-staff"
          label={t('measures.person')}
          value={staffId}
          onChange={setStaffId}
          error={errors['plan-staff']}
        >
          {people.map((p) => (
            <Select.Option key={p.staffId} value={p.staffId}>
              {p.displayName}
            </Select.Option>
          ))}
        </SelectField>
        <div className="staff-two-columns">
          <Textfield
            id="plan-start"
            type="date"
            label={t('measures.startDate')}
            value={startDate}
            onChange={(e) => setStartDate(e.target.value)}
            error={errors['plan-start']}
          />
          <Textfield
            id="plan-evaluation"
            type="date"
            label={t('measures.evaluationDate')}
            description={t('measures.evaluationDateHelp', {
              days: interval,
              date: isCalendarDate(startDate) ? format.date(addDays(startDate, interval)) : '–',
            })}
            value={evaluationDate}
            onChange={(e) => setEvaluationDate(e.target.value)}
            error={errors['plan-evaluation']}
          />
        </div>
        <FormErrors errors={errors} />
        {plan.isError && <CommandError error={plan.error} headingLevel={3} onRetry={send} />}
        {plan.isSuccess && (
          <Alert data-color="success" role="status">
            {t('measures.planned')}
          </Alert>
        )}
        <div className="actions">
          <Button type="submit" loading={plan.isPending}>
            {t('measures.planSubmit')}
          </Button>
        </div>
      </StaffForm>
    </Card>
  );
}
