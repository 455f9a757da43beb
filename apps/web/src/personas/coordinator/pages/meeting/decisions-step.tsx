import {
  Button,
  Card,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../../../../shared/api/use-command';
import { todayInOslo } from '../../../../shared/format/format';
import { useFormat } from '../../../../shared/format/use-format';
import { useFamily, useFamilyLogs } from '../../api';
import { CommandError } from '../../components/command-error';
import { DecisionStatusTag } from '../../components/decision-status';
import { ProblemSummary, useProblems } from '../../components/form-errors';
import { meetingCommands, type DecisionInput } from '../../commands';
import type { CoordinatorMeeting, DecisionKind } from '../../reads';
import { mayChair, meetingStaff, type MeetingContext } from './context';
import { useErasable } from '../../../../shared/format/use-erasable';

const KINDS: readonly DecisionKind[] = [
  'measure',
  'level_change',
  'stafettholder',
  'samordningsansvar',
  'referral',
  'other',
];
/** The kinds the system carries into the child's log by itself. */
const ON_LOG: readonly DecisionKind[] = [
  'measure',
  'level_change',
  'stafettholder',
  'samordningsansvar',
];

/** What was decided, who does it and by when, and how far each has come on its way into the log. */
export function DecisionList({
  meeting,
  headingLevel,
}: {
  readonly meeting: CoordinatorMeeting;
  readonly headingLevel: 3 | 4;
}) {
  const erasable = useErasable();
  const { t } = useTranslation('coordinator');
  const format = useFormat();
  const queryClient = useQueryClient();
  if (meeting.decisions.length === 0) return <Paragraph>{t('decisions.none')}</Paragraph>;
  const waiting = meeting.decisions.some((d) => d.status === 'recorded');
  return (
    <>
      {waiting && (
        <div className="actions">
          <Paragraph data-size="sm">{t('decisions.waiting')}</Paragraph>
          <Button
            variant="tertiary"
            data-size="sm"
            onClick={() =>
              void queryClient.invalidateQueries({
                queryKey: ['coordinator', 'meeting', meeting.meetingId],
              })
            }
          >
            {t('decisions.check')}
          </Button>
        </div>
      )}
      <ul className="card-list">
        {meeting.decisions.map((d) => (
          <li key={d.decisionId}>
            <Card data-color="neutral" className="worklist-card">
              <Heading level={headingLevel} data-size="2xs">
                {t(`decisionKind.${d.kind}`)}
              </Heading>
              <Paragraph className="said">{erasable(d.text)}</Paragraph>
              {d.goal && (
                <Paragraph data-size="sm">{t('decisions.goalIs', { goal: d.goal })}</Paragraph>
              )}
              <Paragraph data-size="sm">
                {t('decisions.whoWhen', {
                  name: d.responsible.name,
                  service: d.responsible.serviceName,
                  date: format.date(d.deadline),
                })}
              </Paragraph>
              <Paragraph>
                <DecisionStatusTag status={d.status} />
              </Paragraph>
            </Card>
          </li>
        ))}
      </ul>
    </>
  );
}

/** Decisions with an owner and a deadline (the chair records them, after the guardians have spoken). */
export function DecisionsStep(context: MeetingContext) {
  const { t } = useTranslation('coordinator');
  return (
    <>
      <Paragraph>{t('decisions.intro')}</Paragraph>
      <Heading level={3} data-size="xs">
        {t('decisions.listHeading')}
      </Heading>
      <DecisionList meeting={context.meeting} headingLevel={4} />
      {mayChair(context) && <DecisionForm {...context} />}
    </>
  );
}

function DecisionForm(context: MeetingContext) {
  const { meeting, register } = context;
  const { t } = useTranslation('coordinator');
  const today = todayInOslo();
  const services = meetingStaff(context);
  const severalLogs = meeting.logIds.length > 1;
  // Only a meeting about several logs needs the children's names to tell the logs apart.
  const family = useFamily(meeting.familyId, severalLogs);
  const familyLogs = useFamilyLogs(meeting.familyId, severalLogs);
  const [decisionId, setDecisionId] = useState(() => crypto.randomUUID());
  const [kind, setKind] = useState<DecisionKind>('measure');
  const [text, setText] = useState('');
  const [responsible, setResponsible] = useState('');
  const [deadline, setDeadline] = useState('');
  const [logId, setLogId] = useState(meeting.logIds[0] ?? '');
  const [goal, setGoal] = useState('');
  const [startDate, setStartDate] = useState(today);
  const [evaluationDate, setEvaluationDate] = useState('');
  const [level, setLevel] = useState('');
  const [to, setTo] = useState('');
  const [service, setService] = useState('');
  const { problems, check, of } = useProblems();
  const record = useCommand(
    (input: DecisionInput, commandId: string) => meetingCommands.decision(input, commandId),
    {
      onSuccess: () => {
        setDecisionId(crypto.randomUUID());
        setText('');
        setGoal('');
        setDeadline('');
        setEvaluationDate('');
      },
    },
  );
  const levels = register.handlingsveileder.levels.filter((l) => l.level >= 1 && l.level <= 3);
  const staffRef = (key: string) => {
    const [staffId, serviceId] = key.split('|');
    return { staffId, serviceId };
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: Record<string, string> = {};
    if (!text.trim()) found['decision-text'] = t('decisions.problems.text');
    if (!responsible) found['decision-responsible'] = t('decisions.problems.responsible');
    if (!deadline) found['decision-deadline'] = t('decisions.problems.deadline');
    else if (deadline < today) found['decision-deadline'] = t('decisions.problems.deadlinePast');
    if (kind === 'measure') {
      if (!goal.trim()) found['decision-goal'] = t('decisions.problems.goal');
      if (!startDate) found['decision-start'] = t('decisions.problems.start');
      if (evaluationDate && evaluationDate <= startDate)
        found['decision-evaluation'] = t('decisions.problems.evaluation');
    }
    if (kind === 'level_change' && !level) found['decision-level'] = t('decisions.problems.level');
    if (kind === 'stafettholder' && !to) found['decision-to'] = t('decisions.problems.to');
    if (kind === 'samordningsansvar' && !service)
      found['decision-service'] = t('decisions.problems.service');
    if (!check(found)) return;
    const who = staffRef(responsible);
    const input: DecisionInput = {
      meetingId: meeting.meetingId,
      decisionId,
      kind,
      text: text.trim(),
      responsibleStaffId: who.staffId,
      responsibleServiceId: who.serviceId,
      deadline,
      ...(ON_LOG.includes(kind) ? { logId } : {}),
      ...(kind === 'measure'
        ? { goal: goal.trim(), startDate, ...(evaluationDate ? { evaluationDate } : {}) }
        : {}),
      ...(kind === 'level_change' ? { level: Number(level) as 1 | 2 | 3 } : {}),
      ...(kind === 'stafettholder' ? { to: staffRef(to) } : {}),
      ...(kind === 'samordningsansvar' ? { serviceId: service } : {}),
    };
    record.mutate(input);
  };

  const staffOptions = services.map((s) => (
    <Select.Optgroup key={s.serviceId} label={s.name}>
      {s.staff.map((person) => (
        <Select.Option key={person.staffId} value={`${person.staffId}|${person.serviceId}`}>
          {person.displayName}
        </Select.Option>
      ))}
    </Select.Optgroup>
  ));
  const logName = (id: string, index: number) => {
    const subjectId = familyLogs.data?.items.find((item) => item.id === id)?.document.subjectId;
    const child = subjectId ? family.data?.subjects[subjectId]?.personal.name : undefined;
    return child ? t('family.logs.of', { child }) : t('decisions.logNumber', { number: index + 1 });
  };

  return (
    <form className="stack form decision-form" onSubmit={submit} noValidate>
      <Heading level={3} data-size="xs">
        {t('decisions.newHeading')}
      </Heading>
      <ProblemSummary problems={problems} />
      <Field>
        <Label htmlFor="decision-kind">{t('decisions.kind')}</Label>
        <Select
          id="decision-kind"
          value={kind}
          onChange={(e) => setKind(e.target.value as DecisionKind)}
        >
          {KINDS.map((k) => (
            <Select.Option key={k} value={k}>
              {t(`decisionKind.${k}`)}
            </Select.Option>
          ))}
        </Select>
        <Field.Description>{t(`decisions.kindHelp.${kind}`)}</Field.Description>
      </Field>
      <Textfield
        id="decision-text"
        multiline
        rows={3}
        label={t('decisions.text')}
        description={t('decisions.textHelp')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        error={of('decision-text')}
      />
      {severalLogs && ON_LOG.includes(kind) && (
        <Field>
          <Label htmlFor="decision-log">{t('decisions.log')}</Label>
          <Select id="decision-log" value={logId} onChange={(e) => setLogId(e.target.value)}>
            {meeting.logIds.map((id, index) => (
              <Select.Option key={id} value={id}>
                {logName(id, index)}
              </Select.Option>
            ))}
          </Select>
        </Field>
      )}
      {kind === 'measure' && (
        <>
          <Textfield
            id="decision-goal"
            label={t('decisions.goal')}
            description={t('decisions.goalHelp')}
            value={goal}
            onChange={(e) => setGoal(e.target.value)}
            error={of('decision-goal')}
          />
          <div className="field-row">
            <Textfield
              id="decision-start"
              type="date"
              label={t('decisions.startDate')}
              value={startDate}
              onChange={(e) => setStartDate(e.target.value)}
              error={of('decision-start')}
            />
            <Textfield
              id="decision-evaluation"
              type="date"
              label={t('decisions.evaluationDate')}
              value={evaluationDate}
              onChange={(e) => setEvaluationDate(e.target.value)}
              error={of('decision-evaluation')}
            />
          </div>
        </>
      )}
      {kind === 'level_change' && (
        <Field>
          <Label htmlFor="decision-level">{t('decisions.level')}</Label>
          <Select
            id="decision-level"
            value={level}
            onChange={(e) => setLevel(e.target.value)}
            aria-invalid={of('decision-level') ? true : undefined}
          >
            <Select.Option value="">{t('decisions.choose')}</Select.Option>
            {levels.map((l) => (
              <Select.Option key={l.level} value={String(l.level)}>
                {l.name}
              </Select.Option>
            ))}
          </Select>
          {of('decision-level') && <ValidationMessage>{of('decision-level')}</ValidationMessage>}
        </Field>
      )}
      {kind === 'stafettholder' && (
        <Field>
          <Label htmlFor="decision-to">{t('decisions.to')}</Label>
          <Select
            id="decision-to"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            aria-invalid={of('decision-to') ? true : undefined}
          >
            <Select.Option value="">{t('decisions.choose')}</Select.Option>
            {staffOptions}
          </Select>
          <Field.Description>{t('decisions.toHelp')}</Field.Description>
          {of('decision-to') && <ValidationMessage>{of('decision-to')}</ValidationMessage>}
        </Field>
      )}
      {kind === 'samordningsansvar' && (
        <Field>
          <Label htmlFor="decision-service">{t('decisions.service')}</Label>
          <Select
            id="decision-service"
            value={service}
            onChange={(e) => setService(e.target.value)}
            aria-invalid={of('decision-service') ? true : undefined}
          >
            <Select.Option value="">{t('decisions.choose')}</Select.Option>
            {services.map((s) => (
              <Select.Option key={s.serviceId} value={s.serviceId}>
                {s.name}
              </Select.Option>
            ))}
          </Select>
          {of('decision-service') && (
            <ValidationMessage>{of('decision-service')}</ValidationMessage>
          )}
        </Field>
      )}
      <div className="field-row">
        <Field>
          <Label htmlFor="decision-responsible">{t('decisions.responsible')}</Label>
          <Select
            id="decision-responsible"
            value={responsible}
            onChange={(e) => setResponsible(e.target.value)}
            aria-invalid={of('decision-responsible') ? true : undefined}
          >
            <Select.Option value="">{t('decisions.choose')}</Select.Option>
            {staffOptions}
          </Select>
          {of('decision-responsible') && (
            <ValidationMessage>{of('decision-responsible')}</ValidationMessage>
          )}
        </Field>
        <Textfield
          id="decision-deadline"
          type="date"
          label={t('decisions.deadline')}
          min={today}
          value={deadline}
          onChange={(e) => setDeadline(e.target.value)}
          error={of('decision-deadline')}
        />
      </div>
      <CommandError command={record} />
      <div className="actions">
        <Button type="submit" loading={record.isPending}>
          {t('decisions.submit')}
        </Button>
      </div>
    </form>
  );
}
