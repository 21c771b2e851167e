interface Entry<V> {
  scope: string;
  version: number;
  weight: number;
  value: V;
}

/**
 * Computed answers kept per scope (a workspace) while the scope's data version is unchanged. The version is a
 * counter the database raises in the transaction of every write, on any replica, so a write anywhere makes the next
 * `get` recompute. Values are shared by concurrent callers: never change one after it is built. The least recently
 * used entries go first once their weights add up to more than `maxWeight`.
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, Entry<V>>(); // in order of use, oldest first
  private readonly newest = new Map<string, number>();
  private weight = 0;

  constructor(private readonly maxWeight: number) {}

  /**
   * The value for `key` at `version`, from the cache or from `load`. Read `version` BEFORE the data `load` reads:
   * the data is then at least as new as the version names, never older.
   */
  async get(scope: string, version: number, key: string, load: () => Promise<{ value: V; weight: number }>): Promise<V> {
    const newest = this.newest.get(scope);
    if (newest !== undefined && version < newest) return (await load()).value; // a reader that started before a write
    if (newest !== version) this.advance(scope, version);
    const id = `${scope}\u0000${key}`;
    const hit = this.entries.get(id);
    if (hit) {
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.value;
    }
    const loaded = await load();
    // Kept only if no newer version was seen while loading, and it fits at all.
    if (this.newest.get(scope) === version && loaded.weight <= this.maxWeight && !this.entries.has(id)) {
      this.entries.set(id, { scope, version, weight: loaded.weight, value: loaded.value });
      this.weight += loaded.weight;
      for (const [oldest, entry] of this.entries) {
        if (this.weight <= this.maxWeight) break;
        this.remove(oldest, entry);
      }
    }
    return loaded.value;
  }

  /** What the cache holds now (tests and the benchmark). */
  get size(): { entries: number; weight: number } {
    return { entries: this.entries.size, weight: this.weight };
  }

  private advance(scope: string, version: number): void {
    this.newest.set(scope, version);
    for (const [id, entry] of this.entries) if (entry.scope === scope && entry.version !== version) this.remove(id, entry);
  }

  private remove(id: string, entry: Entry<V>): void {
    this.entries.delete(id);
    this.weight -= entry.weight;
  }
}

/** One cache per owner object (a store's repository), created on first use, gone with its owner. */
export function cacheOf<O extends object, V>(caches: WeakMap<O, VersionedCache<V>>, owner: O, maxWeight: number): VersionedCache<V> {
  let cache = caches.get(owner);
  if (!cache) {
    cache = new VersionedCache<V>(maxWeight);
    caches.set(owner, cache);
  }
  return cache;
}
