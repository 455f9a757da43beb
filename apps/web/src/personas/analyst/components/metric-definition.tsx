import { Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { MetricWords } from '../format';
import type { MetricDefinition } from '../reads';

interface MetricDefinitionTextProps {
  readonly definition: MetricDefinition;
  readonly words: MetricWords;
  readonly stock: boolean;
  readonly definitionsVersion: string;
}

/**
 * A metric's definition in plain words: what is counted and how (the API's formula, translated when
 * the definitions version matches), its kind and unit, the events it is computed from, and the
 * API's own wording with its version — the definition that counts.
 */
export function MetricDefinitionText({
  definition,
  words,
  stock,
  definitionsVersion,
}: MetricDefinitionTextProps) {
  const { t } = useTranslation('analyst');
  return (
    <div className="stack metric-definition">
      <Paragraph lang={words.lang}>{words.formula}</Paragraph>
      <dl className="metric-definition__facts">
        <dt>{t('definition.kind')}</dt>
        <dd>
          {t(`definition.kinds.${definition.kind}`)}
          {stock ? ` ${t('definition.stock')}` : ''}
        </dd>
        <dt>{t('definition.unit')}</dt>
        <dd lang={words.lang}>{words.unit}</dd>
        <dt>{t('definition.sources')}</dt>
        <dd>
          <span className="metric-definition__sources">
            {definition.sources.map((source) => (
              <Tag key={source} data-size="sm" data-color="neutral" lang="en">
                {source}
              </Tag>
            ))}
          </span>
        </dd>
        {words.formula !== definition.formula && (
          <>
            <dt>{t('definition.original')}</dt>
            <dd lang="en">{definition.formula}</dd>
          </>
        )}
        <dt>{t('definition.version')}</dt>
        <dd>{definitionsVersion}</dd>
      </dl>
    </div>
  );
}
