import { Button, Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { downloadMetrics, type DownloadFormat, type DownloadScope, type MetricQuery } from '../api';

/**
 * CSV and JSON of what is shown, from the API's own exports: the table on screen, or every metric
 * for the same area, period and breakdown. Small cells stay suppressed in the files too.
 */
export function Downloads({ query, metricTitle }: { query: MetricQuery; metricTitle: string }) {
  const { t } = useTranslation('analyst');
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<{ error: unknown; retry: () => void } | null>(null);
  const [done, setDone] = useState<DownloadFormat | null>(null);

  const run = (scope: DownloadScope, format: DownloadFormat) => {
    const key = `${scope}-${format}`;
    const start = () => {
      setBusy(key);
      setFailed(null);
      setDone(null);
      downloadMetrics(query, scope, format)
        .then(() => setDone(format))
        .catch((error: unknown) => setFailed({ error, retry: start }))
        .finally(() => setBusy(null));
    };
    start();
  };

  const button = (scope: DownloadScope, format: DownloadFormat, label: string) => (
    <Button
      variant="secondary"
      data-size="sm"
      loading={busy === `${scope}-${format}`}
      disabled={busy !== null}
      onClick={() => run(scope, format)}
    >
      {label}
    </Button>
  );

  return (
    <Card className="downloads">
      <Heading level={2} data-size="xs">
        {t('downloads.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('downloads.intro')}</Paragraph>
      <div className="downloads__row">
        <Paragraph data-size="sm" className="downloads__label">
          {t('downloads.table', { metric: metricTitle })}
        </Paragraph>
        <div className="actions">
          {button('table', 'csv', t('downloads.tableCsv'))}
          {button('table', 'json', t('downloads.tableJson'))}
        </div>
      </div>
      <div className="downloads__row">
        <Paragraph data-size="sm" className="downloads__label">
          {t('downloads.all')}
        </Paragraph>
        <div className="actions">
          {button('all', 'csv', t('downloads.allCsv'))}
          {button('all', 'json', t('downloads.allJson'))}
        </div>
      </div>
      <div role="status" className="downloads__status">
        {done && <Paragraph data-size="sm">{t(`downloads.done.${done}`)}</Paragraph>}
      </div>
      {failed && <ErrorAlert error={failed.error} headingLevel={3} onRetry={failed.retry} />}
    </Card>
  );
}
