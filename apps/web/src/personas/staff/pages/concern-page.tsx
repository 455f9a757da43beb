import {
  Alert,
  Button,
  Card,
  Fieldset,
  Heading,
  Link,
  Paragraph,
  Radio,
  Tag,
  Textfield,
  ValidationMessage,
} from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { useFormat } from '../../../shared/format/use-format';
import { Page } from '../../../shared/layout/page';
import {
  useConcern,
  useDecideConcern,
  useFamily,
  useFamilyLogs,
  useMunicipality,
  useRecordTalk,
  useStartLog,
} from '../api';
import { BackLink } from '../components/back-link';
import {
  ConsentScopeFields,
  emptyScope,
  scopeErrors,
  type ScopeDraft,
} from '../components/consent-scope-fields';
import { isCalendarDate, today } from '../components/dates';
import { FormErrors, hasErrors, type FieldErrors } from '../components/form-errors';
import { Guide } from '../components/guide';
import { Loaded } from '../components/loaded';
import { childNameOf } from '../components/names';
import { staffPaths } from '../paths';
import type { Concern, ConcernOutcome, Municipality, TalkParty } from '../reads';
import { CommandError } from '../components/command-error';
import { StaffForm } from '../components/staff-form';
import { useErasable } from '../../../shared/format/use-erasable';

const TALK_PARTIES: readonly TalkParty[] = ['guardians', 'child', 'colleague', 'leader'];
const OUTCOMES: readonly ConcernOutcome[] = ['involve_others', 'help_within_service', 'closed'];

/**
 * One of the service's concerns at nivå 0: what was noticed, the talks held, the deadline; then the
 * decision, and — when others must be involved — the consent request that starts the stafettlogg.
 */
export function ConcernPage() {
  const { t } = useTranslation('staff');
  const { concernId = '' } = useParams();
  const concern = useConcern(concernId);
  const family = useFamily(concern.data?.familyId ?? null);
  const municipality = useMunicipality();
  const name = concern.data ? childNameOf(family.data, concern.data.subjectId) : null;
  const title = concern.data
    ? t(concern.data.kind === 'bekymring' ? 'concern.titleBekymring' : 'concern.titleUndring', {
        child: name ?? t('worklist.unnamedChild'),
      })
    : t('concern.title');
  return (
    <Page
      title={title}
      before={<BackLink to={staffPaths.worklist()}>{t('nav.worklist')}</BackLink>}
    >
      <Loaded query={concern}>
        {(c) => (
          <Loaded query={municipality}>
            {(m) => <ConcernBody concern={c} municipality={m} childName={name} />}
          </Loaded>
        )}
      </Loaded>
    </Page>
  );
}

function ConcernBody({
  concern,
  municipality,
  childName,
}: {
  concern: Concern;
  municipality: Municipality;
  childName: string | null;
}) {
  const erasable = useErasable();
  const { t } = useTranslation('staff');
  const format = useFormat();
  const rules = municipality.handlingsveileder;
  return (
    <>
      <Card>
        <dl className="staff-facts">
          <dt>{t('concern.noted')}</dt>
          <dd>{format.date(concern.notedAt)}</dd>
          <dt>{t('concern.what')}</dt>
          <dd>{erasable(concern.summary)}</dd>
          <dt>{t('concern.deadline')}</dt>
          <dd>
            {format.date(concern.decisionDeadline)}{' '}
            {concern.overdue ? (
              <Tag data-color="danger" data-size="sm">
                {t('concern.overdue')}
              </Tag>
            ) : concern.status === 'open' ? (
              `(${format.daysFromToday(concern.decisionDeadline)})`
            ) : null}
          </dd>
          <dt>{t('concern.status')}</dt>
          <dd>
            {concern.status === 'open'
              ? t('concern.open')
              : t('concern.decided', {
                  outcome: t(`outcomes.${concern.outcome ?? 'closed'}.label`),
                  date: format.date(concern.decidedAt ?? concern.notedAt),
                })}
          </dd>
        </dl>
      </Card>
      <Guide
        rules={rules}
        municipality={municipality.name}
        step={concern.status === 'open' ? 'concern' : 'consent'}
      />
      <section className="stack" aria-labelledby="concern-talks">
        <Heading level={2} data-size="sm" id="concern-talks">
          {t('concern.talks')}
        </Heading>
        {concern.talks.length === 0 ? (
          <Paragraph>{t('concern.noTalks')}</Paragraph>
        ) : (
          <ul>
            {concern.talks.map((talk, i) => (
              <li key={i}>
                {t('concern.talkLine', {
                  with: t(`talkParties.${talk.with}`),
                  date: format.date(talk.heldOn),
                })}
              </li>
            ))}
          </ul>
        )}
        {concern.status === 'open' && <TalkForm concernId={concern.concernId} />}
      </section>
      {concern.status === 'open' ? (
        <DecideForm concern={concern} />
      ) : concern.outcome === 'involve_others' ? (
        <InvolveOthers concern={concern} municipality={municipality} childName={childName} />
      ) : (
        <Alert data-color="success">
          <Paragraph>{t(`outcomes.${concern.outcome ?? 'closed'}.after`)}</Paragraph>
        </Alert>
      )}
    </>
  );
}

