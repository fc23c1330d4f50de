/**
 * Deterministic screening queries made from a list's own names, the way they reach a screening desk: typing
 * mistakes, another word order, a dropped middle name or legal form, another transliteration, case and
 * punctuation noise; plus clean names of people and companies that are not on the list, for false alarms.
 * Every query carries the ids that count as a right answer, so any engine can be scored on the same set.
 */
import type { Entity } from "../src/model/entity.ts";
import companies from "./data/companies.json" with { type: "json" };
import { createRng, type Rng } from "./rng.ts";
import { randomCompany, randomPerson, renderPerson } from "./synthetic.ts";
import { fold, foldTokens, nameKey, naturalOrder } from "./text.ts";
import { caseNoise, punctuationNoise, type TypoKind, transliterate, typo } from "./variants.ts";

/** What was done to a listed name to make the query, or "non-listed". */
export type QueryKind = "clean" | "typo" | "reorder" | "drop" | "translit" | "noise" | "combo" | "non-listed";

/** One query with its answer key. */
export interface BenchQuery {
  query: string;
  /** Ids of entries that count as a right answer; empty for a name that is not on the list. */
  expected: string[];
  kind: QueryKind;
  /** The list name the query was made from (listed queries only). */
  source?: string;
}

/** How many queries of each sort to make, and from which seed. */
export interface QueryOptions {
  seed?: number;
  /** Queries made from listed names. */
  listed: number;
  /** Queries with names that are not on the list. */
  nonListed: number;
}

type Perturbation = Exclude<QueryKind, "non-listed">;
const KIND_WEIGHTS: Record<Perturbation, number> = {
  clean: 8,
  typo: 26,
  reorder: 12,
  drop: 12,
  translit: 22,
  noise: 10,
  combo: 10,
};
const TYPOS: TypoKind[] = ["substitution", "transposition", "deletion", "insertion"];

const LEGAL_TOKENS = new Set(companies.dropTokens);
// Tokens that only ever join a legal form ("S.A. DE C.V.", "SAN. VE TIC."); dropping them alone is not a legal form.
const GLUE_TOKENS = new Set(["de", "ve", "s", "a", "o", "z", "c", "v", "r", "l", "san", "tic"]);
const PREFIX_FORMS = new Set(["ooo", "oao", "zao", "ao", "pao", "fgup", "too", "tov", "pt", "jsc"]);

const squash = (word: string): string => fold(word).replace(/ /g, "");

/** A name's distinct words without legal forms: "CARILLANCA S.A." and "CARILLANCA C.A." are one name to a screener. */
function bareTokens(text: string): Set<string> {
  const all = foldTokens(text);
  const kept = all.filter((t) => !LEGAL_TOKENS.has(t));
  return new Set(kept.length ? kept : all);
}

/** Order-free identity of a name, legal forms aside. */
function bareKey(text: string): string {
  return [...bareTokens(text)].sort().join(" ");
}

/** Runs of 4+ Latin letters with their offsets: the words a typo or respelling can land on. */
function letterRuns(text: string): { at: number; word: string }[] {
  return [...text.matchAll(/[A-Za-z]{4,}/g)].map((m) => ({ at: m.index ?? 0, word: m[0] }));
}

function changeOneWord(
  text: string,
  rng: Rng,
  change: (word: string) => string | undefined,
): string | undefined {
  for (const { at, word } of rng.shuffle(letterRuns(text))) {
    const changed = change(word);
    if (changed && changed !== word) return text.slice(0, at) + changed + text.slice(at + word.length);
  }
  return undefined;
}

function words(text: string): string[] {
  return text.replace(/,/g, " ").split(/\s+/).filter(Boolean);
}

function reorder(name: string, rng: Rng): string | undefined {
  const w = words(name);
  if (w.length < 2) return undefined;
  let out: string[];
  switch (rng.int(3)) {
    case 0:
      out = [...w.slice(1), w[0] as string];
      break;
    case 1:
      out = [w[w.length - 1] as string, ...w.slice(0, -1)];
      break;
    default: {
      out = [...w];
      const i = rng.int(w.length);
      const j = (i + 1 + rng.int(w.length - 1)) % w.length;
      [out[i], out[j]] = [out[j] as string, out[i] as string];
    }
  }
  const result = out.join(" ");
  return result.toLowerCase() === w.join(" ").toLowerCase() ? undefined : result;
}

