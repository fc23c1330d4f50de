import lowWeight from "../../resources/low-weight-tokens.json" with { type: "json" };
import { jaroWinkler } from "./jaro-winkler.ts";
import { FUZZY_TOKEN_MIN, MIN_FUZZY_LENGTH } from "./name-index.ts";
import type { TokenPair } from "./types.ts";

const LOW_WEIGHT = new Set(lowWeight.tokens);

const DIGIT = /\d/;
const INITIAL_SIMILARITY = 0.6;

/** How much a token says about who a party is: legal forms and particles say little. */
export function tokenWeight(token: string): number {
  if (LOW_WEIGHT.has(token)) return lowWeight.weight;
  if (token.length === 1) return 0.5;
  return 1;
}

/** Similarity of two normalised tokens, and how it was reached; null when they do not correspond. */
export function tokenSimilarity(q: string, c: string): Omit<TokenPair, "query" | "candidate"> | null {
  if (q === c) return { similarity: 1, how: "exact" };
  // Numbers are identifiers (11420 CORP is not 11421 CORP): only an exact match counts.
  if (DIGIT.test(q) || DIGIT.test(c)) return null;
  if ((q.length === 1 && c.startsWith(q)) || (c.length === 1 && q.startsWith(c))) {
    // An initial agrees with many names: it supports a match but is far from proof.
    return { similarity: INITIAL_SIMILARITY, how: "initial" };
  }
  // Jaro-Winkler is generous to short words ("ali" ~ "wali" = 0.92): short words must match exactly.
  if (q.length < MIN_FUZZY_LENGTH || c.length < MIN_FUZZY_LENGTH) return null;
  const jw = jaroWinkler(q, c);
  if (jw < FUZZY_TOKEN_MIN) return null;
  // Stretch the scale so that a spelling difference always costs more than it does in raw Jaro-Winkler,
  // and an exact word beats a near one: 0.98 → 0.96, 0.92 → 0.84, 0.84 → 0.68.
  return { similarity: 2 * jw - 1, how: "fuzzy" };
}

/** Result of aligning a query's tokens with one list name's tokens. */
export interface NameScore {
  score: number;
  pairs: TokenPair[];
  unmatchedQuery: string[];
  unmatchedCandidate: string[];
}

/** Share of the query that a list name covers; the query side counts more than extra list tokens. */
const QUERY_SIDE = 0.75;

/**
 * Score two token sequences by an order-free, one-to-one alignment (greedy on similarity), weighting
 * each side by how informative its tokens are.
 */
export function scoreTokens(query: string[], candidate: string[]): NameScore {
  const options: TokenPair[] = [];
  for (const q of query) {
    for (const c of candidate) {
      const sim = tokenSimilarity(q, c);
      if (sim) options.push({ query: q, candidate: c, ...sim });
    }
  }
  options.sort((a, b) => b.similarity - a.similarity);
  const usedQ = new Array<boolean>(query.length).fill(false);
  const usedC = new Array<boolean>(candidate.length).fill(false);
  const pairs: TokenPair[] = [];
  let coveredQ = 0;
  let coveredC = 0;
  for (const option of options) {
    const qi = query.findIndex((t, i) => !usedQ[i] && t === option.query);
    const ci = candidate.findIndex((t, i) => !usedC[i] && t === option.candidate);
    if (qi < 0 || ci < 0) continue;
    usedQ[qi] = true;
    usedC[ci] = true;
    pairs.push(option);
    coveredQ += option.similarity * tokenWeight(option.query);
    coveredC += option.similarity * tokenWeight(option.candidate);
  }
  const totalQ = query.reduce((s, t) => s + tokenWeight(t), 0);
  const totalC = candidate.reduce((s, t) => s + tokenWeight(t), 0);
  const score =
    totalQ === 0 || totalC === 0
      ? 0
      : QUERY_SIDE * (coveredQ / totalQ) + (1 - QUERY_SIDE) * (coveredC / totalC);
  return {
    score,
    pairs,
    unmatchedQuery: query.filter((_, i) => !usedQ[i]),
    unmatchedCandidate: candidate.filter((_, i) => !usedC[i]),
  };
}
