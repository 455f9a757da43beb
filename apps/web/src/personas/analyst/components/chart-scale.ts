/** The scale of the analyst charts: plain functions, tested on their own. */

/** A point's value as the scale sees it: a suppressed cell counts for nothing. */
interface Scaled {
  readonly value: number | null;
  readonly suppressed: boolean;
}

/**
 * The top of a scale with four even steps of a "nice" size (1, 2, 2.5 or 5 times a power of ten), at
 * least the largest value: 30 → 40 (steps of 10), 19 → 20, 4 → 4. Whole steps for counts.
 */
export function niceMax(max: number, integers: boolean): number {
  if (max <= 0) return integers ? 4 : 1;
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const steps = integers && power < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const step = Math.max(integers ? 1 : 0, (steps.find((s) => s * power >= rough) ?? 10) * power);
  return step * 4;
}

/** The largest published value of the points (suppressed cells count for nothing). */
export function largestValue(points: readonly Scaled[], baseline?: number | null): number {
  return Math.max(
    0,
    baseline ?? 0,
    ...points.map((p) => (p.suppressed || p.value === null ? 0 : p.value)),
  );
}
