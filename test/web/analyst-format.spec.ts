import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next from 'i18next';
import { DEFINITIONS_VERSION, METRICS } from '@bti/metrics';
import { largestValue, niceMax } from '../../apps/web/src/personas/analyst/components/chart-scale';
import {
  analystFormatter,
  TRANSLATED_DEFINITIONS_VERSION,
} from '../../apps/web/src/personas/analyst/format';
import { METRIC_GROUPS } from '../../apps/web/src/personas/analyst/metric-groups';
import type { MetricDefinition } from '../../apps/web/src/personas/analyst/reads';

type Language = 'nb' | 'nn' | 'en';
type Words = { title: string; unit: string; formula: string };
type Messages = { metricTexts: Record<string, Words> } & Record<string, unknown>;

const messages = (language: Language): Messages =>
  JSON.parse(
    readFileSync(
      join(__dirname, `../../apps/web/src/personas/analyst/messages/${language}.json`),
      'utf8',
    ),
  ) as Messages;

async function formatterIn(language: Language) {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: language,
    resources: { [language]: { analyst: messages(language) } },
    defaultNS: 'analyst',
    interpolation: { escapeValue: false },
  });
  return analystFormatter(i18n.getFixedT(language, 'analyst'), language);
}

const logsOpened: MetricDefinition = {
  id: 'logs_opened',
  title: 'Stafettlogger opened',
  kind: 'count',
  unit: 'logs',
  formula:
    'Logs opened (consent given and a stafettholder named) in the month, by the level they opened at.',
  sources: ['StafettloggOpened'],
};

describe('the analyst persona’s words and figures', () => {
  it('shows a suppressed cell as "<threshold>" whatever its value field holds, and never its number', async () => {
    const nb = await formatterIn('nb');
    expect(nb.cell({ value: 3, suppressed: true }, 'count', 5)).toBe('<5');
    expect(nb.cell({ value: 987654, suppressed: true }, 'share', 5)).toBe('<5');
    expect(nb.cell({ value: null, suppressed: true }, 'mean', 3)).toBe('<3');
    expect(nb.cell({ value: null, suppressed: false }, 'mean', 5)).toBe('–');
    expect(nb.cell({ value: 0, suppressed: false }, 'count', 5)).toBe('0');
    expect(nb.cell({ value: 45.5, suppressed: false }, 'share', 5)).toBe('45,5 %');
    expect(nb.cell({ value: 1234, suppressed: false }, 'count', 5)).toBe('1\u00a0234');
    const en = await formatterIn('en');
    expect(en.cell({ value: 4, suppressed: true }, 'count', 5)).toBe('<5');
    expect(en.cell({ value: 45.5, suppressed: false }, 'share', 5)).toBe('45.5%');
  });

  it('says periods, changes and categories per language', async () => {
    const nb = await formatterIn('nb');
    expect(nb.period('2025-03')).toBe('mars 2025');
    expect(nb.period('2025-Q2')).toBe('2. kvartal 2025');
    expect(nb.period('2025-Q2', 'short')).toBe('K2 2025');
    expect(nb.period('2025')).toBe('2025');
    expect(nb.change(3, 'count')).toBe('+3');
    expect(nb.change(-1.5, 'mean')).toBe('−1,5');
    expect(nb.category('ageBand', '0-5')).toBe('0–5 år');
    expect(nb.category('ageBand', 'unknown')).toBe('Alder ukjent (slettet)');
    expect(nb.category('sector', 'ppt')).toBe('PP-tjenesten');
    expect(nb.category('sector', 'a-new-sector')).toBe('a-new-sector');
    expect(nb.category('level', '2')).toBe('Nivå 2');
    const nn = await formatterIn('nn');
    expect(nn.period('2025-Q4')).toBe('4. kvartal 2025');
    expect(nn.category('sector', 'skole')).toBe('Skule');
    expect(nn.category('ageBand', 'unknown')).toBe('Alder ukjend (sletta)');
    const en = await formatterIn('en');
    expect(en.period('2025-03')).toBe('March 2025');
    expect(en.period('2025-Q1', 'short')).toBe('Q1 2025');
  });

  it('translates a metric only for the definitions version it was translated from', async () => {
    const nb = await formatterIn('nb');
    expect(nb.metric(logsOpened, TRANSLATED_DEFINITIONS_VERSION)).toEqual({
      title: 'Stafettlogger åpnet',
      unit: 'logger',
      formula: expect.stringContaining('Logger som ble åpnet') as string,
      lang: undefined,
    });
    // A newer definition is shown in the API's own words, marked as English.
    expect(nb.metric(logsOpened, 'a-newer-version')).toEqual({
      title: logsOpened.title,
      unit: logsOpened.unit,
      formula: logsOpened.formula,
      lang: 'en',
    });
    const unknown = { ...logsOpened, id: 'a_metric_added_later', title: 'Something new' };
    expect(nb.metric(unknown, TRANSLATED_DEFINITIONS_VERSION).title).toBe('Something new');
    expect(nb.metric(unknown, TRANSLATED_DEFINITIONS_VERSION).lang).toBe('en');
  });

  it('has every metric of the catalogue in all three languages, English in the API’s own words', () => {
    // When the catalogue changes a definition it raises DEFINITIONS_VERSION: translate again, then
    // raise TRANSLATED_DEFINITIONS_VERSION (until then the pages show the API's words).
    expect(TRANSLATED_DEFINITIONS_VERSION).toBe(DEFINITIONS_VERSION);
    const ids = METRICS.map((m) => m.id).sort();
    for (const language of ['nb', 'nn', 'en'] as const)
      expect({ language, ids: Object.keys(messages(language).metricTexts).sort() }).toEqual({
        language,
        ids,
      });
    const english = messages('en').metricTexts;
    for (const metric of METRICS)
      expect({ id: metric.id, ...english[metric.id] }).toEqual({
        id: metric.id,
        title: metric.title,
        unit: metric.unit,
        formula: metric.formula,
      });
    // Every metric has its theme on the page.
    expect(Object.values(METRIC_GROUPS).flat().sort()).toEqual(ids);
  });

  it('draws the charts on a scale of four even, round steps, leaving suppressed cells out', () => {
    expect(niceMax(30, true)).toBe(40);
    expect(niceMax(19, true)).toBe(20);
    expect(niceMax(4, true)).toBe(4);
    expect(niceMax(0, true)).toBe(4);
    expect(niceMax(1, true)).toBe(4);
    expect(niceMax(88.9, false)).toBe(100);
    expect(niceMax(12.6, false)).toBe(20);
    expect(niceMax(0.3, false)).toBeCloseTo(0.4);
    expect(
      largestValue([
        { value: 7, suppressed: false },
        { value: 987654, suppressed: true },
        { value: null, suppressed: false },
      ]),
    ).toBe(7);
  });
});
