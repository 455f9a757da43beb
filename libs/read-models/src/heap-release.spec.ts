import { getHeapStatistics } from 'node:v8';
import { HEAP_GROWTH_TO_RELEASE_BYTES, releaseHeapAfterBurst } from './heap-release';

const heapSize = () => getHeapStatistics().total_heap_size;

/** Small objects until the heap has grown by `bytes`, as a rebuild's batches grow it. */
function grow(bytes: number, keep: unknown[][]): void {
  const from = heapSize();
  while (heapSize() - from < bytes) keep.push(Array.from({ length: 256 }, (_, n) => ({ n })));
}

describe('releasing the heap a burst of work grew', () => {
  it('gives back a burst’s heap when forced (a catch-up reaching the head)', () => {
    releaseHeapAfterBurst(true);
    const before = heapSize();
    let garbage: unknown[][] = [];
    grow(3 * HEAP_GROWTH_TO_RELEASE_BYTES, garbage);
    const grown = heapSize();
    garbage = [];
    expect(releaseHeapAfterBurst(true)).toBe(true);
    // At least two thirds of what the burst grew is given back (V8 keeps some young space).
    expect(grown - heapSize()).toBeGreaterThan(((grown - before) * 2) / 3);
    expect(garbage).toEqual([]);
  });

  it('collects at a burst’s end only once the heap has grown by the threshold', () => {
    releaseHeapAfterBurst(true);
    expect(releaseHeapAfterBurst()).toBe(false);
    // Live data the threshold's size: the heap cannot shrink below it, so one release is due, then none.
    const live: unknown[][] = [];
    grow(HEAP_GROWTH_TO_RELEASE_BYTES + 8 * 1024 * 1024, live);
    expect(releaseHeapAfterBurst()).toBe(true);
    expect(releaseHeapAfterBurst()).toBe(false);
    expect(live.length).toBeGreaterThan(0);
  });
});
