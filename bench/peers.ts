/**
 * The engines the benchmark compares, behind one small interface: redline through its public API only
 * (NameIndex, screen), three general-purpose JavaScript search libraries configured for names, and a
 * brute-force Jaro-Winkler scan over every name, the character-based half of what OFAC says its Sanctions
 * List Search does.
 */
import { Charset, Index } from "flexsearch";
import Fuse from "fuse.js";
import MiniSearch, { type SearchResult } from "minisearch";
import { jaroWinkler } from "../src/match/jaro-winkler.ts";
import { NameIndex } from "../src/match/name-index.ts";
import { screen } from "../src/match/screen.ts";
import type { Hit } from "../src/match/types.ts";
import type { Entity } from "../src/model/entity.ts";
import { fold, naturalOrder } from "./text.ts";

/** The answer to one query: distinct entity ids, best first, at most TOP_K, plus whatever the peer needs to decide an alarm. */
export interface PeerAnswer {
  ids: string[];
  detail?: unknown;
}

/** One engine under test. */
export interface Peer {
  readonly name: string;
  /** How the peer is configured, for the results file. */
  readonly config: string;
  /** When the peer raises an alarm, for the results file. */
  readonly alarmRule: string;
  build(entities: readonly Entity[]): void;
  search(query: string): PeerAnswer;
  /** Entity ids the peer would alert on for this answer; run outside the timed section. */
  alarms(query: string, answer: PeerAnswer): string[];
  /** Forget what earlier queries left in caches, so that every timed pass starts cold. */
  forget?(): void;
}

/** Answers are cut at ten entities, the depth of recall@10 and redline's default limit. */
export const TOP_K = 10;

/** Alarm threshold of the Jaro-Winkler peer; the same number as redline's alert threshold, so both mean "85 %". */
export const JW_ALARM = 0.85;

/** Entity ids in first-seen order, without repeats, at most TOP_K. */
function distinct(ids: Iterable<string>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
    if (out.length === TOP_K) break;
  }
  return out;
}

/** Every name of every entity as one row: the unit the search libraries index. */
interface NameRow {
  entity: string;
  text: string;
}

function nameRows(entities: readonly Entity[]): NameRow[] {
  const rows: NameRow[] = [];
  for (const e of entities) {
    const seen = new Set<string>();
    for (const n of e.names) {
      const text = fold(n.full);
      if (!text || seen.has(text)) continue;
      seen.add(text);
      rows.push({ entity: e.id, text });
    }
  }
  return rows;
}

/** redline with its defaults (minScore 0.7, limit 10); an alarm is any hit with match = true. */
export class RedlinePeer implements Peer {
  readonly name = "redline";
  readonly config = "new NameIndex(entities); screen(index, { name }) with default options";
  readonly alarmRule = "any hit with match = true (score ≥ the engine's alert threshold)";
  private index?: NameIndex;

  build(entities: readonly Entity[]): void {
    this.index = new NameIndex(entities as Entity[]);
  }

  search(query: string): PeerAnswer {
    const hits = screen(this.index as NameIndex, { name: query });
    return { ids: distinct(hits.map((h) => h.id)), detail: hits };
  }

  alarms(_query: string, answer: PeerAnswer): string[] {
    return (answer.detail as Hit[]).filter((h) => h.match).map((h) => h.id);
  }

  forget(): void {
    this.index?.forgetQueries();
  }
}

interface FuseDoc {
  id: string;
  names: string[];
}

/**
 * Fuse.js over all names of an entity as one array key, in token search mode: each query word is matched
 * fuzzily (Bitap) on its own and ranked by IDF, and tokenMatch "all" makes every query word find a place, which is
 * what a name match means. Threshold 0.3 is stricter than the 0.6 default. On a pilot of 500 queries this beat
 * whole-string Bitap with ignoreLocation (recall@1 0.78 against 0.58, false alarms 11 % against 23 %), which
 * cannot follow reordered words and splits names longer than 32 characters into chunks.
 */
export class FusePeer implements Peer {
  static readonly THRESHOLD = 0.3;
  readonly name = "fuse.js";
  readonly config =
    `Fuse(entities, { keys: ["names"], useTokenSearch: true, tokenMatch: "all", threshold: ${FusePeer.THRESHOLD}, includeScore: true, minMatchCharLength: 2 }); names folded to lower-case ASCII`;
  readonly alarmRule =
    `top result returned at all (Fuse returns only results within threshold ${FusePeer.THRESHOLD} whose every query word matched)`;
  private fuse?: Fuse<FuseDoc>;

  build(entities: readonly Entity[]): void {
    const docs = entities.map((e) => ({ id: e.id, names: [...new Set(e.names.map((n) => fold(n.full)))] }));
    this.fuse = new Fuse(docs, {
      keys: ["names"],
      useTokenSearch: true,
      tokenMatch: "all",
      threshold: FusePeer.THRESHOLD,
      includeScore: true,
      minMatchCharLength: 2,
    });
  }

  search(query: string): PeerAnswer {
    const results = (this.fuse as Fuse<FuseDoc>).search(fold(query), { limit: TOP_K });
    return { ids: distinct(results.map((r) => r.item.id)) };
  }

  alarms(_query: string, answer: PeerAnswer): string[] {
    return answer.ids.slice(0, 1);
  }
}

/**
 * MiniSearch (BM25) with one document per name, fuzzy 0.2 (edit distance up to 20 % of a term's length) and
 * prefix matching, terms combined with OR so that a missing or misspelt word does not empty the result.
 */
