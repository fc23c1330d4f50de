import type { Entity, NameKind, Schema } from "../model/entity.ts";
import { tokenize } from "../names/normalize.ts";
import { type Adjustment, factAdjustments, identifierMatch } from "./facts.ts";
import type { IndexedName, NameIndex } from "./name-index.ts";
import { type NameScore, scoreTokens, tokenWeight } from "./score.ts";
import type { Explanation, Hit, QueryType, ScreenOptions, ScreenQuery } from "./types.ts";

/** Score at which a hit is a match that a reviewer must look at. */
export const ALERT_THRESHOLD = 0.85;
export const DEFAULT_MIN_SCORE = 0.7;
export const DEFAULT_LIMIT = 10;

const WEAK_ALIAS_PENALTY = 0.05;
/** A query made only of legal forms, particles and generic words cannot be a match on its name alone. */
export const GENERIC_QUERY_FACTOR = 0.6;
/** An exact identifier match makes a hit at least this strong, whatever the name says. */
export const IDENTIFIER_FLOOR = 0.95;

const SCHEMAS: Record<QueryType, Schema[]> = {
  person: ["Person", "LegalEntity"],
  organization: ["Organization", "LegalEntity"],
  vessel: ["Vessel"],
  aircraft: ["Aircraft"],
};

const KIND_LABEL: Record<NameKind, string> = {
  primary: "primary name",
  aka: "alias (a.k.a.)",
  "weak-aka": "weak alias",
  fka: "former name (f.k.a.)",
  nka: "new name (n.k.a.)",
};

function candidateNames(index: NameIndex, tokens: string[]): Set<number> {
  // Names that share only a legal form or particle with the query cannot reach a useful score.
  const informative = tokens.filter((t) => tokenWeight(t) === 1);
  const probe = informative.length > 0 ? informative : tokens;
  const out = new Set<number>();
  for (const token of new Set(probe)) {
    for (const similar of index.similarTokens(token)) {
      for (const n of index.namesWith(similar.token)) out.add(n);
    }
  }
  return out;
}

function describe(name: IndexedName, result: NameScore, adjustments: Adjustment[], score: number): string {
  const parts = result.pairs.map((p) =>
    p.how === "exact"
      ? `"${p.query}" = "${p.candidate}"`
      : `"${p.query}" ≈ "${p.candidate}" (${p.how}, ${p.similarity.toFixed(2)})`,
  );
  let text = `Query matched the ${KIND_LABEL[name.kind]} "${name.full}": ${parts.join(", ") || "no tokens"}`;
  if (result.unmatchedQuery.length) text += `; query words not found: ${result.unmatchedQuery.join(" ")}`;
  if (result.unmatchedCandidate.length)
    text += `; list words not in query: ${result.unmatchedCandidate.join(" ")}`;
  for (const a of adjustments) text += `; ${a.reason} (${a.delta > 0 ? "+" : ""}${a.delta.toFixed(2)})`;
  return `${text}. Score ${score.toFixed(2)}.`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Screen one query against an index: hits sorted by score, each with its explanation. */
export function screen(index: NameIndex, query: ScreenQuery, options: ScreenOptions = {}): Hit[] {
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const limit = options.limit ?? DEFAULT_LIMIT;
  const threshold = options.threshold ?? ALERT_THRESHOLD;
  const tokens = tokenize(query.name);
  if (tokens.length === 0) return [];
  const allowed = query.type ? SCHEMAS[query.type] : undefined;
  const genericOnly = tokens.every((t) => tokenWeight(t) < 1);

  const best = new Map<number, { name: IndexedName; result: NameScore; nameScore: number }>();
  for (const n of candidateNames(index, tokens)) {
    const name = index.names[n] as IndexedName;
    const entity = index.entities[name.entity] as Entity;
    if (allowed && !allowed.includes(entity.schema)) continue;
    const result = scoreTokens(tokens, name.tokens);
    const nameScore = result.score - (name.kind === "weak-aka" ? WEAK_ALIAS_PENALTY : 0);
    const current = best.get(name.entity);
    if (!current || nameScore > current.nameScore) best.set(name.entity, { name, result, nameScore });
  }
  // Entries that carry the query's identifier are hits even when their names differ.
  if (query.id) {
    for (const e of index.entitiesWithIdentifier(query.id)) {
      const entity = index.entities[e] as Entity;
      if (best.has(e) || (allowed && !allowed.includes(entity.schema))) continue;
      const names = index.names.filter((n) => n.entity === e);
      const name = names.find((n) => n.kind === "primary") ?? names[0];
      if (name) best.set(e, { name, result: scoreTokens(tokens, name.tokens), nameScore: 0 });
    }
  }

  const hits: Hit[] = [];
  for (const [e, { name, result, nameScore }] of best) {
    const entity = index.entities[e] as Entity;
    const facts = factAdjustments(query, entity);
    if (genericOnly) {
      facts.unshift({
        reason: `the query has only generic words (${tokens.join(" ")}): name score × ${GENERIC_QUERY_FACTOR}`,
        delta: -nameScore * (1 - GENERIC_QUERY_FACTOR),
      });
    }
    const factDelta = facts.reduce((s, a) => s + a.delta, 0);
    // The weak-alias penalty is already inside nameScore; it is listed so the explanation adds up.
    const adjustments: Adjustment[] =
      name.kind === "weak-aka"
        ? [{ reason: "matched a weak alias", delta: -WEAK_ALIAS_PENALTY }, ...facts]
        : facts;
    let raw = Math.min(1, Math.max(0, nameScore + factDelta));
    if (identifierMatch(query, entity) && raw < IDENTIFIER_FLOOR) {
      adjustments.push({
        reason: `an exact identifier match lifts the score to ${IDENTIFIER_FLOOR}`,
        delta: IDENTIFIER_FLOOR - raw,
      });
      raw = IDENTIFIER_FLOOR;
    }
    const score = round(raw);
    if (score < minScore) continue;
    const explanation: Explanation = {
      summary: describe(name, result, adjustments, score),
      matchedName: name.full,
      matchedNameKind: name.kind,
      pairs: result.pairs.map((p) => ({ ...p, similarity: round(p.similarity) })),
      unmatchedQuery: result.unmatchedQuery,
      unmatchedCandidate: result.unmatchedCandidate,
      nameScore: round(result.score),
      adjustments,
    };
    hits.push({
      id: entity.id,
      source: entity.source,
      sourceId: entity.sourceId,
      schema: entity.schema,
      name: entity.names.find((x) => x.kind === "primary")?.full ?? name.full,
      matchedName: name.full,
      score,
      match: score >= threshold,
      programs: entity.programs,
      ...(entity.listVersion !== undefined ? { listVersion: entity.listVersion } : {}),
      explanation,
    });
  }
  hits.sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
  return hits.slice(0, limit);
}
