import { Alert, Button, Card, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import type { FamilyRegister } from '../../../shared/api/reads';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { useErasable } from '../../../shared/format/use-erasable';
import { useFormat } from '../../../shared/format/use-format';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import { useFamily, useFamilyLogs, useFamilyMeetings } from '../api';
import { BackLink } from '../components/back-link';
import { useNames } from '../names';
import { coordinatorPaths } from '../paths';
import type { LogSummary, MeetingStatus } from '../reads';

export const MEETING_STATUS_COLOR: Readonly<Record<MeetingStatus, string>> = {
  scheduled: 'info',
  started: 'warning',
  ended: 'success',
  cancelled: 'neutral',
};

/** The names of the family's children, for headings; none once the family's data is erased. */
export function childNames(family: FamilyRegister | undefined): string[] {
  return Object.values(family?.subjects ?? {}).flatMap((s) => s.personal.name ?? []);
}

/**
 * A family as the coordinator meets it: the children's logs (open ones can get a samordningsmøte)
 * and the family's meetings. Reading the family, its logs and meetings goes into the family's access
 * log, as every read of a case by someone outside the family does.
 */
export function FamilyPage() {
  const { familyId = '' } = useParams();
  const { t } = useTranslation('coordinator');
  const format = useFormat();
  const erasable = useErasable();
  const family = useFamily(familyId);
  const logs = useFamilyLogs(familyId);
  const meetings = useFamilyMeetings(familyId);
  const names = childNames(family.data);
  const title =
    names.length > 0
      ? t('family.title', { children: format.list(names) })
      : t('family.titleUnnamed');

  return (
    <Page
      title={title}
      before={<BackLink to={coordinatorPaths.worklist}>{t('nav.toWorklist')}</BackLink>}
    >
      {family.isPending && <Loading />}
      {family.isError && <ErrorAlert error={family.error} onRetry={() => void family.refetch()} />}
      {family.data && (
        <Paragraph>
          {t('family.guardians', {
            names: format.list(
              Object.values(family.data.guardians).map((g) => erasable(g.personal.name)),
            ),
          })}
        </Paragraph>
      )}

      <section className="stack" aria-labelledby="logs-heading">
        <Heading level={2} data-size="sm" id="logs-heading">
          {t('family.logs.heading')}
        </Heading>
        {logs.isPending && <Loading />}
        {logs.isError && <ErrorAlert error={logs.error} onRetry={() => void logs.refetch()} />}
        {logs.data?.items.length === 0 && <Paragraph>{t('family.logs.none')}</Paragraph>}
        <ul className="card-list">
          {logs.data?.items.map(({ document: log }) => (
            <li key={log.logId}>
              <LogCard familyId={familyId} log={log} family={family.data} />
            </li>
          ))}
        </ul>
      </section>

      <section className="stack" aria-labelledby="family-meetings-heading">
        <Heading level={2} data-size="sm" id="family-meetings-heading">
          {t('family.meetings.heading')}
        </Heading>
        {meetings.isPending && <Loading />}
        {meetings.isError && (
          <ErrorAlert error={meetings.error} onRetry={() => void meetings.refetch()} />
        )}
        {meetings.data?.items.length === 0 && <Paragraph>{t('family.meetings.none')}</Paragraph>}
        <ul className="card-list">
          {meetings.data?.items.map(({ document: meeting }) => (
            <li key={meeting.meetingId}>
              <Card data-color="neutral" className="worklist-card">
                <Heading level={3} data-size="2xs">
                  {format.dateTime(meeting.startsAt)}
                </Heading>
                <Paragraph>
                  <Tag data-color={MEETING_STATUS_COLOR[meeting.status]}>
                    {t(`meetingStatus.${meeting.status}`)}
                  </Tag>
                </Paragraph>
                <Paragraph data-size="sm">
                  {t('family.meetings.chair', {
                    name: meeting.chair.name,
                    service: meeting.chair.serviceName,
                  })}
                </Paragraph>
                {meeting.openFollowUps > 0 && (
                  <Paragraph data-size="sm">
                    {t('family.meetings.followUps', { count: meeting.openFollowUps })}
                  </Paragraph>
                )}
                <Paragraph>
                  <Link asChild>
                    <RouterLink to={coordinatorPaths.meeting(meeting.meetingId)}>
                      {t('family.meetings.open', { when: format.dateTime(meeting.startsAt) })}
                    </RouterLink>
                  </Link>
                </Paragraph>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}

function LogCard({
  familyId,
  log,
  family,
}: {
  readonly familyId: string;
  readonly log: LogSummary;
  readonly family: FamilyRegister | undefined;
}) {
  const { t } = useTranslation('coordinator');
  const format = useFormat();
  const names = useNames();
  const child = family?.subjects[log.subjectId]?.personal.name ?? t('family.logs.unnamed');
  const mayMeet = log.status === 'open' && log.activeConsent !== null;
  return (
    <Card data-color="neutral" className="worklist-card">
      <Heading level={3} data-size="xs">
        {t('family.logs.of', { child })}
      </Heading>
      <Paragraph>
        <Tag data-color={log.status === 'open' ? 'success' : 'neutral'}>
          {t(`logStatus.${log.status}`)}
        </Tag>{' '}
        {log.level !== null && t('family.logs.level', { level: log.level })}
      </Paragraph>
      {log.stafettholder && (
        <Paragraph data-size="sm">
          {t('family.logs.holder', {
            name: names.staff(log.stafettholder),
            service: names.service(log.stafettholder.serviceId),
          })}
        </Paragraph>
      )}
      <Paragraph data-size="sm">
        {t('family.logs.services', { services: format.list(log.services.map(names.service)) })}
      </Paragraph>
      {log.activeConsent ? (
        <Paragraph data-size="sm">
          {log.activeConsent.validUntil
            ? t('family.logs.consentUntil', { date: format.date(log.activeConsent.validUntil) })
            : t('family.logs.consent')}
        </Paragraph>
      ) : (
        <Alert data-color="warning">{t('family.logs.noConsent')}</Alert>
      )}
      {log.nextMeeting && (
        <Paragraph data-size="sm">
          {t('family.logs.nextMeeting', { when: format.dateTime(log.nextMeeting.startsAt) })}
        </Paragraph>
      )}
      {mayMeet && (
        <div className="actions">
          <Button asChild variant="secondary">
            <RouterLink to={coordinatorPaths.schedule(familyId, log.logId)}>
              {t('family.logs.schedule', { child })}
            </RouterLink>
          </Button>
        </div>
      )}
    </Card>
  );
}
