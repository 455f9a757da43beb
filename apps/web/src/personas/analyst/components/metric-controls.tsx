import {
  Card,
  Field,
  Heading,
  Label,
  Paragraph,
  Select,
  ToggleGroup,
} from '@digdir/designsystemet-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { SPANS, type MetricQuery, type Span } from '../api';
import type { AnalystFormat } from '../format';
import { groupsOf } from '../metric-groups';
import type { AreaLevel, Breakdown, MetricCatalogue, PeriodLevel } from '../reads';
import { areaName } from './area-name';

export const AREA_LEVELS: readonly AreaLevel[] = ['all', 'county', 'municipality'];
export const PERIOD_LEVELS: readonly PeriodLevel[] = ['month', 'quarter', 'year'];
export const BREAKDOWNS: readonly Breakdown[] = ['none', 'ageBand', 'level', 'sector'];

interface MetricControlsProps {
  readonly catalogue: MetricCatalogue;
  readonly query: MetricQuery;
  /** The counties or municipalities to choose from, for the area level chosen. */
  readonly areas: readonly string[] | undefined;
  /** The area levels the reader may choose from (an admin or coordinator: their municipality only). */
  readonly areaLevels?: readonly AreaLevel[];
  readonly format: AnalystFormat;
  readonly onChange: (change: Partial<MetricQuery>) => void;
}

/**
 * What to show: the metric (grouped by theme), the area (the whole programme, a county, a
 * municipality), the period (month, quarter, year) and the breakdown (age, level, sector). Every
 * choice is a Designsystemet control with its visible label; the page's address keeps them.
 */
export function MetricControls({
  catalogue,
  query,
  areas,
  areaLevels = AREA_LEVELS,
  format,
  onChange,
}: MetricControlsProps) {
  const { t } = useTranslation('analyst');
  const id = useId();
  const breakdowns = BREAKDOWNS.filter((b) => catalogue.breakdowns.includes(b));
  return (
    <Card variant="tinted" className="metric-controls">
      <Heading level={2} data-size="xs">
        {t('controls.heading')}
      </Heading>
      <Field className="metric-controls__metric">
        <Label htmlFor={`${id}-metric`}>{t('controls.metric')}</Label>
        <Select
          id={`${id}-metric`}
          value={query.metricId}
          onChange={(event) => onChange({ metricId: event.target.value })}
        >
          {groupsOf(catalogue.metrics).map((group) => (
            <Select.Optgroup key={group.id} label={t(`groups.${group.id}`)}>
              {group.metrics.map((metric) => {
                const words = format.metric(metric, catalogue.definitionsVersion);
                return (
                  <Select.Option key={metric.id} value={metric.id} lang={words.lang}>
                    {words.title}
                  </Select.Option>
                );
              })}
            </Select.Optgroup>
          ))}
        </Select>
      </Field>

      <div className="metric-controls__row">
        {areaLevels.length > 1 && (
          <div className="metric-controls__group">
            <Label id={`${id}-area`} asChild>
              <span>{t('controls.area')}</span>
            </Label>
            <ToggleGroup
              aria-labelledby={`${id}-area`}
              data-size="sm"
              value={query.area}
              onChange={(value) => onChange({ area: value as AreaLevel, areaId: null })}
            >
              {areaLevels.map((level) => (
                <ToggleGroup.Item key={level} value={level}>
                  {t(`controls.areaLevel.${level}`)}
                </ToggleGroup.Item>
              ))}
            </ToggleGroup>
          </div>
        )}
        {query.area !== 'all' && (
          <Field className="metric-controls__place">
            <Label htmlFor={`${id}-place`}>
              {query.area === 'county' ? t('controls.county') : t('controls.municipality')}
            </Label>
            <Select
              id={`${id}-place`}
              value={query.areaId ?? ''}
              disabled={!areas}
              onChange={(event) => onChange({ areaId: event.target.value })}
            >
              {!areas && <Select.Option value="">{t('controls.loadingAreas')}</Select.Option>}
              {areas?.map((area) => (
                <Select.Option key={area} value={area}>
                  {areaName(catalogue, query.area, area, '')}
                </Select.Option>
              ))}
            </Select>
          </Field>
        )}
      </div>

      <div className="metric-controls__row">
        <div className="metric-controls__group">
          <Label id={`${id}-period`} asChild>
            <span>{t('controls.period')}</span>
          </Label>
          <ToggleGroup
            aria-labelledby={`${id}-period`}
            data-size="sm"
            value={query.period}
            onChange={(value) => onChange({ period: value as PeriodLevel })}
          >
            {PERIOD_LEVELS.map((level) => (
              <ToggleGroup.Item key={level} value={level}>
                {t(`controls.periodLevel.${level}`)}
              </ToggleGroup.Item>
            ))}
          </ToggleGroup>
        </div>
        <Field className="metric-controls__span">
          <Label htmlFor={`${id}-span`}>{t('controls.span')}</Label>
          <Select
            id={`${id}-span`}
            value={query.span}
            onChange={(event) => onChange({ span: event.target.value as Span })}
          >
            {SPANS.map((span) => (
              <Select.Option key={span} value={span}>
                {span === 'all'
                  ? t('controls.spanAll')
                  : t('controls.spanMonths', { count: Number(span) })}
              </Select.Option>
            ))}
          </Select>
        </Field>
      </div>

      <div className="metric-controls__row">
        <div className="metric-controls__group">
          <Label id={`${id}-by`} asChild>
            <span>{t('controls.by')}</span>
          </Label>
          <ToggleGroup
            aria-labelledby={`${id}-by`}
            data-size="sm"
            value={query.by}
            onChange={(value) => onChange({ by: value as Breakdown })}
          >
            {breakdowns.map((by) => (
              <ToggleGroup.Item key={by} value={by}>
                {t(`controls.breakdown.${by}`)}
              </ToggleGroup.Item>
            ))}
          </ToggleGroup>
        </div>
      </div>
      <Paragraph data-size="sm">
        {t('controls.suppression', {
          threshold: format.suppressed(catalogue.minChildren),
          min: format.number(catalogue.minChildren),
        })}
      </Paragraph>
    </Card>
  );
}
