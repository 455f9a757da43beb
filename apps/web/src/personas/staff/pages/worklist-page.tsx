import {
  Alert,
  Button,
  Card,
  Heading,
  Link,
  Paragraph,
  Table,
  Tag,
} from '@digdir/designsystemet-react';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { isKnownErrorCode } from '../../../shared/errors/plain-error';
import { useFormat } from '../../../shared/format/use-format';
import { Page } from '../../../shared/layout/page';
import { useAnswerHandover, useMunicipality, useOpenConcerns, useWorklist } from '../api';
import { Guide } from '../components/guide';
import { Loaded } from '../components/loaded';
import { namesOf } from '../components/names';
import { staffPaths } from '../paths';
import type { Concern, Handlingsveileder, Worklist } from '../reads';
import { CommandError } from '../components/command-error';
import { useErasable } from '../../../shared/format/use-erasable';

/**
 * The staff start page: what to do today. Handovers waiting for an answer first (one click from
 * done), then what is late, then what is coming, then the batons held; empty sections are named in
 * one line at the end instead of taking space.
 */
export function WorklistPage() {
  const { t } = useTranslation('staff');
  const worklist = useWorklist();
  const municipality = useMunicipality();
  const concerns = useOpenConcerns();
  const location = useLocation();
  const closedLog = (location.state as { closedLog?: boolean } | null)?.closedLog === true;
  return (
    <Page title={t('worklist.title')}>
      {closedLog && (
        <Alert data-color="success" role="status">
          {t('worklist.logClosed')}
        </Alert>
      )}
      <Loaded query={municipality}>
        {(m) => (
          <Paragraph>
            {t('worklist.who', {
              name: municipality.me?.subject ? namesOf(m).staff(municipality.me.subject) : '',
              service: namesOf(m).service(municipality.me?.serviceId ?? null),
              municipality: m.name,
            })}
          </Paragraph>
        )}
      </Loaded>
      <div className="actions">
        <Button asChild>
          <RouterLink to={staffPaths.newConcern()}>{t('worklist.noteConcern')}</RouterLink>
        </Button>
        <Button asChild variant="secondary">
          <RouterLink to={staffPaths.catalogue()}>{t('worklist.catalogue')}</RouterLink>
        </Button>
      </div>
      <Loaded query={worklist}>
        {(list) => (
          <Sections
            list={list}
            concerns={concerns.data?.items.map((i) => i.document)}
            levels={municipality.data?.handlingsveileder.levels ?? []}
          />
        )}
      </Loaded>
      {concerns.isError && (
        <ErrorAlert error={concerns.error} onRetry={() => void concerns.refetch()} />
      )}
      {municipality.data && (
        <Guide
          rules={municipality.data.handlingsveileder}
          municipality={municipality.data.name}
          step="worklist"
        />
      )}
    </Page>
  );
}

type SectionId =
  | 'handovers'
  | 'overdueConcerns'
  | 'evaluations'
  | 'consents'
  | 'inactive'
  | 'openConcerns'
  | 'batons'
  | 'meetings'
  | 'decisions'
  | 'followUps'
  | 'teams';