function dropLegalForm(name: string): string | undefined {
  const w = name.split(/\s+/).filter(Boolean);
  let end = w.length;
  let strong = false;
  while (end > 1 && LEGAL_TOKENS.has(squash(w[end - 1] as string))) {
    if (!GLUE_TOKENS.has(squash(w[end - 1] as string))) strong = true;
    end--;
  }
  if (!strong) end = w.length;
  const start = end - 1 > 0 && PREFIX_FORMS.has(squash(w[0] as string)) ? 1 : 0;
  if (start === 0 && end === w.length) return undefined;
  const kept = w.slice(start, end);
  if (!kept.some((x) => squash(x).length >= 3)) return undefined;
  return kept.join(" ").replace(/,$/, "");
}

function dropMiddle(name: string, isPerson: boolean, rng: Rng): string | undefined {
  if (!isPerson) {
    const bare = dropLegalForm(name);
    if (bare) return bare;
  }
  const comma = name.indexOf(",");
  if (comma >= 0) {
    const given = name
      .slice(comma + 1)
      .trim()
      .split(/\s+/);
    if (given.length < 2) return undefined;
    given.splice(1 + rng.int(given.length - 1), 1);
    return `${name.slice(0, comma)}, ${given.join(" ")}`;
  }
  const w = name.split(/\s+/).filter(Boolean);
  if (w.length < 3) return undefined;
  w.splice(1 + rng.int(w.length - 2), 1);
  return w.join(" ");
}

function noise(name: string, rng: Rng): string {
  let out = rng.chance(0.6) ? caseNoise(name, rng) : name;
  if (out === name || rng.chance(0.5)) out = punctuationNoise(out, rng);
  return out === name ? name.toLowerCase() : out;
}

function perturb(kind: Perturbation, name: string, isPerson: boolean, rng: Rng): string | undefined {
  switch (kind) {
    case "clean":
      return name;
    case "typo":
      return changeOneWord(name, rng, (w) => typo(w, rng, rng.pick(TYPOS)));
    case "reorder":
      return reorder(name, rng);
    case "drop":
      return dropMiddle(name, isPerson, rng);
    case "translit":
      return changeOneWord(name, rng, (w) => transliterate(w, rng));
    case "noise":
      return noise(name, rng);
    case "combo": {
      const first = rng.pick(["translit", "reorder", "drop"] as const);
      const step = perturb(first, name, isPerson, rng);
      return step ? perturb("typo", step, isPerson, rng) : undefined;
    }
  }
}

function usable(name: string): boolean {
  const tokens = foldTokens(name);
  return tokens.join("").length >= 4 && tokens.some((t) => t.length >= 3);
}

/**
 * Which candidate names are, for screening purposes, already on the list: one of the list's names has the same
 * words, all of the candidate's words, or (with 2+ words) only words of the candidate, legal forms aside. An
 * engine that flags those is right to, so they cannot serve as "not listed". One pass over the list.
 */
export function listedLike(candidates: readonly string[], entities: readonly Entity[]): boolean[] {
  const sets = candidates.map(bareTokens);
  const byToken = new Map<string, number[]>();
  sets.forEach((set, i) => {
    for (const t of set) {
      const list = byToken.get(t);
      if (list) list.push(i);
      else byToken.set(t, [i]);
    }
  });
  const flagged = new Array<boolean>(candidates.length).fill(false);
  const seen = new Set<number>();
  for (const entity of entities) {
    for (const name of entity.names) {
      const tokens = bareTokens(name.full);
      seen.clear();
      for (const t of tokens) {
        for (const i of byToken.get(t) ?? []) {
          if (flagged[i] || seen.has(i)) continue;
          seen.add(i);
          const q = sets[i] as Set<string>;
          const queryInName = [...q].every((x) => tokens.has(x));
          const nameInQuery = tokens.size >= 2 && [...tokens].every((x) => q.has(x));
          if (queryInName || nameInQuery) flagged[i] = true;
        }
      }
    }
  }
  return flagged;
}

