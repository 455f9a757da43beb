/**
 * An immutable map that grows by one key at a time in O(1), for the parts of a decider's state that
 * only grow (a log's entries). Every instance keeps its own view: a key added through a later
 * instance is invisible to an earlier one, so old states stay exactly what they were. Adding to an
 * old instance (a branch) copies; adding to the newest shares.
 */
export class AppendOnlyIndex<V> {
  private constructor(
    private readonly slots: Map<string, { value: V; seq: number }>,
    private readonly owner: { size: number },
    readonly size: number,
  ) {}

  static empty<V>(): AppendOnlyIndex<V> {
    return new AppendOnlyIndex<V>(new Map(), { size: 0 }, 0);
  }

  get(key: string): V | undefined {
    const slot = this.slots.get(key);
    return slot !== undefined && slot.seq < this.size ? slot.value : undefined;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** A new index with `key` added; adding a key that is there already is a programming error. */
  with(key: string, value: V): AppendOnlyIndex<V> {
    if (this.has(key)) throw new Error(`AppendOnlyIndex: ${key} is there already`);
    if (this.owner.size === this.size) {
      // The newest instance: extend the shared map in place; older instances do not see the new slot.
      this.slots.set(key, { value, seq: this.size });
      this.owner.size = this.size + 1;
      return new AppendOnlyIndex(this.slots, this.owner, this.size + 1);
    }
    const copy = new Map<string, { value: V; seq: number }>();
    for (const [k, slot] of this.slots) if (slot.seq < this.size) copy.set(k, slot);
    copy.set(key, { value, seq: this.size });
    return new AppendOnlyIndex(copy, { size: this.size + 1 }, this.size + 1);
  }

  values(): V[] {
    return [...this.slots.values()]
      .filter((slot) => slot.seq < this.size)
      .map((slot) => slot.value);
  }
}
