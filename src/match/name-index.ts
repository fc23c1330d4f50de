import { doubleMetaphone } from "double-metaphone";
import type { Entity, NameKind } from "../model/entity.ts";
import { analyzeName, type ReadingsFn, type TokenKind } from "../names/analyze.ts";
import { detectScript } from "../names/script.ts";
import { latinReadings, learnReadings } from "../names/transliterate.ts";
import { DeletionKeys } from "./deletion-keys.ts";
import {
  isNumberToken,
  MIN_FUZZY_LENGTH,
  PERSON_EDITS,
  spellingSimilarity,
  type TokenMatchHow,
  withinEdits,
} from "./token-sim.ts";

export { FUZZY_TOKEN_MIN, MIN_FUZZY_LENGTH } from "./token-sim.ts";

/** One reading of one name of one entity, as token ids; made on demand from the index's columns. */
export interface NameRecord {
  entity: number;
  /** Index of the name in `entity.names`. */
  name: number;
  kind: NameKind;
  full: string;
  tokens: Int32Array;
}

/** A list token that corresponds to a query token. */
export interface TokenCandidate {
  id: number;
  token: string;
  similarity: number;
  how: TokenMatchHow;
  /** Two edits away: a person's name spelt another way, worth counting only beside a name that agrees. */
  far?: boolean;
}

export interface IndexOptions {
  /** Latin readings of a name (transliteration); default: the normalised name. */
  readings?: ReadingsFn;
}

/** Query words whose list neighbours are remembered; the memory is simply cleared when full. */
const SIMILAR_CACHE_SIZE = 50_000;

/**
 * People's name parts of these lengths are also kept under their double deletions. Shorter ones are too short
 * for two edits; longer ones have the most pairs of letters, and the query's own second edit reaches them.
 */
const MIN_DEEP_LENGTH = 5;
const MAX_DEEP_LENGTH = 12;

/** Record party kinds (see `recordPartyOf`). */
export const PARTY_PERSON = 1;
export const PARTY_EITHER = 2;

/** Shorter numbers are too likely to collide across issuers to identify anyone. */
export const MIN_IDENTIFIER_LENGTH = 4;
/** Below this many entries document frequencies say nothing; token weights then come from token kinds only. */
const MIN_ENTRIES_FOR_IDF = 500;
const KIND_WEIGHT: Record<TokenKind, number> = {
  word: 1,
  descriptive: 0.5,
  number: 1,
  initial: 0.4,
  form: 0.2,
  generic: 0.3,
  particle: 0.2,
};

/** Identifier numbers compare without case, spaces or punctuation ("AB 123-45" = "ab12345"). */
export function normalizeIdentifier(number: string): string {
  return number.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

/** Original-script names and the Latin names of the same entries: the lists teach their own spellings. */
function bilingualPairs(entities: Entity[]): { original: string; latin: string }[] {
  const pairs: { original: string; latin: string }[] = [];
  for (const entity of entities) {
    const latin = entity.names.find((n) => n.kind === "primary" && !n.script)?.full;
    if (!latin) continue;
    for (const name of entity.names) if (name.script) pairs.push({ original: name.full, latin });
  }
  return pairs;
}

/** A growing list of 32-bit integers without a JavaScript number array's 8 bytes per element. */
class Int32Builder {
  private data = new Int32Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length++] = value;
  }

  /** The values, in an array of exactly their length. */
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== value) list.push(value);
  } else map.set(key, [value]);
}

/** Every string one deletion away from a token (SymSpell): two tokens within one edit share one. */
function deletions(token: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < token.length; i++) out.push(token.slice(0, i) + token.slice(i + 1));
  return out;
}

/**
 * The candidate index over every reading of every name of every entity: token postings, phonetic keys and
 * single-deletion keys over the token vocabulary, so a misspelt, re-spelt or transliterated token finds its
 * list tokens by lookups; no query ever scans the whole list.
 */
