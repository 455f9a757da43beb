import {
  Alert,
  Button,
  Card,
  Dialog,
  Fieldset,
  Heading,
  Paragraph,
  Radio,
  Tag,
  Textfield,
} from '@digdir/designsystemet-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadFile } from '../../../shared/api/download';
import type { ConsentView } from '../../../shared/api/reads';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { todayInOslo } from '../../../shared/format/format';
import { useFormat } from '../../../shared/format/use-format';
import type { useConsentAnswer } from '../api';
import type { Names } from './names';
import { useErasable } from '../../../shared/format/use-erasable';

const PERIODS = [6, 12, 24] as const;
type Period = (typeof PERIODS)[number];

/** The last day of a consent that starts today and runs for some months. */
function lastDay(from: string, months: Period): string {
  const [y, m, d] = from.split('-').map(Number);
  const end = new Date(Date.UTC(y, m - 1 + months, d));
  end.setUTCDate(end.getUTCDate() - 1);
  return end.toISOString().slice(0, 10);
}

const STATUS_COLOR = {
  requested: 'warning',
  given: 'success',
  refused: 'neutral',
  withdrawn: 'neutral',
} as const;

/**
 * One consent in words: what it is for, which services may share, which kinds of information, for
 * how long — and what giving, refusing or withdrawing it means, before the person chooses.
 */
