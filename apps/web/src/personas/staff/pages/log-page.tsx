import { Card, Paragraph, Tabs, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import type { Me } from '../../../shared/api/reads';
import { useMe } from '../../../shared/auth/use-me';
import { useFormat } from '../../../shared/format/use-format';
import { Page } from '../../../shared/layout/page';
import { useFamily, useLog, useMunicipality } from '../api';
import { BackLink } from '../components/back-link';
import { Guide, type GuideStep } from '../components/guide';
import { Loaded } from '../components/loaded';
import { AwaitingConsent } from '../components/log/awaiting-consent';
import { BatonTab } from '../components/log/baton-tab';
import { ConsentsTab } from '../components/log/consents-tab';
import { EntriesTab } from '../components/log/entries-tab';
import {
  abilitiesOf,
  activeConsents,
  contextOf,
  type LogContext,
} from '../components/log/log-context';
import { MeasuresTab } from '../components/log/measures-tab';
import { childNameOf } from '../components/names';
import { isLogTab, LOG_TABS, staffPaths, type LogTab } from '../paths';
import type { Municipality, StaffLog } from '../reads';

const GUIDE_OF_TAB: Readonly<Record<LogTab, GuideStep>> = {
  innlegg: 'entries',
  tiltak: 'measures',
  stafett: 'baton',
  samtykke: 'consent',
};

/**
 * A stafettlogg as the service sees it: who holds the baton and what the consent covers at the top;
 * before the consent is given, the consent and how to open the log; once open, the entries, the
 * measures, the baton and the consents, one tab each.
 */
export function LogPage() {
  const { t } = useTranslation('staff');
  const { logId = '' } = useParams();
  const log = useLog(logId);
  const family = useFamily(log.data?.familyId ?? null);
  const municipality = useMunicipality();
  const me = useMe();
  const name = log.data ? childNameOf(family.data, log.data.subjectId) : null;
  return (
    <Page
      title={name ? t('log.titleFor', { child: name }) : t('log.title')}
      before={<BackLink to={staffPaths.worklist()}>{t('nav.worklist')}</BackLink>}
    >
      <Loaded query={log}>
        {(l) => (
          <Loaded query={municipality}>
            {(m) => (
              <Loaded query={me}>
                {(who) => <LogBody log={l} municipality={m} me={who} family={family.data} />}
              </Loaded>
            )}
          </Loaded>
        )}
      </Loaded>
    </Page>
  );
}

function LogBody({
  log,
  municipality,
  me,
  family,
}: {
  log: StaffLog;
  municipality: Municipality;
  me: Me;
  family: LogContext['family'];
}) {
  const { t } = useTranslation('staff');
  const [params, setParams] = useSearchParams();
  const ctx = contextOf(log, municipality, family, me);
  const can = abilitiesOf(ctx);
  const requested = params.get('vis');
  const tab: LogTab = isLogTab(requested) ? requested : 'innlegg';
  return (
    <>
      <Summary ctx={ctx} />
      {log.status === 'awaiting_consent' ? (
        <AwaitingConsent ctx={ctx} />
      ) : (
        <>
          <Guide
            rules={municipality.handlingsveileder}
            municipality={municipality.name}
            step={GUIDE_OF_TAB[tab]}
            level={log.level}
          />
          <Tabs
            value={tab}
            onChange={(value) => {
              const next = new URLSearchParams(params);
              next.set('vis', value);
              next.delete('tilbud');
              setParams(next, { replace: true });
            }}
          >
            <Tabs.List>
              {LOG_TABS.map((id) => (
                <Tabs.Tab key={id} value={id}>
                  {t(`log.tabs.${id}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
            {LOG_TABS.map((id) => (
              <Tabs.Panel key={id} value={id}>
                {id === tab && (
                  <div className="staff-tab-panel">
                    {id === 'innlegg' && <EntriesTab ctx={ctx} mayAct={can.mayAct} />}
                    {id === 'tiltak' && <MeasuresTab ctx={ctx} mayAct={can.mayAct} />}
                    {id === 'stafett' && <BatonTab ctx={ctx} />}
                    {id === 'samtykke' && <ConsentsTab ctx={ctx} mayAct={can.mayAct} />}
                  </div>
                )}
              </Tabs.Panel>
            ))}
          </Tabs>
        </>
      )}
    </>
  );
}

/** The log at a glance: status, level, the baton, services and the consent in force. */
function Summary({ ctx }: { ctx: LogContext }) {
  const { t } = useTranslation('staff');
  const format = useFormat();
  const { log, names } = ctx;
  const levelName =
    log.level === null
      ? null
      : (log.rules?.levels.find((l) => l.level === log.level)?.name ?? String(log.level));
  const consent = activeConsents(log).at(-1);
  const next = log.scheduledMeetings.find((m) => m.startsAt >= new Date().toISOString());
  return (
    <Card>
      <dl className="staff-facts">
        <dt>{t('log.status')}</dt>
        <dd>
          <Tag
            data-size="sm"
            data-color={
              log.status === 'open'
                ? 'success'
                : log.status === 'awaiting_consent'
                  ? 'warning'
                  : 'neutral'
            }
          >
            {t(`logStatus.${log.status}`)}
          </Tag>
        </dd>
        {levelName && (
          <>
            <dt>{t('log.level')}</dt>
            <dd>{levelName}</dd>
          </>
        )}
        <dt>{t('log.holder')}</dt>
        <dd>
          {log.stafettholder ? names.person(log.stafettholder) : t('log.noHolder')}
          {log.pendingHandover && (
            <>
              {' '}
              <Tag data-size="sm" data-color="warning">
                {t('log.handoverTo', { person: names.person(log.pendingHandover) })}
              </Tag>
            </>
          )}
        </dd>
        <dt>{t('log.services')}</dt>
        <dd>
          {log.services.length === 0
            ? '–'
            : format.list(log.services.map((s) => names.service(s.serviceId)))}
        </dd>
        <dt>{t('log.consent')}</dt>
        <dd>
          {consent?.validUntil
            ? t('log.consentUntil', { date: format.date(consent.validUntil) })
            : t('log.noConsent')}
        </dd>
        {next && (
          <>
            <dt>{t('log.nextMeeting')}</dt>
            <dd>{format.dateTime(next.startsAt)}</dd>
          </>
        )}
      </dl>
      <Paragraph data-size="sm" className="staff-muted">
        {t('log.lastActivity', { date: format.date(log.lastActivityAt) })}
      </Paragraph>
    </Card>
  );
}
