import { readFileSync } from 'node:fs';
import { RULE_CODES_BY_CONTEXT } from '@bti/domain';
import { METRICS } from '@bti/metrics';
import { METRICS_DOC, metricIdsInDoc } from '../../apps/cli/src/metric-docs';
import { DOMAIN_DOC, ruleCodesInDoc } from '../../apps/cli/src/rule-codes';

describe('docs/domain.md', () => {
  it('lists every rule code of every context, from the same source as the deciders', () => {
    const listed = ruleCodesInDoc(readFileSync(DOMAIN_DOC, 'utf8'));
    const expected = Object.fromEntries(
      Object.entries(RULE_CODES_BY_CONTEXT).map(([context, codes]) => [context, [...codes].sort()]),
    );
    // When this fails, run `npm run cli -- docs` and commit the result.
    expect(listed).toEqual(expected);
  });
});

describe('docs/metrics.md', () => {
  it('defines every metric of the catalogue, in its order', () => {
    // When this fails, run `npm run cli -- docs` and commit the result.
    expect(metricIdsInDoc(readFileSync(METRICS_DOC, 'utf8'))).toEqual(METRICS.map((m) => m.id));
  });
});