export function ConsentCard({
  logId,
  consent,
  childName,
  names,
  act,
}: {
  logId: string;
  consent: ConsentView;
  childName: string;
  names: Names;
  /** Kept by the page: a card moves between sections once answered, the answer's state stays. */
  act: ReturnType<typeof useConsentAnswer>;
}) {
  const erasable = useErasable();
  const { t, i18n } = useTranslation('guardian');
  const format = useFormat();
  const [period, setPeriod] = useState<Period>(12);
  const [refusing, setRefusing] = useState(false);
  const [reason, setReason] = useState('');
  const [withdrawing, setWithdrawing] = useState(false);
  const today = todayInOslo();
  const mine = act.variables?.consentId === consent.consentId;
  const form = useMutation({
    mutationFn: () =>
      downloadFile(
        `/stafettlogger/${logId}/consents/${consent.consentId}/form?lang=${i18n.language}&format=pdf`,
        'samtykke.pdf',
      ),
  });
  const services = consent.scope.services.map((id) => names.service(id));
  const categories = consent.scope.categories.map((c) => t(`categories.${c}`));

  return (
    <Card data-color={consent.status === 'requested' ? 'warning' : 'neutral'} className="stack">
      <div className="actions">
        <Heading level={3} data-size="xs">
          {t('consent.heading', { purpose: erasable(consent.scope.purpose) })}
        </Heading>
        <Tag data-color={STATUS_COLOR[consent.status]}>{t(`consent.status.${consent.status}`)}</Tag>
      </div>
      <dl className="facts">
        <dt>{t('consent.services')}</dt>
        <dd>{format.list(services)}</dd>
        <dt>{t('consent.categories')}</dt>
        <dd>{format.list(categories)}</dd>
        <dt>{t('consent.requestedBy')}</dt>
        <dd>
          {t('consent.requestedByValue', {
            service: names.service(consent.requestedBy.serviceId),
            date: format.date(consent.requestedAt),
          })}
        </dd>
        {consent.validFrom && consent.validUntil && (
          <>
            <dt>{t('consent.validity')}</dt>
            <dd>
              {t('consent.validityValue', {
                from: format.date(consent.validFrom),
                until: format.date(consent.validUntil),
              })}
            </dd>
          </>
        )}
        {consent.withdrawnAt && (
          <>
            <dt>{t('consent.withdrawnAt')}</dt>
            <dd>{format.date(consent.withdrawnAt)}</dd>
          </>
        )}
      </dl>

      {consent.status === 'requested' && (
        <div className="stack">
          <Paragraph>{t('consent.giveMeans', { child: childName })}</Paragraph>
          <Paragraph>{t('consent.refuseMeans')}</Paragraph>
          <Fieldset>
            <Fieldset.Legend>{t('consent.periodLegend')}</Fieldset.Legend>
            {PERIODS.map((months) => (
              <Radio
                key={months}
                name={`period-${consent.consentId}`}
                value={String(months)}
                checked={period === months}
                onChange={() => setPeriod(months)}
                label={t('consent.period', {
                  count: months,
                  until: format.date(lastDay(today, months)),
                })}
              />
            ))}
          </Fieldset>
          {refusing && (
            <Textfield
              multiline
              rows={3}
              label={t('consent.reasonLabel')}
              description={t('consent.reasonHelp')}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
          {mine && act.isError && <ErrorAlert error={act.error} headingLevel={4} />}
          <div className="actions">
            {!refusing ? (
              <>
                <Button
                  loading={mine && act.isPending && act.variables?.act === 'give'}
                  disabled={act.isPending}
                  onClick={() =>
                    act.mutate({
                      act: 'give',
                      logId,
                      consentId: consent.consentId,
                      validFrom: today,
                      validUntil: lastDay(today, period),
                    })
                  }
                >
                  {t('consent.give')}
                </Button>
                <Button variant="secondary" onClick={() => setRefusing(true)}>
                  {t('consent.refuse')}
                </Button>
              </>
            ) : (
              <>
                <Button
                  variant="secondary"
                  data-color="danger"
                  loading={act.isPending}
                  disabled={act.isPending}
                  onClick={() =>
                    act.mutate({ act: 'refuse', logId, consentId: consent.consentId, reason })
                  }
                >
                  {t('consent.confirmRefuse')}
                </Button>
                <Button variant="tertiary" onClick={() => setRefusing(false)}>
                  {t('consent.back')}
                </Button>
              </>
            )}
          </div>
        </div>
      )}

      {consent.status === 'given' && (
        <div className="stack">
          <Paragraph>{t('consent.givenMeans', { child: childName })}</Paragraph>
          <div>
            <Button variant="secondary" data-color="danger" onClick={() => setWithdrawing(true)}>
              {t('consent.withdraw')}
            </Button>
          </div>
          <Dialog
            open={withdrawing}
            onClose={() => setWithdrawing(false)}
            closeButton={t('consent.closeDialog')}
            aria-labelledby={`withdraw-${consent.consentId}`}
          >
            <Dialog.Block>
              <Heading level={2} data-size="xs" id={`withdraw-${consent.consentId}`}>
                {t('consent.withdrawHeading')}
              </Heading>
            </Dialog.Block>
            <Dialog.Block>
              <div className="stack">
                <Paragraph>{t('consent.withdrawMeans', { child: childName })}</Paragraph>
                <Paragraph>{t('consent.withdrawKeeps')}</Paragraph>
                {mine && act.isError && <ErrorAlert error={act.error} headingLevel={3} />}
                <div className="actions">
                  <Button
                    data-color="danger"
                    loading={act.isPending}
                    disabled={act.isPending}
                    onClick={() =>
                      act.mutate(
                        { act: 'withdraw', logId, consentId: consent.consentId },
                        { onSuccess: () => setWithdrawing(false) },
                      )
                    }
                  >
                    {t('consent.confirmWithdraw')}
                  </Button>
                  <Button variant="secondary" onClick={() => setWithdrawing(false)}>
                    {t('consent.keep')}
                  </Button>
                </div>
              </div>
            </Dialog.Block>
          </Dialog>
        </div>
      )}

      {consent.status === 'refused' && <Paragraph>{t('consent.refusedMeans')}</Paragraph>}
      {consent.status === 'withdrawn' && <Paragraph>{t('consent.withdrawnMeans')}</Paragraph>}
      {mine && act.isSuccess && (
        <Alert data-color="success" role="status">
          {t('consent.answered')}
        </Alert>
      )}

      <div>
        <Button
          variant="tertiary"
          data-size="sm"
          loading={form.isPending}
          onClick={() => form.mutate()}
        >
          {t('consent.downloadForm')}
        </Button>
        {form.isError && <ErrorAlert error={form.error} headingLevel={4} />}
      </div>
    </Card>
  );
}
