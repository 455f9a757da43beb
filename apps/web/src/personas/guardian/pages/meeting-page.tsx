import { Alert, Card, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import type { MeetingView } from '../../../shared/api/reads';
import { useSession } from '../../../shared/auth/auth';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { useFormat } from '../../../shared/format/use-format';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import { useMeeting, useMyGuardianId } from '../api';
import { AgendaForm } from '../components/agenda-form';
import { AddToCalendar } from '../components/downloads';
import { attended, hasEvaluated } from '../components/evaluated';
import { EvaluationForm } from '../components/evaluation-form';
import { MeetingPlace } from '../components/meeting-place';
import { guardianPaths } from '../paths';
import { useErasable } from '../../../shared/format/use-erasable';

/**
 * A samordningsmøte as the family sees it: when and where, who comes, the agenda (add a point before
 * it starts), what was decided, and the family's evaluation once it has been held.
 */
export function MeetingPage() {
  const { t } = useTranslation('guardian');
  const { meetingId = '' } = useParams();
  const meeting = useMeeting(meetingId);
  const back = (
    <Link asChild>
      <RouterLink to={guardianPaths.start}>{t('log.back')}</RouterLink>
    </Link>
  );
  if (meeting.isError)
    return (
      <Page title={t('meeting.titleUnknown')} before={back}>
        <ErrorAlert error={meeting.error} onRetry={() => void meeting.refetch()} />
      </Page>
    );
  if (!meeting.data)
    return (
      <Page title={t('meeting.titleUnknown')} before={back}>
        <Loading />
      </Page>
    );
  return <MeetingContent meeting={meeting.data} back={back} />;
}

function MeetingContent({ meeting, back }: { meeting: MeetingView; back: ReactNode }) {
  const erasable = useErasable();
  const { t } = useTranslation('guardian');
  const format = useFormat();
  const session = useSession();
  const guardianId = useMyGuardianId(meeting.familyId);
  const youth = meeting.invitedYouth.at(0)?.subjectId ?? null;
  const me = { guardianId, subjectId: session.role === 'youth' ? youth : null };
  const { hash } = useLocation();
  useEffect(() => {
    if (hash) document.getElementById(hash.slice(1))?.scrollIntoView();
  }, [hash]);
  const held = meeting.status === 'started' || meeting.status === 'ended';

  return (
    <Page title={t('meeting.title', { date: format.date(meeting.startsAt) })} before={back}>
      <div className="actions">
        <Tag data-color={meeting.status === 'cancelled' ? 'danger' : 'info'}>
          {t(`meeting.status.${meeting.status}`)}
        </Tag>
      </div>
      {meeting.cancellation && (
        <Alert data-color="warning">
          {t('meeting.cancelled', { reason: erasable(meeting.cancellation.reason) })}
        </Alert>
      )}
      <Paragraph>{t('meeting.explained')}</Paragraph>
      <dl className="facts">
        <dt>{t('meeting.when')}</dt>
        <dd>
          {t('meeting.whenValue', {
            when: format.dateTime(meeting.startsAt),
            minutes: meeting.durationMinutes,
          })}
        </dd>
        <dt>{t('meeting.where')}</dt>
        <dd>
          <MeetingPlace location={meeting.location} />
        </dd>
        <dt>{t('meeting.chair')}</dt>
        <dd>
          {t('meeting.person', { name: meeting.chair.name, service: meeting.chair.serviceName })}
        </dd>
        <dt>{t('meeting.services')}</dt>
        <dd>
          {format.list([
            meeting.chair.serviceName,
            ...meeting.invitedServices
              .map((s) => s.name)
              .filter((name) => name !== meeting.chair.serviceName),
          ])}
        </dd>
        {meeting.invitedGuardians.length + meeting.invitedYouth.length > 0 && (
          <>
            <dt>{t('meeting.family')}</dt>
            <dd>
              {format.list([
                ...meeting.invitedGuardians.map((g) => erasable(g.name)),
                ...meeting.invitedYouth.map((y) => erasable(y.name)),
              ])}
            </dd>
          </>
        )}
      </dl>
      {meeting.status === 'scheduled' && (
        <div>
          <AddToCalendar meetingId={meeting.meetingId} />
        </div>
      )}

      <section className="stack" id="dagsorden" aria-labelledby="agenda-heading">
        <Heading level={2} data-size="sm" id="agenda-heading">
          {t('agenda.heading')}
        </Heading>
        {meeting.agenda.length === 0 ? (
          <Paragraph>{t('agenda.none')}</Paragraph>
        ) : (
          <ol className="agenda">
            {meeting.agenda.map((item, i) => (
              // An erased family's items have no id left.
              <li key={item.itemId ?? i}>
                <Paragraph>{erasable(item.text)}</Paragraph>
                <Paragraph data-size="xs" className="muted">
                  {t('agenda.addedBy', { name: erasable(item.addedBy.name) })}
                </Paragraph>
              </li>
            ))}
          </ol>
        )}
        {meeting.status === 'scheduled' && <AgendaForm meetingId={meeting.meetingId} />}
      </section>

      {held && (
        <section className="stack" aria-labelledby="decisions-heading">
          <Heading level={2} data-size="sm" id="decisions-heading">
            {t('meeting.decisionsHeading')}
          </Heading>
          {meeting.decisions.length === 0 ? (
            <Paragraph>{t('meeting.noDecisions')}</Paragraph>
          ) : (
            <ul className="card-list">
              {meeting.decisions.map((decision) => (
                <li key={decision.decisionId}>
                  <Card data-color="neutral" className="stack">
                    <Paragraph>{erasable(decision.text)}</Paragraph>
                    <Paragraph data-size="sm">
                      {t('meeting.decisionWho', {
                        name: decision.responsible.name,
                        service: decision.responsible.serviceName,
                        date: format.date(decision.deadline),
                      })}
                    </Paragraph>
                  </Card>
                </li>
              ))}
            </ul>
          )}
          {meeting.nextMeetingDate && (
            <Paragraph>
              {t('meeting.nextDate', { date: format.date(meeting.nextMeetingDate) })}
            </Paragraph>
          )}
        </section>
      )}

      {held && (
        <section className="stack" id="vurdering" aria-labelledby="evaluation-heading">
          <Heading level={2} data-size="sm" id="evaluation-heading">
            {t('evaluation.heading')}
          </Heading>
          {hasEvaluated(meeting, me) ? (
            <Alert data-color="success">{t('evaluation.done')}</Alert>
          ) : attended(meeting, me) ? (
            <>
              <Paragraph>{t('evaluation.intro')}</Paragraph>
              <EvaluationForm meetingId={meeting.meetingId} />
            </>
          ) : (
            <Paragraph>{t('evaluation.notAttended')}</Paragraph>
          )}
        </section>
      )}
    </Page>
  );
}