export class MiniSearchPeer implements Peer {
  readonly name = "minisearch";
  readonly config =
    'one document per name; search(q, { fuzzy: 0.2, prefix: true, combineWith: "OR" }); names folded to lower-case ASCII';
  readonly alarmRule =
    "top result matched every query word (fuzzily or by prefix), i.e. it would survive AND";
  private mini?: MiniSearch<{ id: number; text: string }>;
  private rows: NameRow[] = [];

  build(entities: readonly Entity[]): void {
    this.rows = nameRows(entities);
    this.mini = new MiniSearch({ fields: ["text"], idField: "id" });
    this.mini.addAll(this.rows.map((r, id) => ({ id, text: r.text })));
  }

  search(query: string): PeerAnswer {
    const results = (this.mini as MiniSearch).search(fold(query), {
      fuzzy: 0.2,
      prefix: true,
      combineWith: "OR",
    });
    const ids = distinct(results.map((r) => (this.rows[r.id as number] as NameRow).entity));
    return { ids, detail: results[0] };
  }

  alarms(query: string, answer: PeerAnswer): string[] {
    const top = answer.detail as SearchResult | undefined;
    if (!top) return [];
    const terms = new Set(fold(query).split(" "));
    return new Set(top.queryTerms).size >= terms.size ? answer.ids.slice(0, 1) : [];
  }
}

/**
 * FlexSearch with one document per name, the "tolerant" tokenizer (also indexes each word with swapped and
 * missing letters) and the LatinAdvanced encoder (phonetic normalisation), searched with suggest: true so that
 * partial matches are returned. Of seven tokenizer/encoder pairs tried on a 500-query pilot this ranked best
 * (recall@1 0.91; forward+LatinAdvanced 0.86, LatinExtra and LatinSoundex lower and with more false alarms).
 */
export class FlexSearchPeer implements Peer {
  readonly name = "flexsearch";
  readonly config =
    'Index({ tokenize: "tolerant", encoder: Charset.LatinAdvanced, resolution: 9 }), one document per name; search(q, { limit: 100, suggest: true })';
  readonly alarmRule = "the strict search (suggest off: every query word must match) returns a result";
  private index?: Index;
  private rows: NameRow[] = [];

  build(entities: readonly Entity[]): void {
    this.rows = nameRows(entities);
    this.index = new Index({ tokenize: "tolerant", encoder: Charset.LatinAdvanced, resolution: 9 });
    this.rows.forEach((r, id) => {
      (this.index as Index).add(id, r.text);
    });
  }

  private entities(ids: readonly (string | number)[]): string[] {
    return distinct(ids.map((id) => (this.rows[id as number] as NameRow).entity));
  }

  search(query: string): PeerAnswer {
    return { ids: this.entities((this.index as Index).search(fold(query), { limit: 100, suggest: true })) };
  }

  alarms(query: string, _answer: PeerAnswer): string[] {
    return this.entities((this.index as Index).search(fold(query), { limit: 1 })).slice(0, 1);
  }
}

/**
 * The query against every name on the list with Jaro-Winkler, best name per entity. Person names published
 * "FAMILY, Given" are also compared in natural order, as OFAC's tool stores first and last names apart.
 */
export class JaroWinklerPeer implements Peer {
  readonly name = "brute-force JW";
  readonly config =
    `jaroWinkler(query, name) over every name (folded; persons also in given-family order), best per entity`;
  readonly alarmRule = `top score ≥ ${JW_ALARM}`;
  private names: string[] = [];
  private owner: Int32Array = new Int32Array(0);
  private ids: string[] = [];

  build(entities: readonly Entity[]): void {
    const names: string[] = [];
    const owner: number[] = [];
    entities.forEach((e, i) => {
      const forms = new Set<string>();
      for (const n of e.names) {
        forms.add(fold(n.full));
        if (e.schema === "Person") forms.add(fold(naturalOrder(n.full)));
      }
      for (const f of forms) {
        if (!f) continue;
        names.push(f);
        owner.push(i);
      }
    });
    this.names = names;
    this.owner = Int32Array.from(owner);
    this.ids = entities.map((e) => e.id);
  }

  search(query: string): PeerAnswer {
    const q = fold(query);
    const best = new Float64Array(this.ids.length);
    for (let i = 0; i < this.names.length; i++) {
      const s = jaroWinkler(q, this.names[i] as string);
      const e = this.owner[i] as number;
      if (s > (best[e] as number)) best[e] = s;
    }
    // Keep a small sorted top list instead of sorting every entity.
    const top: { e: number; s: number }[] = [];
    for (let e = 0; e < best.length; e++) {
      const s = best[e] as number;
      if (s === 0 || (top.length === TOP_K && s <= (top[TOP_K - 1] as { s: number }).s)) continue;
      let at = top.length;
      while (at > 0 && (top[at - 1] as { s: number }).s < s) at--;
      top.splice(at, 0, { e, s });
      if (top.length > TOP_K) top.pop();
    }
    return { ids: top.map((t) => this.ids[t.e] as string), detail: top[0]?.s ?? 0 };
  }

  alarms(_query: string, answer: PeerAnswer): string[] {
    return (answer.detail as number) >= JW_ALARM ? answer.ids.slice(0, 1) : [];
  }
}

/** Every peer, in the order the table shows them. */
export function allPeers(): Peer[] {
  return [
    new RedlinePeer(),
    new FusePeer(),
    new MiniSearchPeer(),
    new FlexSearchPeer(),
    new JaroWinklerPeer(),
  ];
}