function TalkForm({ concernId }: { concernId: string }) {
  const { t } = useTranslation('staff');
  const [party, setParty] = useState<TalkParty>('guardians');
  const [heldOn, setHeldOn] = useState(today());
  const [summary, setSummary] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const record = useRecordTalk({
    onSuccess: () => {
      setSummary('');
      setErrors({});
    },
  });
  const send = () => {
    const found: Record<string, string> = {};
    if (!isCalendarDate(heldOn)) found['talk-date'] = t('concern.errors.date');
    if (!summary.trim()) found['talk-summary'] = t('concern.errors.talkSummary');
    setErrors(found);
    if (!hasErrors(found))
      record.mutate({ concernId, with: party, heldOn, summary: summary.trim() });
  };
  return (
    <StaffForm onSubmit={send}>
      <Heading level={3} data-size="xs">
        {t('concern.talkForm')}
      </Heading>
      <Fieldset>
        <Fieldset.Legend>{t('concern.talkWith')}</Fieldset.Legend>
        {TALK_PARTIES.map((p) => (
          <Radio
            key={p}
            name="talk-with"
            value={p}
            label={t(`talkParties.${p}`)}
            checked={party === p}
            onChange={() => setParty(p)}
          />
        ))}
      </Fieldset>
      <Textfield
        id="talk-date"
        type="date"
        label={t('concern.talkDate')}
        value={heldOn}
        onChange={(e) => setHeldOn(e.target.value)}
        error={errors['talk-date']}
      />
      <Textfield
        id="talk-summary"
        multiline
        rows={3}
        label={t('concern.talkSummary')}
        description={t('concern.talkSummaryHelp')}
        value={summary}
        onChange={(e) => setSummary(e.target.value)}
        counter={2000}
        error={errors['talk-summary']}
      />
      <FormErrors errors={errors} />
      {record.isError && <CommandError error={record.error} headingLevel={4} onRetry={send} />}
      {record.isSuccess && (
        <Alert data-color="success" role="status">
          {t('concern.talkSaved')}
        </Alert>
      )}
      <div className="actions">
        <Button type="submit" variant="secondary" loading={record.isPending}>
          {t('concern.talkSubmit')}
        </Button>
      </div>
    </StaffForm>
  );
}

