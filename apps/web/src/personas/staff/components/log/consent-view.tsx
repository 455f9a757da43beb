import { Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../../shared/format/use-format';
import type { StaffConsent } from '../../reads';
import type { LogContext } from './log-context';
import { isActive } from './log-context';
import { useErasable } from '../../../../shared/format/use-erasable';

/** A consent in words: what it covers, for whom, until when, and who answered. */
export function ConsentView({
  consent,
  ctx,
  headingLevel = 3,
}: {
  readonly consent: StaffConsent;
  readonly ctx: LogContext;
  readonly headingLevel?: 3 | 4;
}) {
  const erasable = useErasable();
  const { t } = useTranslation('staff');
  const format = useFormat();
  const status = isActive(consent)
    ? 'active'
    : consent.status === 'given'
      ? 'expired'
      : consent.status;
  const giver =
    consent.givenBy?.kind === 'guardian'
      ? (ctx.family?.guardians[consent.givenBy.guardianId]?.personal.name ?? null)
      : consent.givenBy?.kind === 'youth'
        ? ctx.childName
        : null;
  return (
    <div className="stack staff-consent">
      <Heading level={headingLevel} data-size="2xs">
        {t('consent.heading', { date: format.date(consent.requestedAt) })}{' '}
        <Tag
          data-size="sm"
          data-color={
            status === 'active' ? 'success' : status === 'requested' ? 'warning' : 'neutral'
          }
        >
          {t(`consent.status.${status}`)}
        </Tag>
      </Heading>
      <dl className="staff-facts">
        <dt>{t('consent.services')}</dt>
        <dd>{format.list(consent.scope.services.map((s) => ctx.names.service(s)))}</dd>
        <dt>{t('consent.categories')}</dt>
        <dd>
          {format.list(
            consent.scope.categories.map((c) => t('quoted', { text: t(`categories.${c}`) })),
          )}
        </dd>
        <dt>{t('consent.purpose')}</dt>
        <dd>{erasable(consent.scope.purpose)}</dd>
        {consent.validFrom && consent.validUntil && (
          <>
            <dt>{t('consent.valid')}</dt>
            <dd>
              {t('consent.validRange', {
                from: format.date(consent.validFrom),
                until: format.date(consent.validUntil),
              })}
            </dd>
          </>
        )}
        {consent.answeredAt && (
          <>
            <dt>{t('consent.answered')}</dt>
            <dd>
              {format.date(consent.answeredAt)}
              {giver ? ` – ${giver}` : ''}
              {consent.form === 'paper' ? ` (${t('consent.onPaper')})` : ''}
            </dd>
          </>
        )}
      </dl>
      {status === 'requested' && <Paragraph data-size="sm">{t('consent.waiting')}</Paragraph>}
    </div>
  );
}