/** A clean person or company name in the style people type it (natural order; Title, UPPER or lower case). */
function unlistedCandidate(rng: Rng): string {
  const name = rng.chance(0.7) ? renderPerson(randomPerson(rng), "natural") : randomCompany(rng);
  const style = rng.next();
  return style < 0.6 ? name : style < 0.9 ? name.toUpperCase() : name.toLowerCase();
}

/**
 * Clean names that are not on the list (see listedLike), `count` of them if the tables allow. Each round is a
 * pass over the whole list, so batches grow with the share rejected: on a dense million-entry list most random
 * names have a listed near-twin.
 */
export function nonListedNames(entities: readonly Entity[], count: number, rng: Rng): string[] {
  const out: string[] = [];
  const keys = new Set<string>();
  let acceptance = 0.5;
  for (let round = 0; out.length < count && round < 12; round++) {
    const size = Math.min(200_000, Math.ceil(((count - out.length) / Math.max(acceptance, 0.01)) * 1.3) + 10);
    const batch: string[] = [];
    for (let tries = 0; batch.length < size && tries < size * 20; tries++) {
      const c = unlistedCandidate(rng);
      const key = nameKey(c);
      if (foldTokens(c).length < 2 || keys.has(key)) continue;
      keys.add(key);
      batch.push(c);
    }
    const flagged = listedLike(batch, entities);
    const accepted = batch.filter((_, i) => !flagged[i]);
    acceptance = accepted.length / Math.max(1, batch.length);
    out.push(...accepted.slice(0, count - out.length));
  }
  return out;
}

/** Listed-name queries and non-listed names, shuffled together; the same for the same seed and list. */
export function generateQueries(entities: readonly Entity[], options: QueryOptions): BenchQuery[] {
  const rng = createRng(options.seed ?? 20210701);
  const listed: BenchQuery[] = [];
  for (let guard = 0; listed.length < options.listed && guard < options.listed * 20; guard++) {
    const entity = rng.pick(entities);
    const names = entity.names.filter((n) => usable(n.full));
    if (names.length === 0) continue;
    const primary = names.find((n) => n.kind === "primary");
    const source = (primary && rng.chance(0.65) ? primary : rng.pick(names)).full;
    const isPerson = entity.schema === "Person";
    const base = isPerson && rng.chance(0.7) ? naturalOrder(source) : source;
    let kind = rng.weighted(KIND_WEIGHTS);
    let query = perturb(kind, base, isPerson, rng);
    for (let retry = 0; query === undefined && retry < 4; retry++) {
      kind = rng.weighted(KIND_WEIGHTS);
      query = perturb(kind, base, isPerson, rng);
    }
    if (query === undefined || !usable(query)) continue;
    if (kind !== "clean" && kind !== "noise" && rng.chance(0.2)) query = caseNoise(query, rng);
    listed.push({ query, expected: [entity.id], kind, source });
  }
  addEquivalentAnswers(listed, entities);
  const unlisted: BenchQuery[] = nonListedNames(entities, options.nonListed, rng).map((query) => ({
    query,
    expected: [],
    kind: "non-listed",
  }));
  return rng.shuffle([...listed, ...unlisted]);
}

/**
 * The list can hold the same name more than once (namesakes, a vessel and its owner, one firm in two
 * countries with two legal forms), and a changed query can land exactly on another entry's name: each of those
 * entries is a right answer too. Names compare by their words, without order and without legal forms.
 */
function addEquivalentAnswers(queries: BenchQuery[], entities: readonly Entity[]): void {
  const wanted = new Map<string, BenchQuery[]>();
  const want = (key: string, q: BenchQuery) => {
    const list = wanted.get(key);
    if (list) list.push(q);
    else wanted.set(key, [q]);
  };
  for (const q of queries) {
    want(bareKey(q.source ?? ""), q);
    want(bareKey(q.query), q);
  }
  for (const entity of entities) {
    for (const name of entity.names) {
      for (const q of wanted.get(bareKey(name.full)) ?? []) {
        if (!q.expected.includes(entity.id)) q.expected.push(entity.id);
      }
    }
  }
}
