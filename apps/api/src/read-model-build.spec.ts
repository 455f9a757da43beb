import { ALL_PROJECTIONS } from '@bti/projections';
import { buildShares } from './read-model-build';

describe('the shares of a build from scratch in several processes', () => {
  const names = ALL_PROJECTIONS.map((projection) => projection.name);

  it('gives every projection to exactly one share', () => {
    for (const processes of [1, 2, 3, 4]) {
      const shares = buildShares(names, processes);
      expect(shares).toHaveLength(processes);
      expect(shares.flat().sort()).toEqual([...names].sort());
    }
  });

  it('keeps the two heaviest apart, and puts the lightest share first (its process merges the others)', () => {
    const shareOf = (name: string) =>
      buildShares(names, 2).findIndex((share) => share.includes(name));
    expect(shareOf('timeline')).not.toBe(shareOf('metric-facts'));
    expect(buildShares(['timeline', 'metric-facts', 'x'], 2)).toEqual([
      ['metric-facts', 'x'],
      ['timeline'],
    ]);
  });

  it('makes no empty share when asked for more processes than projections', () => {
    expect(buildShares(['a', 'b'], 4)).toEqual([['a'], ['b']]);
    expect(buildShares(['a'], 1)).toEqual([['a']]);
  });
});