function Sections({
  list,
  concerns,
  levels,
}: {
  list: Worklist;
  concerns: Concern[] | undefined;
  levels: Handlingsveileder['levels'];
}) {
  const erasable = useErasable();
  const { t } = useTranslation('staff');
  const format = useFormat();
  const child = (name: string | null) => name ?? t('worklist.unnamedChild');
  const overdueIds = new Set(list.overdueConcerns.items.map((c) => c.concernId));
  const openConcerns = (concerns ?? []).filter((c) => !overdueIds.has(c.concernId));

  const sections: { id: SectionId; total: number; body: ReactNode }[] = [
    { id: 'handovers', total: list.handoversToAccept.total, body: <Handovers list={list} /> },
    {
      id: 'overdueConcerns',
      total: list.overdueConcerns.total,
      body: (
        <Rows
          head={[t('worklist.col.child'), t('worklist.col.what'), t('worklist.col.deadline')]}
          rows={list.overdueConcerns.items.map((c) => ({
            key: c.concernId,
            cells: [
              <Link asChild key="child">
                <RouterLink to={staffPaths.concern(c.concernId)}>{child(c.childName)}</RouterLink>
              </Link>,
              c.kind === 'bekymring' ? t('concernKind.bekymring') : t('concernKind.undring'),
              <Late key="date" date={c.decisionDeadline} />,
            ],
          }))}
        />
      ),
    },
    {
      id: 'evaluations',
      total: list.evaluationsDue.total,
      body: (
        <Rows
          head={[t('worklist.col.child'), t('worklist.col.evaluation')]}
          rows={list.evaluationsDue.items.map((e) => ({
            key: `${e.logId}-${e.measureId}`,
            cells: [
              <Link asChild key="child">
                <RouterLink to={staffPaths.log(e.logId, 'tiltak')}>{child(e.childName)}</RouterLink>
              </Link>,
              e.overdue ? (
                <Late key="date" date={e.evaluationDate} />
              ) : (
                <span key="date">
                  {format.date(e.evaluationDate)} ({format.daysFromToday(e.evaluationDate)})
                </span>
              ),
            ],
          }))}
        />
      ),
    },
    {
      id: 'consents',
      total: list.consentsExpiring.total,
      body: (
        <Rows
          head={[t('worklist.col.child'), t('worklist.col.validUntil')]}
          rows={list.consentsExpiring.items.map((c) => ({
            key: c.consentId,
            cells: [
              <Link asChild key="child">
                <RouterLink to={staffPaths.log(c.logId, 'samtykke')}>
                  {child(c.childName)}
                </RouterLink>
              </Link>,
              `${format.date(c.validUntil)} (${format.daysFromToday(c.validUntil)})`,
            ],
          }))}
        />
      ),
    },
    {
      id: 'inactive',
      total: list.inactiveLogs.total,
      body: (
        <Rows
          head={[t('worklist.col.child'), t('worklist.col.lastActivity')]}
          rows={list.inactiveLogs.items.map((l) => ({
            key: l.logId,
            cells: [
              <Link asChild key="child">
                <RouterLink to={staffPaths.log(l.logId)}>{child(l.childName)}</RouterLink>
              </Link>,
              t('worklist.quietSince', {
                date: format.date(l.lastActivityAt),
                days: l.thresholdDays,
              }),
            ],
          }))}
        />
      ),
    },
    {
      id: 'openConcerns',
      total: openConcerns.length,
      body: (
        <Rows
          head={[t('worklist.col.what'), t('worklist.col.noted'), t('worklist.col.deadline')]}
          rows={openConcerns.map((c) => ({
            key: c.concernId,
            cells: [
              <Link asChild key="what">
                <RouterLink to={staffPaths.concern(c.concernId)}>
                  {`${c.kind === 'bekymring' ? t('concernKind.bekymring') : t('concernKind.undring')}: ${erasable(c.summary)}`}
                </RouterLink>
              </Link>,
              format.date(c.notedAt),
              `${format.date(c.decisionDeadline)} (${format.daysFromToday(c.decisionDeadline)})`,
            ],
          }))}
        />
      ),
    },
    {
      id: 'batons',
      total: list.batons.total,
      body: (
        <Rows
          head={[t('worklist.col.child'), t('worklist.col.level'), t('worklist.col.lastActivity')]}
          rows={list.batons.items.map((b) => ({
            key: b.logId,
            cells: [
              <Link asChild key="child">
                <RouterLink to={staffPaths.log(b.logId)}>{child(b.childName)}</RouterLink>
              </Link>,
              b.level === null
                ? '–'
                : (levels.find((l) => l.level === b.level)?.name ??
                  t('worklist.levelN', { level: b.level })),
              <span key="activity">
                {b.lastActivityAt === null
                  ? t('worklist.notReadable')
                  : format.date(b.lastActivityAt)}
                {b.handoverOffered && (
                  <>
                    {' '}
                    <Tag data-color="warning" data-size="sm">
                      {t('worklist.handoverOffered')}
                    </Tag>
                  </>
                )}
              </span>,
            ],
          }))}
        />
      ),
    },
    {
      id: 'meetings',
      total: list.meetingsToPrepare.total,
      body: (
        <ul>
          {list.meetingsToPrepare.items.map((m) => (
            <li key={m.meetingId}>{format.dateTime(m.startsAt)}</li>
          ))}
        </ul>
      ),
    },
    {
      id: 'decisions',
      total: list.decisionsPastDeadline.total,
      body: (
        <ul>
          {list.decisionsPastDeadline.items.map((d) => (
            <li key={d.decisionId}>
              {t('worklist.decisionLate', { date: format.date(d.deadline) })}
            </li>
          ))}
        </ul>
      ),
    },
    {
      id: 'followUps',
      total: list.followUps.total,
      body: <FollowUps list={list} />,
    },
    {
      id: 'teams',
      total: list.arenaQueues.length,
      body: (
        <ul>
          {list.arenaQueues.map((q) => (
            <li key={q.arenaId}>
              <Link asChild>
                <RouterLink to={staffPaths.team(q.arenaId)}>
                  {t('worklist.teamQueue', { name: q.name, count: q.pending })}
                </RouterLink>
              </Link>
            </li>
          ))}
        </ul>
      ),
    },
  ];
  const withItems = sections.filter((s) => s.total > 0);
  const empty = sections.filter((s) => s.total === 0);
  return (
    <>
      {withItems.length === 0 && <Paragraph>{t('worklist.nothing')}</Paragraph>}
      {withItems.map((s) => (
        <WorklistSection key={s.id} id={s.id} total={s.total}>
          {s.body}
        </WorklistSection>
      ))}
      {empty.length > 0 && withItems.length > 0 && (
        <Paragraph data-size="sm" className="staff-muted">
          {t('worklist.emptySections', {
            sections: format.list(empty.map((s) => t(`worklist.sections.${s.id}.short`))),
          })}
        </Paragraph>
      )}
    </>
  );
}