function DecideForm({ concern }: { concern: Concern }) {
  const { t } = useTranslation('staff');
  const [outcome, setOutcome] = useState<ConcernOutcome | ''>('');
  const [reason, setReason] = useState('');
  const [lateReason, setLateReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const decide = useDecideConcern();
  const send = () => {
    const found: Record<string, string> = {};
    if (!outcome) found['decide-outcome-0'] = t('concern.errors.outcome');
    if (!reason.trim()) found['decide-reason'] = t('concern.errors.reason');
    if (concern.overdue && !lateReason.trim())
      found['decide-late'] = t('concern.errors.lateReason');
    setErrors(found);
    if (hasErrors(found) || !outcome) return;
    decide.mutate({
      concernId: concern.concernId,
      outcome,
      reason: reason.trim(),
      ...(concern.overdue ? { lateReason: lateReason.trim() } : {}),
    });
  };
  return (
    <section className="stack" aria-labelledby="concern-decide">
      <Heading level={2} data-size="sm" id="concern-decide">
        {t('concern.decide')}
      </Heading>
      <StaffForm onSubmit={send}>
        <Fieldset>
          <Fieldset.Legend>{t('concern.outcome')}</Fieldset.Legend>
          {OUTCOMES.map((o, i) => (
            <Radio
              key={o}
              id={`decide-outcome-${i}`}
              name="outcome"
              value={o}
              label={t(`outcomes.${o}.label`)}
              description={t(`outcomes.${o}.help`)}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
          ))}
          {errors['decide-outcome-0'] && (
            <ValidationMessage>{errors['decide-outcome-0']}</ValidationMessage>
          )}
        </Fieldset>
        <Textfield
          id="decide-reason"
          multiline
          rows={3}
          label={t('concern.reason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          counter={2000}
          error={errors['decide-reason']}
        />
        {concern.overdue && (
          <Textfield
            id="decide-late"
            multiline
            rows={2}
            label={t('concern.lateReason')}
            description={t('concern.lateReasonHelp')}
            value={lateReason}
            onChange={(e) => setLateReason(e.target.value)}
            counter={2000}
            error={errors['decide-late']}
          />
        )}
        <FormErrors errors={errors} />
        {decide.isError && <CommandError error={decide.error} headingLevel={3} onRetry={send} />}
        <div className="actions">
          <Button type="submit" loading={decide.isPending}>
            {t('concern.decideSubmit')}
          </Button>
        </div>
      </StaffForm>
    </section>
  );
}

/** After "involve others": the log for this child, or the consent request that starts it. */
function InvolveOthers({
  concern,
  municipality,
  childName,
}: {
  concern: Concern;
  municipality: Municipality;
  childName: string | null;
}) {
  const { t } = useTranslation('staff');
  const logs = useFamilyLogs(concern.familyId);
  return (
    <section className="stack" aria-labelledby="concern-log">
      <Heading level={2} data-size="sm" id="concern-log">
        {t('concern.logHeading')}
      </Heading>
      <Loaded query={logs} headingLevel={3}>
        {(page) => {
          const mine = page.items
            .map((i) => i.document)
            .filter((l) => l.subjectId === concern.subjectId && l.status !== 'closed');
          if (mine.length > 0)
            return (
              <ul>
                {mine.map((l) => (
                  <li key={l.logId}>
                    <Link asChild>
                      <RouterLink to={staffPaths.log(l.logId)}>
                        {t('concern.logLink', {
                          child: childName ?? t('worklist.unnamedChild'),
                          status: t(`logStatus.${l.status}`),
                        })}
                      </RouterLink>
                    </Link>
                  </li>
                ))}
              </ul>
            );
          return <StartLogForm concern={concern} municipality={municipality} />;
        }}
      </Loaded>
    </section>
  );
}

function StartLogForm({ concern, municipality }: { concern: Concern; municipality: Municipality }) {
  const { t } = useTranslation('staff');
  const navigate = useNavigate();
  const [ids] = useState(() => ({ logId: crypto.randomUUID(), consentId: crypto.randomUUID() }));
  const [scope, setScope] = useState<ScopeDraft>(() => emptyScope(concern.serviceId));
  const [errors, setErrors] = useState<FieldErrors>({});
  const start = useStartLog({ onSuccess: () => void navigate(staffPaths.log(ids.logId)) });
  const send = () => {
    const found = scopeErrors(scope, 'start', t);
    setErrors(found);
    if (hasErrors(found)) return;
    start.mutate({
      logId: ids.logId,
      concernId: concern.concernId,
      consentId: ids.consentId,
      scope: { ...scope, purpose: scope.purpose.trim() },
    });
  };
  return (
    <StaffForm onSubmit={send}>
      <Paragraph>{t('concern.startIntro')}</Paragraph>
      <ConsentScopeFields
        scope={scope}
        onChange={setScope}
        municipality={municipality}
        ownServiceId={concern.serviceId}
        prefix="start"
        errors={errors}
      />
      <FormErrors errors={errors} />
      {start.isError && <CommandError error={start.error} headingLevel={3} onRetry={send} />}
      <div className="actions">
        <Button type="submit" loading={start.isPending}>
          {t('concern.startSubmit')}
        </Button>
      </div>
    </StaffForm>
  );
}
