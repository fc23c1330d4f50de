/**
 * SymSpell deletion keys → token ids, kept as one sorted array of numbers rather than a map of strings: a
 * million-entry list has millions of keys, and a map entry costs over a hundred bytes where this costs eight.
 * Keys are stored by a 31-bit hash, so two keys may share a slot; that only adds a candidate token, which the
 * caller scores by its spelling anyway.
 */

const ID_BITS = 22;
const ID_SPACE = 2 ** ID_BITS;

/** FNV-1a over UTF-16 code units, folded to 31 bits. */
function hash31(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 1) & 0x7fffffff;
}

function checkId(id: number): void {
  if (id >= ID_SPACE) {
    throw new RangeError(`the name index holds more than ${ID_SPACE} distinct words; the fuzzy index cannot`);
  }
}

/** A multimap from deletion keys to token ids: add everything, then `freeze`, then look up. */
export class DeletionKeys {
  private pending: Float64Array = new Float64Array(4096);
  private count = 0;
  private packed: Float64Array = new Float64Array(0);

  /** Record that token `id` has deletion key `key`. */
  add(key: string, id: number): void {
    checkId(id);
    // hash × 2^22 + id stays below 2^53, so a double holds it exactly and sorts by hash, then id.
    this.push(hash31(key) * ID_SPACE + id);
  }

  private push(entry: number): void {
    if (this.count === this.pending.length) {
      const bigger = new Float64Array(this.pending.length * 2);
      bigger.set(this.pending);
      this.pending = bigger;
    }
    this.pending[this.count++] = entry;
  }

  /**
   * Record every double deletion of `token` as a key of `id`, hashed in place: no string is made for each of
   * the token's pairs of letters.
   */
  addDoubleDeletions(token: string, id: number): void {
    checkId(id);
    const n = token.length;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        // Deleting one letter of a run gives the same key as deleting its neighbour: skip the repeat.
        if ((j > i + 1 && token[j] === token[j - 1]) || (i > 0 && token[i] === token[i - 1])) continue;
        let h = 0x811c9dc5;
        for (let k = 0; k < n; k++) {
          if (k === i || k === j) continue;
          h ^= token.charCodeAt(k);
          h = Math.imul(h, 0x01000193);
        }
        this.push(((h >>> 1) & 0x7fffffff) * ID_SPACE + id);
      }
    }
  }

  /** Sort and drop repeats; no `add` after this. */
  freeze(): void {
    const sorted = this.pending.subarray(0, this.count).sort();
    let n = 0;
    for (let i = 0; i < sorted.length; i++) {
      if (n === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i] as number;
    }
    this.packed = sorted.slice(0, n);
    this.pending = new Float64Array(0);
    this.count = 0;
  }

  /** Call `visit` with every token id stored under the key (and, rarely, under a key with the same hash). */
  forEach(key: string, visit: (id: number) => void): void {
    const h = hash31(key);
    const first = h * ID_SPACE;
    const packed = this.packed;
    let lo = 0;
    let hi = packed.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((packed[mid] as number) < first) lo = mid + 1;
      else hi = mid;
    }
    const end = first + ID_SPACE;
    for (let i = lo; i < packed.length && (packed[i] as number) < end; i++) {
      visit((packed[i] as number) - first);
    }
  }
}