function WorklistSection({
  id,
  total,
  children,
}: {
  id: SectionId;
  total: number;
  children: ReactNode;
}) {
  const { t } = useTranslation('staff');
  const headingId = useId();
  return (
    <Card aria-labelledby={headingId} role="region">
      <Heading level={2} data-size="xs" id={headingId}>
        {t(`worklist.sections.${id}.title`)} <Tag data-size="sm">{total}</Tag>
      </Heading>
      <Paragraph data-size="sm">{t(`worklist.sections.${id}.help`)}</Paragraph>
      {children}
    </Card>
  );
}

function Rows({ head, rows }: { head: string[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <Table data-size="sm" zebra>
      <Table.Head>
        <Table.Row>
          {head.map((h) => (
            <Table.HeaderCell key={h}>{h}</Table.HeaderCell>
          ))}
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((row) => (
          <Table.Row key={row.key}>
            {row.cells.map((cell, i) => (
              <Table.Cell key={i}>{cell}</Table.Cell>
            ))}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  );
}

/** A date that has passed, marked as late in words (not colour alone). */
function Late({ date }: { date: string }) {
  const { t } = useTranslation('staff');
  const format = useFormat();
  return (
    <span>
      {format.date(date)}{' '}
      <Tag data-color="danger" data-size="sm">
        {t('worklist.late', { when: format.daysFromToday(date) })}
      </Tag>
    </span>
  );
}

/** Handovers offered to you: accept or decline here, one click. */
function Handovers({ list }: { list: Worklist }) {
  const { t } = useTranslation('staff');
  const format = useFormat();
  const answer = useAnswerHandover();
  const busy = (logId: string) => answer.isPending && answer.variables.logId === logId;
  return (
    <>
      {answer.isError && (
        <CommandError
          error={answer.error}
          headingLevel={3}
          onRetry={() => answer.variables && answer.mutate(answer.variables)}
        />
      )}
      <Rows
        head={[t('worklist.col.child'), t('worklist.col.offered'), t('worklist.col.answer')]}
        rows={list.handoversToAccept.items.map((h) => ({
          key: h.logId,
          cells: [
            <Link asChild key="child">
              <RouterLink to={staffPaths.log(h.logId, 'stafett')}>
                {h.childName ?? t('worklist.unnamedChild')}
              </RouterLink>
            </Link>,
            format.date(h.offeredAt),
            <div className="actions" key="answer">
              <Button
                data-size="sm"
                loading={busy(h.logId) && answer.variables?.answer === 'accept'}
                disabled={busy(h.logId)}
                onClick={() => answer.mutate({ logId: h.logId, answer: 'accept' })}
                aria-label={t('worklist.acceptFor', { child: h.childName ?? '' })}
              >
                {t('worklist.accept')}
              </Button>
              <Button
                data-size="sm"
                variant="secondary"
                loading={busy(h.logId) && answer.variables?.answer === 'decline'}
                disabled={busy(h.logId)}
                onClick={() => answer.mutate({ logId: h.logId, answer: 'decline' })}
                aria-label={t('worklist.declineFor', { child: h.childName ?? '' })}
              >
                {t('worklist.decline')}
              </Button>
            </div>,
          ],
        }))}
      />
    </>
  );
}

/** Decisions the log refused: what stopped them, in plain words. */
function FollowUps({ list }: { list: Worklist }) {
  const { t } = useTranslation('staff');
  const { t: te } = useTranslation('errors');
  const format = useFormat();
  return (
    <ul>
      {list.followUps.items.map((f) => (
        <li key={f.decisionId}>
          {format.date(f.at)}: {isKnownErrorCode(f.code) ? te(`codes.${f.code}`) : f.code} (
          {t('worklist.code', { code: f.code })})
        </li>
      ))}
    </ul>
  );
}
