import { Alert, Button, Card, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import type { MyChild } from '../../../shared/api/reads';
import { useSession } from '../../../shared/auth/auth';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { useFormat } from '../../../shared/format/use-format';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import { useFamilyMeetings, useLogs, useMeeting, useMyChildren, useMyGuardianId } from '../api';
import { AddToCalendar } from '../components/downloads';
import { attended, hasEvaluated } from '../components/evaluated';
import { MeetingPlace } from '../components/meeting-place';
import { guardianPaths } from '../paths';
import { useErasable } from '../../../shared/format/use-erasable';

/** The family's start page: one card per child, in UX.md's order, with at most one big button. */
export function ChildrenPage() {
  const { t } = useTranslation('guardian');
  const session = useSession();
  const children = useMyChildren();
  return (
    <Page title={session.role === 'youth' ? t('start.titleYouth') : t('start.title')}>
      {children.isPending && <Loading />}
      {children.isError && (
        <ErrorAlert error={children.error} onRetry={() => void children.refetch()} />
      )}
      {children.data?.children.length === 0 && <Alert data-color="info">{t('start.none')}</Alert>}
      {children.data && children.data.children.length > 0 && (
        <ul className="card-list" aria-label={t('start.listLabel')}>
          {children.data.children.map((child) => (
            <li key={child.subjectId}>
              <ChildCard child={child} />
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
}

const HELD_RECENTLY_DAYS = 30;

function ChildCard({ child }: { child: MyChild }) {
  const erasable = useErasable();
  const { t } = useTranslation('guardian');
  const format = useFormat();
  const session = useSession();
  const logs = useLogs(child.logs.map((log) => log.logId));
  const meetings = useFamilyMeetings(child.familyId);
  const guardianId = useMyGuardianId(child.familyId);
  const me = { guardianId, subjectId: session.role === 'youth' ? child.subjectId : null };

  const logIds = new Set(child.logs.map((log) => log.logId));
  // "Recently" is fixed when the card first shows, so a re-render does not move it.
  const [since] = useState(() => Date.now() - HELD_RECENTLY_DAYS * 86_400_000);
  const heldRecently = (meetings.data?.items ?? [])
    .map((item) => item.document)
    .filter(
      (m) =>
        (m.status === 'started' || m.status === 'ended') &&
        Date.parse(m.startsAt) >= since &&
        m.logIds.some((id) => logIds.has(id)),
    )
    .sort((a, b) => b.startsAt.localeCompare(a.startsAt))[0];
  const held = useMeeting(heldRecently?.meetingId ?? null);
  const toEvaluate =
    heldRecently && held.data && attended(held.data, me) && !hasEvaluated(held.data, me)
      ? heldRecently
      : null;

  const pendingConsent = logs
    .flatMap((log, i) =>
      (log.data?.consents ?? [])
        .filter((c) => c.status === 'requested')
        .map((c) => ({ logId: child.logs[i].logId, consentId: c.consentId })),
    )
    .at(0);
  const mainLog = child.logs.find((log) => log.status !== 'closed') ?? child.logs.at(0);

  const age = child.birthDate ? format.ageInYears(child.birthDate) : null;
  return (
    <Card data-color="neutral" className="child-card">
      <Heading level={2} data-size="md">
        {erasable(child.name)}
      </Heading>
      <Paragraph data-size="sm">
        {child.kind === 'pregnancy' && child.expectedBirthDate
          ? t('child.expected', { date: format.date(child.expectedBirthDate) })
          : age !== null
            ? t('child.age', { count: age })
            : ''}
      </Paragraph>

      {child.logs.length === 0 && <Paragraph>{t('child.noLog')}</Paragraph>}

      {mainLog && (
        <>
          <section className="stack" aria-labelledby={`who-${child.subjectId}`}>
            <Heading level={3} data-size="xs" id={`who-${child.subjectId}`}>
              {t('card.whoHeading')}
            </Heading>
            {mainLog.status === 'awaiting_consent' ? (
              <Paragraph>{t('card.awaitingConsent')}</Paragraph>
            ) : (
              <>
                {mainLog.stafettholder && (
                  <Paragraph>
                    {t('card.holder', {
                      name: mainLog.stafettholder.name,
                      service: mainLog.stafettholder.serviceName,
                    })}{' '}
                    <span className="muted">{t('card.holderExplained')}</span>
                  </Paragraph>
                )}
                {mainLog.pendingHandover && (
                  <Paragraph>
                    {t('card.handover', {
                      name: mainLog.pendingHandover.name,
                      service: mainLog.pendingHandover.serviceName,
                    })}
                  </Paragraph>
                )}
                {mainLog.services.length > 0 && (
                  <ul className="tag-list" aria-label={t('card.servicesLabel')}>
                    {mainLog.services.map((s) => (
                      <li key={s.serviceId}>
                        <Tag data-color="info">{s.serviceName}</Tag>
                      </li>
                    ))}
                  </ul>
                )}
              </>
            )}
            {mainLog.status === 'closed' && <Paragraph>{t('card.closed')}</Paragraph>}
          </section>

          <section className="stack" aria-labelledby={`agreed-${child.subjectId}`}>
            <Heading level={3} data-size="xs" id={`agreed-${child.subjectId}`}>
              {t('card.agreedHeading')}
            </Heading>
            {mainLog.nextEvaluation ? (
              <Paragraph>
                {t(mainLog.nextEvaluation.overdue ? 'card.evaluationOverdue' : 'card.evaluation', {
                  goal: erasable(mainLog.nextEvaluation.goal),
                  date: format.date(mainLog.nextEvaluation.date),
                })}
              </Paragraph>
            ) : (
              <Paragraph>{t('card.nothingAgreed')}</Paragraph>
            )}
          </section>
        </>
      )}

      <section className="stack" aria-labelledby={`next-${child.subjectId}`}>
        <Heading level={3} data-size="xs" id={`next-${child.subjectId}`}>
          {t('card.nextHeading')}
        </Heading>
        {child.nextMeeting ? (
          <>
            <Paragraph>
              {t('card.nextMeeting', {
                when: format.dateTime(child.nextMeeting.startsAt),
                chair: child.nextMeeting.chair.name,
                service: child.nextMeeting.chair.serviceName,
              })}{' '}
              <MeetingPlace location={child.nextMeeting.location} />
            </Paragraph>
            <div className="actions">
              <Link asChild>
                <RouterLink to={guardianPaths.meeting(child.nextMeeting.meetingId)}>
                  {t('card.aboutMeeting')}
                </RouterLink>
              </Link>
              <AddToCalendar meetingId={child.nextMeeting.meetingId} />
            </div>
          </>
        ) : (
          <Paragraph>{t('card.noMeeting')}</Paragraph>
        )}
      </section>

      <section className="stack" aria-labelledby={`ask-${child.subjectId}`}>
        <Heading level={3} data-size="xs" id={`ask-${child.subjectId}`}>
          {t('card.askHeading')}
        </Heading>
        {pendingConsent ? (
          <>
            <Paragraph>{t('card.askConsent')}</Paragraph>
            <MainButton to={`${guardianPaths.log(pendingConsent.logId)}#samtykke`}>
              {t('card.answerConsent')}
            </MainButton>
          </>
        ) : toEvaluate ? (
          <>
            <Paragraph>
              {t('card.askEvaluation', { date: format.date(toEvaluate.startsAt) })}
            </Paragraph>
            <MainButton to={`${guardianPaths.meeting(toEvaluate.meetingId)}#vurdering`}>
              {t('card.evaluate')}
            </MainButton>
          </>
        ) : child.nextMeeting ? (
          <>
            <Paragraph>{t('card.askAgenda')}</Paragraph>
            <MainButton to={`${guardianPaths.meeting(child.nextMeeting.meetingId)}#dagsorden`}>
              {t('card.addAgenda')}
            </MainButton>
          </>
        ) : (
          <Paragraph>{t('card.nothingAsked')}</Paragraph>
        )}
      </section>

      {mainLog && (
        <nav className="actions" aria-label={t('card.moreLabel', { name: erasable(child.name) })}>
          <Link asChild>
            <RouterLink to={guardianPaths.log(mainLog.logId)}>{t('card.openLog')}</RouterLink>
          </Link>
          <Link asChild>
            <RouterLink to={guardianPaths.accessLog(child.familyId)}>
              {t('card.whoLooked')}
            </RouterLink>
          </Link>
        </nav>
      )}
    </Card>
  );
}

/** The card's one big button: a link that looks like Designsystemet's primary button. */
function MainButton({ to, children }: { to: string; children: string }) {
  return (
    <div>
      <Button asChild data-color="accent">
        <RouterLink to={to}>{children}</RouterLink>
      </Button>
    </div>
  );
}
