import type { Entity, NameKind } from "../model/entity.ts";
import { tokenize } from "../names/normalize.ts";
import { jaroWinkler } from "./jaro-winkler.ts";

/** One indexed name of one entity. */
export interface IndexedName {
  entity: number;
  full: string;
  kind: NameKind;
  tokens: string[];
}

/** A list token that resembles a query token. */
export interface TokenCandidate {
  token: string;
  similarity: number;
}

/** Tokens at least this similar count as the same token with a spelling difference. */
export const FUZZY_TOKEN_MIN = 0.84;
/** Words shorter than this only match exactly: Jaro-Winkler is too generous to them. */
export const MIN_FUZZY_LENGTH = 4;

const DIGIT = /\d/;

/** Shorter numbers are too likely to collide across issuers to identify anyone. */
export const MIN_IDENTIFIER_LENGTH = 4;

/** Identifier numbers compare without case, spaces or punctuation ("AB 123-45" = "ab12345"). */
export function normalizeIdentifier(number: string): string {
  return number.toUpperCase().replace(/[^0-9A-Z]/g, "");
}

function bigrams(token: string): string[] {
  const padded = `^${token}$`;
  const out: string[] = [];
  for (let i = 0; i < padded.length - 1; i++) out.push(padded.slice(i, i + 2));
  return out;
}

/**
 * Inverted index over every name of every entity: token → names, and a bigram index over the token
 * vocabulary so that misspelt tokens find their candidates without a scan of the whole list.
 */
export class NameIndex {
  readonly entities: Entity[];
  readonly names: IndexedName[] = [];
  private readonly postings = new Map<string, number[]>();
  private readonly vocabulary: string[] = [];
  private readonly bigramPostings = new Map<string, number[]>();
  private readonly identifiers = new Map<string, number[]>();

  constructor(entities: Entity[]) {
    this.entities = entities;
    entities.forEach((entity, e) => {
      const seen = new Set<string>();
      for (const name of entity.names) {
        const tokens = tokenize(name.full);
        const key = tokens.join(" ");
        if (tokens.length === 0 || seen.has(key)) continue;
        seen.add(key);
        const n = this.names.push({ entity: e, full: name.full, kind: name.kind, tokens }) - 1;
        for (const token of new Set(tokens)) this.addPosting(token, n);
      }
      for (const id of entity.identifiers) {
        const key = normalizeIdentifier(id.number);
        if (key.length < MIN_IDENTIFIER_LENGTH) continue;
        const list = this.identifiers.get(key) ?? [];
        if (!list.includes(e)) list.push(e);
        this.identifiers.set(key, list);
      }
    });
  }

  private addPosting(token: string, nameIndex: number): void {
    let list = this.postings.get(token);
    if (!list) {
      list = [];
      this.postings.set(token, list);
      const v = this.vocabulary.push(token) - 1;
      for (const gram of new Set(bigrams(token))) {
        let grams = this.bigramPostings.get(gram);
        if (!grams) {
          grams = [];
          this.bigramPostings.set(gram, grams);
        }
        grams.push(v);
      }
    }
    list.push(nameIndex);
  }

  /** Entities that carry an identifier with this number (compared without spaces, dashes or case). */
  entitiesWithIdentifier(number: string): readonly number[] {
    return this.identifiers.get(normalizeIdentifier(number)) ?? [];
  }

  /** Names that contain a token. */
  namesWith(token: string): readonly number[] {
    return this.postings.get(token) ?? [];
  }

  /** Number of names that contain a token (its document frequency). */
  frequency(token: string): number {
    return this.postings.get(token)?.length ?? 0;
  }

  /**
   * List tokens similar to a query token: the token itself, and for tokens of 4+ letters without digits,
   * vocabulary tokens sharing enough bigrams whose Jaro-Winkler similarity reaches FUZZY_TOKEN_MIN.
   */
  similarTokens(token: string): TokenCandidate[] {
    const out: TokenCandidate[] = [];
    if (this.postings.has(token)) out.push({ token, similarity: 1 });
    if (token.length < MIN_FUZZY_LENGTH || DIGIT.test(token)) return out;
    const grams = [...new Set(bigrams(token))];
    const needed = Math.max(1, Math.floor(grams.length / 3));
    const counts = new Map<number, number>();
    for (const gram of grams) {
      for (const v of this.bigramPostings.get(gram) ?? []) counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    for (const [v, count] of counts) {
      if (count < needed) continue;
      const other = this.vocabulary[v] as string;
      if (other === token || other.length < MIN_FUZZY_LENGTH || Math.abs(other.length - token.length) > 3)
        continue;
      if (DIGIT.test(other)) continue;
      const similarity = jaroWinkler(token, other);
      if (similarity >= FUZZY_TOKEN_MIN) out.push({ token: other, similarity });
    }
    return out;
  }
}
