import { Card, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ErrorAlert } from '../../../shared/errors/error-alert';
import { Loading } from '../../../shared/layout/loading';
import { Page } from '../../../shared/layout/page';
import { PERSONA_BASE_PATHS } from '../../../shared/paths';
import { useCatalogue } from '../api';
import { AnalystNav } from '../components/analyst-nav';
import { MetricDefinitionText } from '../components/metric-definition';
import { ReadState } from '../components/read-state';
import { useAnalystAccess } from '../components/use-access';
import { useAnalystFormat } from '../format';
import { groupsOf } from '../metric-groups';

/**
 * Every metric with its definition in plain words, by theme: what is counted, how, from which
 * events, and how small numbers are hidden — the catalogue as the API publishes it.
 */
export function DefinitionsPage() {
  const { t } = useTranslation('analyst');
  const format = useAnalystFormat();
  const { me, access } = useAnalystAccess();
  // Asked whatever the role: for a role that may not read the figures the API's 403 says so.
  const catalogue = useCatalogue();
  return (
    <Page title={t('definitions.title')}>
      {me.isError && <ErrorAlert error={me.error} onRetry={() => void me.refetch()} />}
      {access ? <AnalystNav access={access} /> : me.isPending && <Loading />}
      <ReadState query={catalogue}>
        {(data) => (
          <div className="stack">
            <Paragraph>
              {t('definitions.intro', {
                version: data.definitionsVersion,
                threshold: format.suppressed(data.minChildren),
                min: format.number(data.minChildren),
              })}
            </Paragraph>
            <Paragraph data-size="sm">{t('definitions.secondary')}</Paragraph>
            {groupsOf(data.metrics).map((group) => (
              <section key={group.id} className="stack" aria-labelledby={`definitions-${group.id}`}>
                <Heading level={2} data-size="sm" id={`definitions-${group.id}`}>
                  {t(`groups.${group.id}`)}
                </Heading>
                <ul className="card-list">
                  {group.metrics.map((metric) => {
                    const words = format.metric(metric, data.definitionsVersion);
                    return (
                      <li key={metric.id}>
                        <Card>
                          <Heading level={3} data-size="xs" lang={words.lang}>
                            {words.title}
                          </Heading>
                          <MetricDefinitionText
                            definition={metric}
                            words={words}
                            stock={metric.stock}
                            definitionsVersion={data.definitionsVersion}
                          />
                          <Paragraph data-size="sm">
                            <Link asChild>
                              <RouterLink
                                to={`${PERSONA_BASE_PATHS.analyst}?maal=${encodeURIComponent(metric.id)}`}
                              >
                                {t('definitions.see', { metric: words.title })}
                              </RouterLink>
                            </Link>
                          </Paragraph>
                        </Card>
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
          </div>
        )}
      </ReadState>
    </Page>
  );
}
