import {
  Alert,
  Button,
  Card,
  Heading,
  Link,
  Paragraph,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { useCommand } from '../../../shared/api/use-command';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { isKnownErrorCode } from '../../../shared/errors/plain-error';
import { useFormat } from '../../../shared/format/use-format';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import { useFollowUps } from '../api';
import { BackLink } from '../components/back-link';
import { CommandError } from '../components/command-error';
import { ProblemSummary, useProblems } from '../components/form-errors';
import { meetingCommands } from '../commands';
import { coordinatorPaths } from '../paths';
import type { FollowUp } from '../reads';
import { useErasable } from '../../../shared/format/use-erasable';

/** Codes for which there is advice of its own; any other code gets the advice for its decision kind. */
const ADVICE_CODES = [
  'CONSENT_REQUIRED',
  'OUTSIDE_CONSENT_SCOPE',
  'NO_CHANGE',
  'NOT_CARRIED_OUT',
  'HANDOVER_PENDING',
  'ALREADY_STAFETTHOLDER',
  'LOG_NOT_OPEN',
] as const;
type AdviceCode = (typeof ADVICE_CODES)[number];
const hasAdvice = (code: string): code is AdviceCode =>
  (ADVICE_CODES as readonly string[]).includes(code);

/**
 * The decisions the system could not carry into the child's log by itself (the saga's follow-ups),
 * in meetings the coordinator's service chairs: why, in plain words, what to do, and a note to close
 * each once a person has acted. Listed even when the consent that let the service read the meeting
 * has lapsed — often the very reason — with the decision's words left out then.
 */
export function FollowUpsPage() {
  const { t } = useTranslation('coordinator');
  const followUps = useFollowUps();
  return (
    <Page
      title={t('followUps.title')}
      before={<BackLink to={coordinatorPaths.worklist}>{t('nav.toWorklist')}</BackLink>}
    >
      <Paragraph>{t('followUps.intro')}</Paragraph>
      {followUps.isPending && <Loading />}
      {followUps.isError && (
        <ErrorAlert error={followUps.error} onRetry={() => void followUps.refetch()} />
      )}
      {followUps.data?.items.length === 0 && (
        <Alert data-color="success">{t('followUps.none')}</Alert>
      )}
      <ul className="card-list">
        {followUps.data?.items.map(({ document: item }) => (
          <li key={`${item.meetingId}/${item.decisionId}`}>
            <FollowUpCard item={item} />
          </li>
        ))}
      </ul>
    </Page>
  );
}

function FollowUpCard({ item }: { readonly item: FollowUp }) {
  const erasable = useErasable();
  const { t } = useTranslation('coordinator');
  const errors = useTranslation('errors');
  const format = useFormat();
  const code = item.followUp.code;
  const why = isKnownErrorCode(code)
    ? errors.t(`codes.${code}`)
    : code === 'NOT_CARRIED_OUT'
      ? t('followUps.notCarriedOut')
      : errors.t('unknown', { status: 422 });
  const advice = hasAdvice(code)
    ? t(`followUps.adviceByCode.${code}`)
    : t(`followUps.adviceByKind.${item.kind}`);
  const [note, setNote] = useState('');
  const { problems, check, of } = useProblems();
  const resolve = useCommand(meetingCommands.resolveFollowUp);
  const noteId = `follow-up-note-${item.decisionId}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!check(note.trim() ? {} : { [noteId]: t('followUps.problems.note') })) return;
    resolve.mutate({ meetingId: item.meetingId, decisionId: item.decisionId, note: note.trim() });
  };
  return (
    <Card data-color="neutral" className="worklist-card">
      <Heading level={2} data-size="xs">
        {t('followUps.itemHeading', {
          kind: t(`decisionKind.${item.kind}`),
          date: format.date(item.startsAt),
        })}
      </Heading>
      {item.withheld ? (
        <Paragraph>{t('followUps.withheld')}</Paragraph>
      ) : (
        <Paragraph className="said">{erasable(item.text)}</Paragraph>
      )}
      <Paragraph data-size="sm">
        {t('decisions.whoWhen', {
          name: item.responsible.name,
          service: item.responsible.serviceName,
          date: format.date(item.deadline),
        })}
      </Paragraph>
      <Heading level={3} data-size="2xs">
        {t('followUps.why')}
      </Heading>
      <Paragraph>{why}</Paragraph>
      <Paragraph data-size="sm">
        <Tag data-color="warning">{t('followUps.code', { code })}</Tag>{' '}
        {t('followUps.since', { date: format.date(item.followUp.at) })}
      </Paragraph>
      <Heading level={3} data-size="2xs">
        {t('followUps.what')}
      </Heading>
      <Paragraph>{advice}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RouterLink to={coordinatorPaths.meeting(item.meetingId)}>
            {t('followUps.openMeeting')}
          </RouterLink>
        </Link>
      </Paragraph>
      <form className="stack form" onSubmit={submit} noValidate>
        <ProblemSummary problems={problems} />
        <Textfield
          id={noteId}
          multiline
          rows={2}
          label={t('followUps.note')}
          description={t('followUps.noteHelp')}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={of(noteId)}
        />
        <CommandError command={resolve} />
        <div className="actions">
          <Button type="submit" variant="secondary" loading={resolve.isPending}>
            {t('followUps.resolve')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