export class NameIndex {
  readonly entities: Entity[];
  /** How many name records (readings of names) the index holds. */
  readonly recordCount: number;
  readonly readings: ReadingsFn;
  /** Token text by id. */
  readonly vocabulary: string[] = [];
  private readonly ids = new Map<string, number>();
  private postingLists: number[][] = [];
  private postings: Int32Array[] = [];
  /** Entity-level document frequency of each token. */
  private df: number[] = [];
  private weights: Float32Array = new Float32Array(0);
  private tokenKinds: TokenKind[] = [];
  private readonly phonetic = new Map<string, number[]>();
  private readonly deletes = new DeletionKeys();
  /** Double deletions of people's name parts: the keys of the second edit on the list's side. */
  private readonly deepDeletes = new DeletionKeys();
  private readonly identifiers = new Map<string, number[]>();
  // A million-entry list has millions of records: they live in columns, not one object each.
  private readonly recEntity: Int32Array;
  private readonly recName: Int32Array;
  /** Record r's tokens are tokenPool[recStart[r]] … tokenPool[recStart[r + 1] - 1]. */
  private readonly recStart: Uint32Array;
  private readonly tokenPool: Int32Array;
  /** Entity e's records are entityStart[e] … entityStart[e + 1] - 1 (records are made entity by entity). */
  private readonly entityStart: Uint32Array;
  private readonly similarCache = new Map<string, readonly TokenCandidate[]>();
  /** 1 for a token read from a name in another script: conventions make strict spelling unfair there. */
  private transliterated: Uint8Array = new Uint8Array(0);
  /** Per record: the sum of its token weights, the part of it held by initials, and its kind of party. */
  private recordWeight: Float32Array = new Float32Array(0);
  private recordInitials: Float32Array = new Float32Array(0);
  private recordParty: Uint8Array = new Uint8Array(0);

  constructor(entities: Entity[], options: IndexOptions = {}) {
    this.entities = entities;
    if (options.readings) this.readings = options.readings;
    else {
      const learned = learnReadings(bilingualPairs(entities));
      this.readings = (text) => latinReadings(text, { learned });
    }
    const recEntity = new Int32Builder();
    const recName = new Int32Builder();
    const recStart = new Int32Builder();
    const pool = new Int32Builder();
    this.entityStart = new Uint32Array(entities.length + 1);
    const translit: number[] = [];
    const personal = new Set<number>();
    entities.forEach((entity, e) => {
      this.entityStart[e] = recEntity.length;
      const entityTokens = new Set<number>();
      const seen = new Set<string>();
      entity.names.forEach((name, n) => {
        const read = detectScript(name.full) !== undefined;
        for (const variant of analyzeName(name.full, entity.schema, this.readings)) {
          if (seen.has(variant.reading)) continue;
          seen.add(variant.reading);
          const r = recEntity.length;
          recEntity.push(e);
          recName.push(n);
          recStart.push(pool.length);
          variant.tokens.forEach((token, i) => {
            const t = this.tokenId(token, variant.kinds[i] ?? "word");
            if (read) translit[t] = 1;
            if (entity.schema === "Person") personal.add(t);
            pool.push(t);
            entityTokens.add(t);
            const list = this.postingLists[t] as number[];
            if (list[list.length - 1] !== r) list.push(r);
          });
        }
      });
      for (const t of entityTokens) this.df[t] = (this.df[t] ?? 0) + 1;
      for (const id of entity.identifiers) {
        const key = normalizeIdentifier(id.number);
        if (key.length >= MIN_IDENTIFIER_LENGTH) push(this.identifiers, key, e);
      }
    });
    this.recordCount = recEntity.length;
    this.entityStart[entities.length] = this.recordCount;
    recStart.push(pool.length);
    this.recEntity = recEntity.done();
    this.recName = recName.done();
    this.recStart = Uint32Array.from(recStart.done());
    this.tokenPool = pool.done();
    this.transliterated = Uint8Array.from({ length: this.vocabulary.length }, (_, t) => translit[t] ?? 0);
    // People's name parts also under their double deletions, so that a name part two letters away on both
    // sides (STARKEY / STARMER) is found by lookups too.
    for (const t of personal) {
      const token = this.vocabulary[t] as string;
      if (token.length < MIN_DEEP_LENGTH || token.length > MAX_DEEP_LENGTH || isNumberToken(token)) continue;
      this.deepDeletes.addDoubleDeletions(token, t);
    }
    this.deletes.freeze();
    this.deepDeletes.freeze();
    this.postings = this.postingLists.map((l) => Int32Array.from(l));
    this.postingLists = [];
    this.weights = this.computeWeights();
    this.computeRecordWeights();
  }

