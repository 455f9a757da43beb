import { Alert, Card, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import type { EntryView, LogView, MyChild } from '../../../shared/api/reads';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { useFormat } from '../../../shared/format/use-format';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import { useConsentAnswer, useFamily, useFamilyMeetings, useLog, useMyChildren } from '../api';
import { ConsentCard } from '../components/consent-card';
import { DownloadEverything } from '../components/downloads';
import { namesAround, type Names } from '../components/names';
import { VoiceForm } from '../components/voice-form';
import { guardianPaths } from '../paths';
import { useErasable } from '../../../shared/format/use-erasable';

/**
 * One child's log for the family: what is asked of them first (a consent waiting), then their own
 * words, the log's shared entries newest first, the help agreed, the meetings, the consents, and
 * "who has looked" and "download everything".
 */
export function LogPage() {
  const { t } = useTranslation('guardian');
  const { logId = '' } = useParams();
  const log = useLog(logId);
  const children = useMyChildren();
  const child = children.data?.children.find((c) => c.logs.some((l) => l.logId === logId));
  const { hash } = useLocation();

  useEffect(() => {
    if (log.data && hash) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [log.data, hash]);

  const back = (
    <Link asChild>
      <RouterLink to={guardianPaths.start}>{t('log.back')}</RouterLink>
    </Link>
  );
  if (log.isError || children.isError)
    return (
      <Page title={t('log.titleUnknown')} before={back}>
        <ErrorAlert
          error={log.error ?? children.error}
          onRetry={() => void Promise.all([log.refetch(), children.refetch()])}
        />
      </Page>
    );
  if (!log.data || !children.data)
    return (
      <Page title={t('log.titleUnknown')} before={back}>
        <Loading />
      </Page>
    );
  return (
    <LogContent
      log={log.data}
      child={child ?? null}
      names={namesAround(children.data.children)}
      back={back}
    />
  );
}

function LogContent({
  log,
  child,
  names,
  back,
}: {
  log: LogView;
  child: MyChild | null;
  names: Names;
  back: ReactNode;
}) {
  const erasable = useErasable();
  const { t } = useTranslation('guardian');
  const format = useFormat();
  const family = useFamily(log.familyId);
  const meetings = useFamilyMeetings(log.familyId);
  const consentAnswer = useConsentAnswer();
  const childName = child?.name ?? t('log.theChild');
  const pending = log.consents.filter((c) => c.status === 'requested');
  const others = log.consents.filter((c) => c.status !== 'requested');
  // The categories the family may write in: those of a consent in force today, as the service
  // decides it (a voice in another would reach no service, and is refused).
  const today = new Date().toISOString().slice(0, 10);
  const consentCategories = [
    ...new Set(
      log.consents
        .filter(
          (c) =>
            c.status === 'given' &&
            c.validFrom !== null &&
            c.validUntil !== null &&
            c.validFrom <= today &&
            today <= c.validUntil,
        )
        .flatMap((c) => c.scope.categories),
    ),
  ];
  const guardianName = (id: string) =>
    family.data?.guardians[id]?.personal.name ?? t('log.aGuardian');
  const author = (entry: EntryView): string =>
    entry.authorKind === 'staff'
      ? names.service(entry.serviceId)
      : entry.authorKind === 'guardian'
        ? guardianName(entry.authorId)
        : childName;
  const logMeetings = (meetings.data?.items ?? [])
    .map((item) => item.document)
    .filter((m) => m.logIds.includes(log.logId));

  return (
    <Page title={t('log.title', { name: childName })} before={back}>
      <Paragraph>{t('log.intro')}</Paragraph>
      {log.status === 'closed' && <Alert data-color="info">{t('log.closed')}</Alert>}

      {pending.length > 0 && (
        <section className="stack" id="samtykke" aria-labelledby="consent-asked">
          <Heading level={2} data-size="sm" id="consent-asked">
            {t('log.consentAsked')}
          </Heading>
          {pending.map((consent) => (
            <ConsentCard
              key={consent.consentId}
              logId={log.logId}
              consent={consent}
              childName={childName}
              names={names}
              act={consentAnswer}
            />
          ))}
        </section>
      )}

      {log.status === 'open' && (
        <section className="stack" aria-labelledby="voice-heading">
          <Heading level={2} data-size="sm" id="voice-heading">
            {t('voice.heading')}
          </Heading>
          {consentCategories.length > 0 ? (
            <VoiceForm logId={log.logId} categories={consentCategories} />
          ) : (
            <Paragraph>{t('voice.noConsent')}</Paragraph>
          )}
        </section>
      )}

      <section className="stack" aria-labelledby="entries-heading">
        <Heading level={2} data-size="sm" id="entries-heading">
          {t('log.entriesHeading')}
        </Heading>
        {log.entries.length === 0 ? (
          <Paragraph>{t('log.noEntries')}</Paragraph>
        ) : (
          <ol className="card-list" aria-label={t('log.entriesHeading')}>
            {[...log.entries]
              .sort((a, b) => b.at.localeCompare(a.at))
              .map((entry) => (
                <li key={entry.entryId}>
                  <Card
                    data-color={entry.authorKind === 'staff' ? 'neutral' : 'brand1'}
                    className="stack entry"
                  >
                    <div className="actions">
                      <Tag data-color={entry.authorKind === 'staff' ? 'info' : 'success'}>
                        {t(`entryKinds.${entry.kind}`)}
                      </Tag>
                      <Paragraph data-size="sm">
                        {t('log.entryBy', { author: author(entry), date: format.date(entry.at) })}
                      </Paragraph>
                    </div>
                    <Paragraph className="entry__text">{erasable(entry.text)}</Paragraph>
                    <Paragraph data-size="xs" className="muted">
                      {t('log.entryAbout', { category: t(`categories.${entry.category}`) })}
                      {entry.correctsEntryId ? ` · ${t('log.correction')}` : ''}
                    </Paragraph>
                  </Card>
                </li>
              ))}
          </ol>
        )}
      </section>

      <section className="stack" aria-labelledby="measures-heading">
        <Heading level={2} data-size="sm" id="measures-heading">
          {t('measures.heading')}
        </Heading>
        <Paragraph data-size="sm">{t('measures.explained')}</Paragraph>
        {log.measures.length === 0 ? (
          <Paragraph>{t('measures.none')}</Paragraph>
        ) : (
          <ul className="card-list">
            {log.measures.map((measure) => (
              <li key={measure.measureId}>
                <Card data-color="neutral" className="stack">
                  <Heading level={3} data-size="xs">
                    {erasable(measure.goal)}
                  </Heading>
                  <Paragraph data-size="sm">
                    {t('measures.responsible', {
                      service: names.service(measure.responsible.serviceId),
                    })}
                  </Paragraph>
                  <Paragraph data-size="sm">
                    {measure.status === 'ended'
                      ? t('measures.ended', {
                          date: format.date(measure.endedOn ?? measure.startDate),
                        })
                      : measure.status === 'planned'
                        ? t('measures.planned', { date: format.date(measure.startDate) })
                        : t('measures.started', {
                            date: format.date(measure.startedOn ?? measure.startDate),
                          })}
                  </Paragraph>
                  {measure.status !== 'ended' && measure.evaluationDate && (
                    <Paragraph>
                      {t('measures.nextEvaluation', { date: format.date(measure.evaluationDate) })}
                    </Paragraph>
                  )}
                  {measure.evaluations.map((evaluation) => (
                    <Paragraph key={evaluation.evaluatedOn} data-size="sm">
                      {t('measures.evaluated', {
                        date: format.date(evaluation.evaluatedOn),
                        result: t(`measures.attainment.${evaluation.goalAttainment}`),
                        decision: t(`measures.decision.${evaluation.decision}`),
                      })}
                    </Paragraph>
                  ))}
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="stack" aria-labelledby="meetings-heading">
        <Heading level={2} data-size="sm" id="meetings-heading">
          {t('meetings.heading')}
        </Heading>
        {meetings.isError && <ErrorAlert error={meetings.error} headingLevel={3} />}
        {logMeetings.length === 0 ? (
          <Paragraph>{t('meetings.none')}</Paragraph>
        ) : (
          <ul className="link-list">
            {logMeetings.map((meeting) => (
              <li key={meeting.meetingId}>
                <Link asChild>
                  <RouterLink to={guardianPaths.meeting(meeting.meetingId)}>
                    {t('meetings.item', { when: format.dateTime(meeting.startsAt) })}
                  </RouterLink>
                </Link>{' '}
                <Tag data-color="neutral">{t(`meeting.status.${meeting.status}`)}</Tag>
              </li>
            ))}
          </ul>
        )}
      </section>

      {others.length > 0 && (
        <section
          className="stack"
          id={pending.length > 0 ? undefined : 'samtykke'}
          aria-labelledby="consents-heading"
        >
          <Heading level={2} data-size="sm" id="consents-heading">
            {t('log.consentsHeading')}
          </Heading>
          <Paragraph data-size="sm">{t('log.consentsExplained')}</Paragraph>
          {others.map((consent) => (
            <ConsentCard
              key={consent.consentId}
              logId={log.logId}
              consent={consent}
              childName={childName}
              names={names}
              act={consentAnswer}
            />
          ))}
        </section>
      )}

      <section className="stack" aria-labelledby="yours-heading">
        <Heading level={2} data-size="sm" id="yours-heading">
          {t('log.yoursHeading')}
        </Heading>
        <Paragraph>{t('log.yoursText')}</Paragraph>
        <Paragraph>
          <Link asChild>
            <RouterLink to={guardianPaths.accessLog(log.familyId)}>
              {t('card.whoLooked')}
            </RouterLink>
          </Link>
        </Paragraph>
        <DownloadEverything familyId={log.familyId} />
      </section>
    </Page>
  );
}
