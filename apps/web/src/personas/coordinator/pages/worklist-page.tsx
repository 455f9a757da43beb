import { Alert, Card, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { useFormat } from '../../../shared/format/use-format';
import { SignedInAs } from '../../../shared/layout/signed-in-as';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import { useWorklist } from '../api';
import { useNames } from '../names';
import { coordinatorPaths } from '../paths';
import type { CoordinatorWorklist, DecisionKind } from '../reads';
import { todayInOslo } from '../../../shared/format/format';

/**
 * The coordinator's first screen: what to do now — meetings to prepare, decisions past their deadline
 * with no follow-up, what the system could not carry into a log, and the logs they hold the baton of
 * (where a new meeting is planned from). Read from `GET /me/worklist` only: opening the worklist
 * reads no family's case, so it leaves no mark in any family's access log.
 */
export function WorklistPage() {
  const { t } = useTranslation('coordinator');
  const worklist = useWorklist();
  return (
    <Page title={t('worklist.title')}>
      <SignedInAs />
      <Paragraph>{t('worklist.intro')}</Paragraph>
      {worklist.isPending && <Loading />}
      {worklist.isError && (
        <ErrorAlert error={worklist.error} onRetry={() => void worklist.refetch()} />
      )}
      {worklist.data && <Sections worklist={worklist.data} />}
    </Page>
  );
}

function Sections({ worklist }: { readonly worklist: CoordinatorWorklist }) {
  const { t } = useTranslation('coordinator');
  const format = useFormat();
  const names = useNames();
  // The worklist names the children of the logs it lists; a meeting is named by its family's child
  // when the same family is in one of those, and by its time otherwise (no extra read of the family).
  const childOfFamily = new Map(
    worklist.batons.items
      .filter((b) => b.childName)
      .map((b) => [b.familyId, b.childName as string] as const),
  );
  const more = (shown: number, total: number) =>
    total > shown && (
      <Paragraph data-size="sm">{t('worklist.more', { count: total - shown })}</Paragraph>
    );

  return (
    <>
      <section className="stack" aria-labelledby="meetings-heading">
        <Heading level={2} data-size="sm" id="meetings-heading">
          {t('worklist.meetings.heading')}
        </Heading>
        {worklist.meetingsToPrepare.total === 0 ? (
          <Paragraph>{t('worklist.meetings.none')}</Paragraph>
        ) : (
          <ul className="card-list">
            {worklist.meetingsToPrepare.items.map((meeting) => {
              const child = childOfFamily.get(meeting.familyId);
              return (
                <li key={meeting.meetingId}>
                  <Card data-color="neutral" className="worklist-card">
                    <Heading level={3} data-size="2xs">
                      {child
                        ? t('worklist.meetings.about', { child })
                        : t('worklist.meetings.untitled')}
                    </Heading>
                    <Paragraph>
                      {format.dateTime(meeting.startsAt)} (
                      {format.daysFromToday(todayInOslo(new Date(meeting.startsAt)))})
                    </Paragraph>
                    <Paragraph>
                      <Link asChild>
                        <RouterLink to={coordinatorPaths.meeting(meeting.meetingId)}>
                          {t('worklist.meetings.open', { when: format.dateTime(meeting.startsAt) })}
                        </RouterLink>
                      </Link>
                    </Paragraph>
                  </Card>
                </li>
              );
            })}
          </ul>
        )}
        {more(worklist.meetingsToPrepare.items.length, worklist.meetingsToPrepare.total)}
      </section>

      <section className="stack" aria-labelledby="decisions-heading">
        <Heading level={2} data-size="sm" id="decisions-heading">
          {t('worklist.decisions.heading')}
        </Heading>
        <Paragraph data-size="sm">{t('worklist.decisions.explain')}</Paragraph>
        {worklist.decisionsPastDeadline.total === 0 ? (
          <Paragraph>{t('worklist.decisions.none')}</Paragraph>
        ) : (
          <ul className="card-list">
            {worklist.decisionsPastDeadline.items.map((decision) => (
              <li key={decision.decisionId}>
                <Card data-color="neutral" className="worklist-card">
                  <Heading level={3} data-size="2xs">
                    {t(`decisionKind.${decision.kind as DecisionKind}`)}
                  </Heading>
                  <Paragraph>
                    {t('worklist.decisions.who', {
                      person: names.staff(decision.responsible),
                      service: names.service(decision.responsible.serviceId),
                    })}
                  </Paragraph>
                  <Paragraph>
                    <Tag data-color="warning">
                      {t('worklist.decisions.deadline', {
                        date: format.date(decision.deadline),
                        ago: format.daysFromToday(decision.deadline),
                      })}
                    </Tag>
                  </Paragraph>
                  <Paragraph>
                    <Link asChild>
                      <RouterLink to={coordinatorPaths.meeting(decision.meetingId, 'decisions')}>
                        {t('worklist.decisions.open')}
                      </RouterLink>
                    </Link>
                  </Paragraph>
                </Card>
              </li>
            ))}
          </ul>
        )}
        {more(worklist.decisionsPastDeadline.items.length, worklist.decisionsPastDeadline.total)}
      </section>

      <section className="stack" aria-labelledby="follow-ups-heading">
        <Heading level={2} data-size="sm" id="follow-ups-heading">
          {t('worklist.followUps.heading')}
        </Heading>
        {worklist.followUps.total === 0 ? (
          <Paragraph>{t('worklist.followUps.none')}</Paragraph>
        ) : (
          <Alert data-color="warning">
            <Paragraph>
              {t('worklist.followUps.waiting', { count: worklist.followUps.total })}
            </Paragraph>
            <Paragraph>
              <Link asChild>
                <RouterLink to={coordinatorPaths.followUps}>
                  {t('worklist.followUps.open')}
                </RouterLink>
              </Link>
            </Paragraph>
          </Alert>
        )}
      </section>

      <section className="stack" aria-labelledby="batons-heading">
        <Heading level={2} data-size="sm" id="batons-heading">
          {t('worklist.batons.heading')}
        </Heading>
        <Paragraph data-size="sm">{t('worklist.batons.explain')}</Paragraph>
        {worklist.batons.total === 0 ? (
          <Paragraph>{t('worklist.batons.none')}</Paragraph>
        ) : (
          <ul className="card-list card-list--two">
            {worklist.batons.items.map((baton) => (
              <li key={baton.logId}>
                <Card data-color="neutral" className="worklist-card">
                  <Heading level={3} data-size="2xs">
                    {baton.childName ?? t('worklist.batons.unnamed')}
                  </Heading>
                  {baton.level !== null && (
                    <Paragraph data-size="sm">
                      {t('worklist.batons.level', { level: baton.level })}
                    </Paragraph>
                  )}
                  <Paragraph data-size="sm">
                    {baton.lastActivityAt === null
                      ? t('worklist.batons.notReadable')
                      : t('worklist.batons.lastActivity', {
                          date: format.date(baton.lastActivityAt),
                        })}
                  </Paragraph>
                  <Paragraph>
                    <Link asChild>
                      <RouterLink to={coordinatorPaths.family(baton.familyId)}>
                        {t('worklist.batons.open', {
                          child: baton.childName ?? t('worklist.batons.unnamed'),
                        })}
                      </RouterLink>
                    </Link>
                  </Paragraph>
                </Card>
              </li>
            ))}
          </ul>
        )}
        {more(worklist.batons.items.length, worklist.batons.total)}
      </section>
    </>
  );
}