  private computeRecordWeights(): void {
    const n = this.recordCount;
    this.recordWeight = new Float32Array(n);
    this.recordInitials = new Float32Array(n);
    this.recordParty = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      let all = 0;
      let initials = 0;
      for (let k = this.recStart[r] as number; k < (this.recStart[r + 1] as number); k++) {
        const t = this.tokenPool[k] as number;
        const w = this.weight(t);
        all += w;
        if (this.kind(t) === "initial") initials += w;
      }
      this.recordWeight[r] = all;
      this.recordInitials[r] = initials;
      const schema = (this.entities[this.recEntity[r] as number] as Entity).schema;
      this.recordParty[r] = schema === "Person" ? PARTY_PERSON : schema === "LegalEntity" ? PARTY_EITHER : 0;
    }
  }

  /** Name record r: its entity, which of the entity's names it reads, and its tokens. */
  record(r: number): NameRecord {
    const entity = this.recEntity[r] as number;
    const name = this.recName[r] as number;
    const published = (this.entities[entity] as Entity).names[name] as Entity["names"][number];
    return {
      entity,
      name,
      kind: published.kind,
      full: published.full,
      tokens: this.tokenPool.subarray(this.recStart[r] as number, this.recStart[r + 1] as number),
    };
  }

  /** The token ids of record r. */
  recordTokens(r: number): Int32Array {
    return this.tokenPool.subarray(this.recStart[r] as number, this.recStart[r + 1] as number);
  }

  /** The entity record r names. */
  recordEntity(r: number): number {
    return this.recEntity[r] as number;
  }

  /** How many tokens record r has. */
  recordLength(r: number): number {
    return (this.recStart[r + 1] as number) - (this.recStart[r] as number);
  }

  /** The sum of the weights of a record's tokens. */
  recordWeightOf(r: number): number {
    return this.recordWeight[r] as number;
  }

  /** The weight of a record's initials (which a query word may meet only when aligning). */
  recordInitialsOf(r: number): number {
    return this.recordInitials[r] as number;
  }

  /** Whether a record names a person (PARTY_PERSON), may name either (PARTY_EITHER), or names another party (0). */
  recordPartyOf(r: number): number {
    return this.recordParty[r] as number;
  }

  private tokenId(token: string, kind: TokenKind): number {
    const known = this.ids.get(token);
    if (known !== undefined) return known;
    const id = this.vocabulary.push(token) - 1;
    this.ids.set(token, id);
    this.postingLists.push([]);
    this.df.push(0);
    this.tokenKinds.push(kind);
    if (!isNumberToken(token)) {
      for (const key of new Set(doubleMetaphone(token))) if (key) push(this.phonetic, key, id);
      if (token.length >= MIN_FUZZY_LENGTH) {
        this.deletes.add(token, id);
        for (const d of deletions(token)) this.deletes.add(d, id);
      }
    }
    return id;
  }

  private computeWeights(): Float32Array {
    const n = this.entities.length;
    const weights = new Float32Array(this.vocabulary.length);
    const maxIdf = Math.log(1 + n);
    for (let t = 0; t < weights.length; t++) {
      const base = KIND_WEIGHT[this.tokenKinds[t] ?? "word"];
      if (n < MIN_ENTRIES_FOR_IDF || base < 1) {
        weights[t] = base;
        continue;
      }
      // A token on many entries (MOHAMMED, COMPANY) identifies less than a rare family name.
      const idf = Math.log(1 + n / Math.max(1, this.df[t] ?? 1)) / maxIdf;
      weights[t] = base * (0.35 + 0.65 * idf);
    }
    return weights;
  }

  /** The weight of a list token: how much it says about who the party is (0–1). */
  weight(id: number): number {
    return this.weights[id] ?? 1;
  }

  /** What kind of token an id is. */
  kind(id: number): TokenKind {
    return this.tokenKinds[id] ?? "word";
  }

  /** The weight a query token gets: that of the list token it equals, else of an unseen (rare) word. */
  queryWeight(token: string, kind: TokenKind): number {
    const id = this.ids.get(token);
    if (id !== undefined) return this.weight(id);
    return KIND_WEIGHT[kind];
  }

  /** What kind of token a list name holds this text as, if any holds it. */
  kindOf(token: string): TokenKind | undefined {
    const id = this.ids.get(token);
    return id === undefined ? undefined : this.kind(id);
  }

  /** The id of a token in the vocabulary, if any list name contains it. */
  idOf(token: string): number | undefined {
    return this.ids.get(token);
  }

  /** The Latin reading a name record holds, as text ("vladimir putin"). */
  readingOf(record: NameRecord): string {
    return Array.from(record.tokens, (t) => this.vocabulary[t] as string).join(" ");
  }

  /** Whether any of these list tokens was read from a name in another script than Latin. */
  transliteratedAny(tokens: Int32Array): boolean {
    for (let k = 0; k < tokens.length; k++) if (this.transliterated[tokens[k] as number]) return true;
    return false;
  }

  /** Name records that contain a token. */
  recordsWith(id: number): Int32Array {
    return this.postings[id] ?? new Int32Array(0);
  }

  /** Name records of one entity. */
  recordsOfEntity(entity: number): number[] {
    const out: number[] = [];
    for (let r = this.entityStart[entity] ?? 0; r < (this.entityStart[entity + 1] ?? 0); r++) out.push(r);
    return out;
  }

  /** Entities that carry an identifier with this number (compared without spaces, dashes or case). */
  entitiesWithIdentifier(number: string): readonly number[] {
    return this.identifiers.get(normalizeIdentifier(number)) ?? [];
  }

  /**
   * List tokens that correspond to a query token: the same token, tokens that sound alike, and tokens within
   * one or two edits (found through shared deletion keys), each with its similarity. A person's name part
   * (`person`) also meets list tokens two edits away: people's names are spelt many ways.
   */
  similarTokens(token: string, strict = false, person = false): readonly TokenCandidate[] {
    // Query words repeat across screenings (MOHAMMED, BANK, TRADING): their neighbours are computed once.
    const key = strict ? `!${token}` : person ? `~${token}` : token;
    const cached = this.similarCache.get(key);
    if (cached) return cached;
    const found = this.findSimilar(token, strict, person && !strict);
    if (this.similarCache.size >= SIMILAR_CACHE_SIZE) this.similarCache.clear();
    this.similarCache.set(key, found);
    return found;
  }

  /** Forget the remembered neighbours of query words (benchmarks time cold lookups this way). */
  forgetQueries(): void {
    this.similarCache.clear();
  }

  private findSimilar(token: string, strict: boolean, person: boolean): TokenCandidate[] {
    const out: TokenCandidate[] = [];
    const exact = this.ids.get(token);
    if (exact !== undefined) out.push({ id: exact, token, similarity: 1, how: "exact" });
    if (isNumberToken(token)) return out;
    const sounds = new Set<number>();
    for (const key of new Set(doubleMetaphone(token))) {
      for (const id of (key && this.phonetic.get(key)) || []) sounds.add(id);
    }
    const seen = new Set<number>(exact === undefined ? [] : [exact]);
    const consider = (id: number, far = false) => {
      if (seen.has(id)) return;
      seen.add(id);
      const other = this.vocabulary[id] as string;
      const sim = spellingSimilarity(token, other, sounds.has(id), strict && !this.transliterated[id]);
      if (sim) out.push({ id, token: other, ...sim, ...(far && sim.how === "fuzzy" ? { far } : {}) });
    };
    for (const id of sounds) consider(id);
    if (token.length >= MIN_FUZZY_LENGTH) {
      const singles = deletions(token);
      for (const key of [token, ...singles]) this.deletes.forEach(key, consider);
      // A long word that met nothing within one edit gets a second: deletions of its deletions meet the
      // index's single deletions. Only then, because it costs a lookup per pair of letters; a person's name part
      // always, keeping what is within two edits.
      const long = out.length === 0 && token.length >= 8;
      if (long || person) {
        const near = (id: number) => {
          const other = this.vocabulary[id] as string;
          if (!seen.has(id) && withinEdits(token, other, PERSON_EDITS))
            consider(id, !withinEdits(token, other, 1));
        };
        const visit = long ? consider : near;
        for (const d of singles) for (const key of deletions(d)) this.deletes.forEach(key, visit);
        if (person) {
          // Two substitutions, or two letters the list has more: the list's double deletions meet ours.
          this.deepDeletes.forEach(token, near);
          for (const d of singles) {
            this.deepDeletes.forEach(d, near);
            for (const key of deletions(d)) this.deepDeletes.forEach(key, near);
          }
        }
      }
    }
    return out;
  }
}
