import { type Entity, type NameKind, type Schema, SOURCE_IDS, type SourceId } from "../model/entity.ts";
import { analyzeName, hasVesselPrefix, type NameVariant, type TokenKind } from "../names/analyze.ts";
import {
  foreignForms,
  isLegalFormToken,
  type LegalFormInfo,
  legalFormInfo,
  legalFormShortName,
} from "../names/legal-forms.ts";
import { fatherNames, nicknameReadings, swapsFatherName } from "../names/person-parts.ts";
import { detectScript } from "../names/script.ts";
import { type Adjustment, factAdjustments, identifierMatch } from "./facts.ts";
import { type NameIndex, type NameRecord, PARTY_PERSON } from "./name-index.ts";
import { sameScriptSimilarity, syllabicScript } from "./same-script.ts";
import { screenOfac } from "./screen-ofac.ts";
import {
  INITIAL_SIMILARITY,
  MIN_FUZZY_LENGTH,
  NICKNAME_SIMILARITY,
  spellingSimilarity,
  type TokenMatchHow,
  withinEdits,
} from "./token-sim.ts";
import type { Explanation, Hit, QueryType, ScreenOptions, ScreenQuery, TokenPair } from "./types.ts";

/** Score at which a hit is a match that a reviewer must look at. */
export const ALERT_THRESHOLD = 0.85;
export const DEFAULT_MIN_SCORE = 0.7;
export const DEFAULT_LIMIT = 10;

const WEAK_ALIAS_PENALTY = 0.05;
/** A query made only of legal forms, particles and generic words cannot be a match on its name alone. */
export const GENERIC_QUERY_FACTOR = 0.6;
/** An exact identifier match makes a hit at least this strong, whatever the name says. */
export const IDENTIFIER_FLOOR = 0.95;
/** A given name and a father's name swapped (X bin Y / Y bin X) lower a person match by this much. */
export const FATHER_SWAP_PENALTY = 0.25;

/** Legal forms of different countries on the two sides (GmbH, Sdn. Bhd.) lower a match by this much. */
export const FOREIGN_FORM_PENALTY = 0.1;

/** A legal form's short name and its countries, for explanations: "GmbH (DE/AT/CH/LI)". */
function formName(form: LegalFormInfo): string {
  return `${legalFormShortName(form)} in ${(form.countries ?? []).join("/")}`;
}

/** A list entry of another kind than the query asked for (a company for a person) loses this much. */
export const SCHEMA_MISMATCH_PENALTY = 0.2;
/** Share of the score that comes from covering the query (the rest from covering the list name). */
const QUERY_SIDE = 0.65;
/** For organisations an extra word on either side usually means another organisation: both sides count alike. */
const ORG_QUERY_SIDE = 0.5;
/** Words of a person's list name the query leaves out (middle names, patronymics) cost half. */
const PERSON_EXTRA_TOKEN_FACTOR = 0.5;
/** At most this many name records are aligned in full per query; the rest are ranked out by their bound. */
const MAX_ALIGNED = 150;
const JOINED_SIMILARITY = 0.95;

const SCHEMAS: Record<QueryType, Schema[]> = {
  person: ["Person", "LegalEntity"],
  organization: ["Organization", "LegalEntity"],
  vessel: ["Vessel"],
  aircraft: ["Aircraft"],
};
const QUERY_SCHEMA: Record<QueryType, Schema> = {
  person: "Person",
  organization: "Organization",
  vessel: "Vessel",
  aircraft: "Aircraft",
};

const KIND_LABEL: Record<NameKind, string> = {
  primary: "primary name",
  aka: "alias (a.k.a.)",
  "weak-aka": "weak alias",
  fka: "former name (f.k.a.)",
  nka: "new name (n.k.a.)",
};

interface QueryToken {
  text: string;
  kind: TokenKind;
  weight: number;
  /** List token id → how it corresponds to this query token. */
  matches: Map<number, { similarity: number; how: TokenMatchHow; far?: boolean }>;
}

interface QueryVariant {
  reading: string;
  tokens: QueryToken[];
  totalWeight: number;
  /** True when this variant joined or split query words to meet the list's spelling. */
  rejoined: boolean;
  /** True when the query is written in another script than Latin, and this is a reading of it. */
  read: boolean;
}

interface Alignment {
  score: number;
  pairs: TokenPair[];
  unmatchedQuery: string[];
  unmatchedCandidate: string[];
  variant: QueryVariant;
}

function queryVariant(
  index: NameIndex,
  v: NameVariant,
  strict: boolean,
  rejoined: boolean,
  person: boolean,
  read: boolean,
): QueryVariant {
  const tokens = v.tokens.map((text, i): QueryToken => {
    const kind = v.kinds[i] ?? "word";
    const matches = new Map<number, { similarity: number; how: TokenMatchHow; far?: boolean }>();
    if (kind === "initial") {
      // A single letter only meets the same letter here; initials of longer words are matched when aligning.
      const id = index.idOf(text);
      if (id !== undefined) matches.set(id, { similarity: 1, how: "exact" });
    } else {
      for (const c of index.similarTokens(text, strict, person)) {
        matches.set(c.id, {
          similarity: c.similarity,
          how: rejoined && c.how === "exact" ? "joined" : c.how,
          ...(c.far ? { far: true } : {}),
        });
      }
    }
    return { text, kind, weight: index.queryWeight(text, kind), matches };
  });
  if (rejoined) {
    for (const t of tokens) {
      for (const [id, m] of t.matches) {
        if (m.how === "joined") t.matches.set(id, { similarity: JOINED_SIMILARITY, how: "joined" });
      }
    }
  }
  return {
    reading: v.reading,
    tokens,
    totalWeight: tokens.reduce((s, t) => s + t.weight, 0),
    rejoined,
    read,
  };
}

/** Other segmentations of the query that the list knows: joined neighbours (AL QAIDA → ALQAIDA) and splits. */
function resegmentations(index: NameIndex, v: NameVariant): NameVariant[] {
  const out: NameVariant[] = [];
  for (let i = 0; i + 1 < v.tokens.length && out.length < 3; i++) {
    const joined = `${v.tokens[i]}${v.tokens[i + 1]}`;
    if (index.idOf(joined) === undefined) continue;
    const tokens = [...v.tokens.slice(0, i), joined, ...v.tokens.slice(i + 2)];
    const kinds: TokenKind[] = [...v.kinds.slice(0, i), "word", ...v.kinds.slice(i + 2)];
    out.push({ reading: tokens.join(" "), tokens, kinds, part: v.part });
  }
  v.tokens.forEach((token, i) => {
    if (token.length < 5 || index.idOf(token) !== undefined || out.length >= 6) return;
    for (let cut = 2; cut <= token.length - 2; cut++) {
      const a = token.slice(0, cut);
      const b = token.slice(cut);
      if (index.idOf(a) === undefined || index.idOf(b) === undefined) continue;
      const tokens = [...v.tokens.slice(0, i), a, b, ...v.tokens.slice(i + 1)];
      const kinds: TokenKind[] = [...v.kinds.slice(0, i), "word", "word", ...v.kinds.slice(i + 1)];
      out.push({ reading: tokens.join(" "), tokens, kinds, part: v.part });
      break;
    }
  });
  return out;
}

/** Scripts read syllable by syllable, whose Latin spellings join syllables into words in their own places. */
const SYLLABLE_READINGS = new Set(["Mymr"]);

/**
 * The query's syllables joined into the words the list knows, exactly or within a spelling difference
 * (ya ta nar min ga lar → yatanar mingalar, meeting YADANAR MINGALAR): longest runs first, left to right.
 */
function syllableRuns(index: NameIndex, v: NameVariant): NameVariant | undefined {
  const tokens: string[] = [];
  const kinds: TokenKind[] = [];
  let joinedAny = false;
  for (let i = 0; i < v.tokens.length; ) {
    let taken = 1;
    for (let len = Math.min(MAX_RUN, v.tokens.length - i); len >= 2; len--) {
      if (v.kinds.slice(i, i + len).some((k) => k !== "word")) continue;
      const joined = v.tokens.slice(i, i + len).join("");
      if (joined.length < MIN_FUZZY_LENGTH) continue;
      if (index.idOf(joined) !== undefined || index.similarTokens(joined).length > 0) {
        taken = len;
        break;
      }
    }
    tokens.push(v.tokens.slice(i, i + taken).join(""));
    kinds.push(taken > 1 ? "word" : (v.kinds[i] ?? "word"));
    joinedAny ||= taken > 1;
    i += taken;
  }
  return joinedAny ? { reading: tokens.join(" "), tokens, kinds, part: v.part } : undefined;
}

const HOWS: TokenMatchHow[] = ["exact", "phonetic", "fuzzy", "initial", "joined", "nickname"];
/** Added to a pair's HOWS code when its words are two edits apart. */
const FAR = 8;
// Reused between calls: aligning allocates nothing per candidate when no explanation is asked for.
let optSim = new Float64Array(64);
let optPair = new Int32Array(64);
let optHow = new Uint8Array(64);
let usedQ = new Uint8Array(16);
let usedC = new Uint8Array(32);
let leftWeightsQ = new Float64Array(16);
let leftWeightsC = new Float64Array(32);

/** Sort the first n values, largest first, in place (insertion sort: a name has a few words). */
function sortDescending(values: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const v = values[i] as number;
    let k = i;
    while (k > 0 && (values[k - 1] as number) < v) {
      values[k] = values[k - 1] as number;
      k--;
    }
    values[k] = v;
  }
}

function grow(n: number): void {
  if (n <= optSim.length) return;
  const size = Math.max(n, optSim.length * 2);
  optSim = new Float64Array(size);
  optPair = new Int32Array(size);
  optHow = new Uint8Array(size);
}

/**
 * Align a query variant with one list name, one to one in any order, greedily by similarity. Without
 * `detail` only the score is computed; with it, the pairs and unmatched words for the explanation too.
 */
function align(
  index: NameIndex,
  q: QueryVariant,
  record: NameRecord,
  person: boolean,
  detail = false,
): Alignment {
  const ctoks = record.tokens;
  const nq = q.tokens.length;
  const nc = ctoks.length;
  grow(nq * nc);
  let n = 0;
  for (let qi = 0; qi < nq; qi++) {
    const qt = q.tokens[qi] as QueryToken;
    for (let ci = 0; ci < nc; ci++) {
      const id = ctoks[ci] as number;
      const m = qt.matches.get(id);
      let sim = 0;
      let how = 0;
      if (m) {
        sim = m.similarity;
        how = HOWS.indexOf(m.how) + (m.far ? FAR : 0);
      } else if (person) {
        const ct = index.vocabulary[id] as string;
        if (
          (qt.kind === "initial" && ct.startsWith(qt.text)) ||
          (index.kind(id) === "initial" && qt.text.startsWith(ct))
        ) {
          sim = INITIAL_SIMILARITY;
          how = 3;
        }
      }
      if (sim === 0) continue;
      // Insertion sort by similarity, highest first: the lists are short.
      let k = n++;
      while (k > 0 && (optSim[k - 1] as number) < sim) {
        optSim[k] = optSim[k - 1] as number;
        optPair[k] = optPair[k - 1] as number;
        optHow[k] = optHow[k - 1] as number;
        k--;
      }
      optSim[k] = sim;
      optPair[k] = qi * 65536 + ci;
      optHow[k] = how;
    }
  }
  if (usedQ.length < nq) usedQ = new Uint8Array(nq * 2);
  if (usedC.length < nc) usedC = new Uint8Array(nc * 2);
  if (leftWeightsQ.length < nq) leftWeightsQ = new Float64Array(nq * 2);
  if (leftWeightsC.length < nc) leftWeightsC = new Float64Array(nc * 2);
  const pairs: TokenPair[] = [];
  let coveredQ = 0;
  let coveredC = 0;
  let pairsMade = 0;
  // Words written apart on one side and together on the other, letter for letter (O DOYLE / O'DOYLE, MYONGC-HIN
  // / MYONG-CHIN), pair before single words that only resemble them do: among words with no equal of their own.
  const joins = nq + nc >= 3 ? exactJoins(index, q, ctoks, n) : undefined;
  // A name part two letters away counts only beside one that is the same (Keir Starkey / Keir Starmer, not
  // Micha Rubben / Michael Rueben): when none is, the pairs are made again without it.
  for (let pass = 0, skipFar = false; pass < 2; pass++) {
    usedQ.fill(0, 0, nq);
    usedC.fill(0, 0, nc);
    pairs.length = 0;
    coveredQ = 0;
    coveredC = 0;
    pairsMade = 0;
    let far = 0;
    let same = 0;
    for (const join of joins ?? []) {
      const covered = markRun(index, q, ctoks, join);
      coveredQ += covered.query;
      coveredC += covered.list;
      pairsMade++;
      if (detail) pairs.push(runPair(index, q, ctoks, join));
    }
    for (let k = 0; k < n; k++) {
      const qi = Math.floor((optPair[k] as number) / 65536);
      const ci = (optPair[k] as number) % 65536;
      const code = optHow[k] as number;
      if (usedQ[qi] || usedC[ci] || (skipFar && code >= FAR)) continue;
      usedQ[qi] = 1;
      usedC[ci] = 1;
      pairsMade++;
      const qt = q.tokens[qi] as QueryToken;
      const cid = ctoks[ci] as number;
      const sim = optSim[k] as number;
      if (code >= FAR) far++;
      else if (code === 0 && qt.kind === "word") same++;
      if (detail) {
        pairs.push({
          query: qt.text,
          candidate: index.vocabulary[cid] as string,
          similarity: sim,
          how: HOWS[code % FAR] as TokenMatchHow,
        });
      }
      coveredQ += sim * qt.weight;
      coveredC += sim * index.weight(cid);
    }
    if (far === 0 || same > 0) break;
    skipFar = true;
  }
  // Words split or joined differently on the two sides, and spelt a little differently too, where one side is
  // read from another script whose words the Latin spelling cuts elsewhere: runs of unmatched neighbours read
  // together, one side against the other (ya ta nar / YADANAR, MYA KHINE / mya khaing).
  if (
    pairsMade < nq &&
    pairsMade < nc &&
    (nq - pairsMade >= 2 || nc - pairsMade >= 2) &&
    (q.read || index.transliteratedAny(ctoks)) &&
    mayJoin(index, q, ctoks)
  ) {
    for (let qi = 0; qi < nq; qi++)
      joinQ[qi] = !usedQ[qi] && joinable((q.tokens[qi] as QueryToken).kind) ? 1 : 0;
    for (let ci = 0; ci < nc; ci++)
      joinC[ci] = !usedC[ci] && joinable(index.kind(ctoks[ci] as number)) ? 1 : 0;
    for (const join of findJoins(index, q, ctoks, false)) {
      const covered = markRun(index, q, ctoks, join);
      coveredQ += covered.query;
      coveredC += covered.list;
      if (detail) pairs.push(runPair(index, q, ctoks, join));
    }
  }
  const side = person ? QUERY_SIDE : ORG_QUERY_SIDE;
  let matchedC = 0;
  let extraC = 0;
  let leftC = 0;
  const unmatchedCandidate: string[] = [];
  for (let ci = 0; ci < nc; ci++) {
    const cid = ctoks[ci] as number;
    const w = index.weight(cid);
    if (usedC[ci]) matchedC += w;
    else {
      extraC += w;
      if (person) leftWeightsC[leftC++] = w;
      if (detail) unmatchedCandidate.push(index.vocabulary[cid] as string);
    }
  }
  let matchedQ = 0;
  let matchedWords = 0;
  let leftQ = 0;
  for (let qi = 0; qi < nq; qi++) {
    const t = q.tokens[qi] as QueryToken;
    if (!usedQ[qi]) {
      if (person) leftWeightsQ[leftQ++] = t.weight;
      continue;
    }
    matchedQ += t.weight;
    if (t.kind === "word") matchedWords++;
  }
  const extraQ = Math.max(0, q.totalWeight - matchedQ);
  let totalQ = q.totalWeight;
  let totalC = matchedC + extraC;
  if (person) {
    // A name one side has and the other lacks (a middle name, a patronymic) is weak evidence of another
    // person; a name where the other side has a different one (Ahmad bin Hasan / bin Omar) is strong evidence.
    // Only where two names agree: a full name does not become a one-word alias with extra words.
    // Unmatched names pair up one to one, heaviest first; a pair is one name contradicted, and weighs as its
    // more telling side (ABDUL where the list has WALI is a different name, not a missing particle).
    const pairs = Math.min(leftQ, leftC);
    let replaced = 0;
    let pairedQ = 0;
    let pairedC = 0;
    if (pairs > 0) {
      sortDescending(leftWeightsQ, leftQ);
      sortDescending(leftWeightsC, leftC);
      for (let k = 0; k < pairs; k++) {
        const wq = leftWeightsQ[k] as number;
        const wc = leftWeightsC[k] as number;
        replaced += Math.max(wq, wc);
        pairedQ += wq;
        pairedC += wc;
      }
    }
    const queryExtra = matchedWords >= 2 ? PERSON_EXTRA_TOKEN_FACTOR : 1;
    totalQ = matchedQ + replaced + queryExtra * Math.max(0, extraQ - pairedQ);
    totalC = matchedC + replaced + PERSON_EXTRA_TOKEN_FACTOR * Math.max(0, extraC - pairedC);
  }
  const score =
    totalQ <= 0 || totalC <= 0
      ? 0
      : side * Math.min(1, coveredQ / totalQ) + (1 - side) * Math.min(1, coveredC / totalC);
  const unmatchedQuery: string[] = [];
  if (detail)
    for (let qi = 0; qi < nq; qi++) if (!usedQ[qi]) unmatchedQuery.push((q.tokens[qi] as QueryToken).text);
  return { score, pairs, unmatchedQuery, unmatchedCandidate, variant: q };
}

/**
 * Words of these kinds may be read together with their neighbours; legal forms and numbers stand alone, and a
 * particle is already read glued to the word after it.
 */
function joinable(kind: TokenKind): boolean {
  return kind !== "form" && kind !== "number" && kind !== "particle";
}

/** At most this many neighbouring words are read together as one. */
const MAX_RUN = 4;

/** Query words `qFrom` to `qTo` - 1 read together as list words `cFrom` to `cTo` - 1. */
interface Join {
  qFrom: number;
  qTo: number;
  cFrom: number;
  cTo: number;
  similarity: number;
}

// Which words may still join (1) while runs are sought; reused between calls like the alignment's arrays.
let joinQ = new Uint8Array(16);
let joinC = new Uint8Array(32);

/**
 * Runs of joinable neighbouring words on the two sides (joinQ, joinC), at least one of them two words long,
 * that read together spell each other (exactly, or with `exact` false also nearly), list position by list
 * position. The words of a run found are no longer joinable.
 */
function findJoins(index: NameIndex, q: QueryVariant, ctoks: Int32Array, exact: boolean): Join[] {
  const out: Join[] = [];
  const nc = ctoks.length;
  for (let ci = 0; ci < nc; ci++) {
    let best: Join | undefined;
    let target = "";
    for (let end = ci + 1; end <= nc && end - ci <= MAX_RUN && joinC[end - 1]; end++) {
      target += index.vocabulary[ctoks[end - 1] as number] as string;
      const found = bestRun(target, q, end - ci === 1 ? 2 : 1, exact);
      if (found && (!best || found.similarity > best.similarity)) {
        best = { qFrom: found.from, qTo: found.to, cFrom: ci, cTo: end, similarity: found.similarity };
      }
    }
    if (!best) continue;
    out.push(best);
    joinQ.fill(0, best.qFrom, best.qTo);
    joinC.fill(0, best.cFrom, best.cTo);
    ci = best.cTo - 1;
  }
  return out;
}

/** Whether `next` goes on where `text` leaves off at `offset`, as far as both go (MYONGC + HIN / MYONG + CHIN). */
function goesOn(text: string, offset: number, next: string): boolean {
  const common = Math.min(next.length, text.length - offset);
  return text.startsWith(common === next.length ? next : next.slice(0, common), offset);
}

/** Exact joins among the words that have no equal on the other side (see findJoins). */
function exactJoins(index: NameIndex, q: QueryVariant, ctoks: Int32Array, n: number): Join[] | undefined {
  const nq = q.tokens.length;
  const nc = ctoks.length;
  // A word that begins a longer one on the other side, with its neighbour going on from there: cheap, and
  // almost never so.
  let begins = false;
  for (let qi = 0; qi < nq && !begins; qi++) {
    const a = (q.tokens[qi] as QueryToken).text;
    for (let ci = 0; ci < nc && !begins; ci++) {
      const b = index.vocabulary[ctoks[ci] as number] as string;
      if (a.charCodeAt(0) !== b.charCodeAt(0) || a.length === b.length) continue;
      if (a.length < b.length) {
        const next = (q.tokens[qi + 1] as QueryToken | undefined)?.text;
        begins = next !== undefined && b.startsWith(a) && goesOn(b, a.length, next);
      } else {
        const next = ci + 1 < nc ? (index.vocabulary[ctoks[ci + 1] as number] as string) : undefined;
        begins = next !== undefined && a.startsWith(b) && goesOn(a, b.length, next);
      }
    }
  }
  if (!begins) return undefined;
  if (joinQ.length < nq) joinQ = new Uint8Array(nq * 2);
  if (joinC.length < nc) joinC = new Uint8Array(nc * 2);
  for (let qi = 0; qi < nq; qi++) joinQ[qi] = joinable((q.tokens[qi] as QueryToken).kind) ? 1 : 0;
  for (let ci = 0; ci < nc; ci++) joinC[ci] = joinable(index.kind(ctoks[ci] as number)) ? 1 : 0;
  for (let k = 0; k < n && (optSim[k] as number) >= 1; k++) {
    joinQ[Math.floor((optPair[k] as number) / 65536)] = 0;
    joinC[(optPair[k] as number) % 65536] = 0;
  }
  const joins = findJoins(index, q, ctoks, true);
  return joins.length > 0 ? joins : undefined;
}

/**
 * Whether a run of unmatched words could spell an unmatched word on the other side within a spelling
 * difference: a word and its neighbour that begin like it and are not much longer together. Cheap, since most
 * alignments have unmatched words and almost none of them join.
 */
function mayJoin(index: NameIndex, q: QueryVariant, ctoks: Int32Array): boolean {
  const nq = q.tokens.length;
  const nc = ctoks.length;
  if (joinQ.length < nq) joinQ = new Uint8Array(nq * 2);
  if (joinC.length < nc) joinC = new Uint8Array(nc * 2);
  for (let qi = 0; qi < nq; qi++) {
    if (usedQ[qi]) continue;
    const a = (q.tokens[qi] as QueryToken).text;
    for (let ci = 0; ci < nc; ci++) {
      if (usedC[ci]) continue;
      const b = index.vocabulary[ctoks[ci] as number] as string;
      if (a.charCodeAt(0) !== b.charCodeAt(0)) continue;
      // Query words that together spell this list word, or list words that together spell this query word.
      const nextQ = qi + 1 < nq && !usedQ[qi + 1] ? (q.tokens[qi + 1] as QueryToken).text.length : -1;
      if (nextQ >= 0 && b.length >= a.length + nextQ - 2) return true;
      const nextC =
        ci + 1 < nc && !usedC[ci + 1] ? (index.vocabulary[ctoks[ci + 1] as number] as string).length : -1;
      if (nextC >= 0 && a.length >= b.length + nextC - 2) return true;
    }
  }
  return false;
}

/** Mark a join's words used; the weight each side covers. */
function markRun(
  index: NameIndex,
  q: QueryVariant,
  ctoks: Int32Array,
  join: Join,
): { query: number; list: number } {
  let wq = 0;
  let wc = 0;
  for (let qi = join.qFrom; qi < join.qTo; qi++) {
    usedQ[qi] = 1;
    wq += (q.tokens[qi] as QueryToken).weight;
  }
  for (let ci = join.cFrom; ci < join.cTo; ci++) {
    usedC[ci] = 1;
    wc += index.weight(ctoks[ci] as number);
  }
  return { query: join.similarity * wq, list: join.similarity * wc };
}

/** A join as the explanation shows it: "plat ono vich" ≈ "platonovich". */
function runPair(index: NameIndex, q: QueryVariant, ctoks: Int32Array, join: Join): TokenPair {
  return {
    query: q.tokens
      .slice(join.qFrom, join.qTo)
      .map((t) => t.text)
      .join(" "),
    candidate: Array.from(ctoks.subarray(join.cFrom, join.cTo), (id) => index.vocabulary[id] as string).join(
      " ",
    ),
    similarity: join.similarity,
    how: "joined",
  };
}

/**
 * The run of `shortest` to MAX_RUN joinable neighbouring query words that, read together, best spells `target`:
 * exactly (JOINED_SIMILARITY), or, unless `exact`, one letter apart or nearly alike (scaled the same way).
 */
function bestRun(
  target: string,
  q: QueryVariant,
  shortest: number,
  exact: boolean,
): { from: number; to: number; similarity: number } | undefined {
  if (target.length < MIN_FUZZY_LENGTH) return undefined;
  const count = q.tokens.length;
  let best: { from: number; to: number; similarity: number } | undefined;
  for (let from = 0; from < count; from++) {
    // A run starts where the word it spells starts: the first letters agree (and, exactly, the whole word).
    if (!joinQ[from] || (q.tokens[from] as QueryToken).text.charCodeAt(0) !== target.charCodeAt(0)) continue;
    let offset = 0;
    let joined = "";
    for (let to = from; to < count && to - from < MAX_RUN && joinQ[to]; to++) {
      const word = (q.tokens[to] as QueryToken).text;
      if (exact) {
        if (!target.startsWith(word, offset)) break;
        offset += word.length;
        if (offset < target.length) continue;
        if (to - from + 1 >= shortest) return { from, to: to + 1, similarity: JOINED_SIMILARITY };
        break;
      }
      joined += word;
      if (joined.length > target.length + 2) break;
      if (to - from + 1 < shortest || joined.length < target.length - 2) continue;
      const sim =
        joined === target
          ? 1
          : withinEdits(joined, target, 1)
            ? (spellingSimilarity(joined, target, false)?.similarity ?? 0)
            : (spellingSimilarity(joined, target, false, true)?.similarity ?? 0);
      const similarity = JOINED_SIMILARITY * sim;
      if (sim > 0 && (!best || similarity > best.similarity)) best = { from, to: to + 1, similarity };
    }
  }
  return best;
}

/** A word as an explanation shows it: a legal-form class by its usual abbreviation ("~gmbh" → "GmbH"). */
function wordName(token: string): string {
  const form = isLegalFormToken(token) ? legalFormInfo(token) : undefined;
  return form ? legalFormShortName(form) : token;
}

function describe(
  record: NameRecord,
  reading: string,
  a: Alignment,
  adjustments: Adjustment[],
  score: number,
  queryName: string,
): string {
  const parts = a.pairs.map((p) =>
    isLegalFormToken(p.query) && p.query === p.candidate
      ? `legal form ${legalFormInfo(p.query)?.name ?? p.query} on both sides`
      : p.how === "exact"
        ? `"${p.query}" = "${p.candidate}"`
        : `"${p.query}" ≈ "${p.candidate}" (${p.how}, ${p.similarity.toFixed(2)})`,
  );
  const listReading = detectScript(record.full) ? ` read as "${reading}"` : "";
  const queryReading = detectScript(queryName) ? ` (query read as "${a.variant.reading}")` : "";
  let text = `Query${queryReading} matched the ${KIND_LABEL[record.kind]} "${record.full}"${listReading}: ${parts.join(", ") || "no words"}`;
  if (a.unmatchedQuery.length) text += `; query words not found: ${a.unmatchedQuery.map(wordName).join(" ")}`;
  if (a.unmatchedCandidate.length)
    text += `; list words not in query: ${a.unmatchedCandidate.map(wordName).join(" ")}`;
  for (const adj of adjustments)
    text += `; ${adj.reason} (${adj.delta > 0 ? "+" : ""}${adj.delta.toFixed(2)})`;
  return `${text}. Score ${score.toFixed(2)}.`;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** Per-index scratch space so that a query allocates nothing per list record. */
interface Scratch {
  acc: Float32Array;
  best: Float32Array;
  /** The same on the list side: the weight of the record's tokens each query token can cover. */
  accList: Float32Array;
  bestList: Float32Array;
  stamp: Uint32Array;
  tick: number;
  /** Per query: the best name score each record can reach, and the variants that reached it. */
  share: Float32Array;
  mask: Uint32Array;
  queryStamp: Uint32Array;
  query: number;
}
const scratches = new WeakMap<NameIndex, Scratch>();

function scratchFor(index: NameIndex): Scratch {
  let s = scratches.get(index);
  if (!s) {
    const n = index.recordCount;
    s = {
      acc: new Float32Array(n),
      best: new Float32Array(n),
      accList: new Float32Array(n),
      bestList: new Float32Array(n),
      stamp: new Uint32Array(n),
      tick: 0,
      share: new Float32Array(n),
      mask: new Uint32Array(n),
      queryStamp: new Uint32Array(n),
      query: 0,
    };
    scratches.set(index, s);
  }
  return s;
}

/**
 * Records worth aligning for one query variant: each query token adds its weight times its best similarity to
 * every record holding a corresponding list token; a record's sum bounds the score it can reach. Records that
 * can reach `minScore` are added to `found` (once per query) with their share and the variant's bit.
 */
function gather(
  index: NameIndex,
  s: Scratch,
  q: QueryVariant,
  bit: number,
  minScore: number,
  found: number[],
): void {
  const touched: number[] = [];
  // Legal forms and particles alone cannot lift a record into contention; they still count when aligning.
  const informative = q.tokens.some((t) => t.kind === "word" || t.kind === "number");
  const accTick = ++s.tick;
  // Tokens not probed may still match when aligning: the bound assumes they will.
  let unprobed = 0;
  for (const t of q.tokens) {
    if (informative && t.kind !== "word" && t.kind !== "number") {
      unprobed += t.weight;
      continue;
    }
    const tokTick = ++s.tick;
    const mine: number[] = [];
    for (const [id, m] of t.matches) {
      const postings = index.recordsWith(id);
      const listSide = m.similarity * index.weight(id);
      for (let k = 0; k < postings.length; k++) {
        const r = postings[k] as number;
        if (s.stamp[r] !== tokTick) {
          if ((s.stamp[r] as number) < accTick) {
            s.acc[r] = 0;
            s.accList[r] = 0;
            touched.push(r);
          }
          s.stamp[r] = tokTick;
          s.best[r] = m.similarity;
          s.bestList[r] = listSide;
          mine.push(r);
        } else {
          if (m.similarity > (s.best[r] as number)) s.best[r] = m.similarity;
          if (listSide > (s.bestList[r] as number)) s.bestList[r] = listSide;
        }
      }
    }
    for (const r of mine) {
      s.acc[r] = (s.acc[r] as number) + t.weight * (s.best[r] as number);
      s.accList[r] = (s.accList[r] as number) + (s.bestList[r] as number);
    }
  }
  if (q.totalWeight <= 0) return;
  for (const r of touched) {
    const bound = scoreBound(
      index,
      r,
      ((s.acc[r] as number) + unprobed) / q.totalWeight,
      s.accList[r] as number,
      unprobed > 0,
    );
    if (bound < minScore) continue;
    if (s.queryStamp[r] !== s.query) {
      s.queryStamp[r] = s.query;
      s.share[r] = bound;
      s.mask[r] = bit;
      found.push(r);
    } else {
      s.mask[r] = (s.mask[r] as number) | bit;
      if (bound > (s.share[r] as number)) s.share[r] = bound;
    }
  }
}

/**
 * The highest name score a record can reach, from the share of the query its tokens can cover and the weight
 * of its own tokens they can cover (each query token meets at most one list token). Words the index did not
 * probe (legal forms, particles, a query's initials) and the record's initials may still meet when aligning,
 * so the bound grants them.
 */
function scoreBound(
  index: NameIndex,
  r: number,
  queryShare: number,
  listCovered: number,
  unprobed: boolean,
): number {
  const full = index.recordWeightOf(r);
  const party = index.recordPartyOf(r);
  const initials = index.recordInitialsOf(r);
  // Query words the index did not meet may still meet the record's initials, at INITIAL_SIMILARITY.
  const share = initials > 0 ? queryShare + INITIAL_SIMILARITY * (1 - queryShare) : queryShare;
  let best = 0;
  for (const person of [true, false]) {
    if (party === PARTY_PERSON && !person) continue;
    if (party === 0 && person) continue;
    const side = person ? QUERY_SIDE : ORG_QUERY_SIDE;
    let listShare = 1;
    if (!unprobed && full > 0) {
      // Unmatched list words count in full (organisations) or, at best, at PERSON_EXTRA_TOKEN_FACTOR (persons).
      const f = person ? PERSON_EXTRA_TOKEN_FACTOR : 1;
      const covered = Math.min(full, listCovered + initials);
      listShare = Math.min(1, covered / (f * full + (1 - f) * covered));
    }
    // A person's query words that the list name lacks count at PERSON_EXTRA_TOKEN_FACTOR at best.
    const q = Math.min(1, share);
    const queryShare = person ? q / (q + PERSON_EXTRA_TOKEN_FACTOR * (1 - q)) : q;
    best = Math.max(best, side * queryShare + (1 - side) * listShare);
  }
  return best;
}

/** The k-th largest value (1-based) by quickselect: linear on average, where sorting thousands would not be. */
function kthLargest(values: Float64Array, k: number): number {
  let lo = 0;
  let hi = values.length - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) > pivot) i++;
      while ((values[j] as number) < pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else break;
  }
  return values[target] as number;
}

/** Whether a list (source) takes part in a screen, from the request's include and exclude lists. */
export function listFilter(options: ScreenOptions): (source: string) => boolean {
  const include = options.includeLists?.length ? new Set(options.includeLists) : undefined;
  const exclude = new Set(options.excludeLists ?? []);
  return (source) => (!include || include.has(source)) && !exclude.has(source);
}

interface Prepared {
  variants: QueryVariant[];
  genericOnly: boolean;
  candidates: number[];
  /** For each candidate record (by record number), a bit mask of the query variants worth aligning with it. */
  reached: Map<number, number>;
}

/** At most this many query readings and segmentations are tried: one bit each in a 32-bit mask. */
const MAX_VARIANTS = 31;

function prepare(index: NameIndex, query: ScreenQuery, minScore: number): Prepared | undefined {
  const schema = query.type ? QUERY_SCHEMA[query.type] : undefined;
  // Vessel and aircraft names are strict, but not across scripts, where spellings are conventions; so is a
  // name that a vessel prefix marks as a ship's (MV ESPOIR D'ABIDJAN), whatever the query calls it.
  const strict =
    (query.type === "vessel" || query.type === "aircraft" || hasVesselPrefix(query.name)) &&
    !detectScript(query.name);
  // A query of unknown kind is also read as a person's name: PAO HUA CHIANG is a man named Pao, not a Russian
  // public company, and AL-HAJJ YAHYA is Yahya with his title.
  const base = analyzeName(
    query.name,
    schema,
    index.readings,
    schema ? {} : { alsoPerson: (token) => index.kindOf(token) === "word" },
  );
  if (base.length === 0) return undefined;
  const variants: QueryVariant[] = [];
  const person = query.type === "person";
  const script = detectScript(query.name);
  const read = script !== undefined;
  const syllables = SYLLABLE_READINGS.has(script ?? "");
  for (const v of base) {
    variants.push(queryVariant(index, v, strict, false, person, read));
    for (const r of resegmentations(index, v))
      variants.push(queryVariant(index, r, strict, true, person, read));
    const runs = syllables ? syllableRuns(index, v) : undefined;
    if (runs) variants.push(queryVariant(index, runs, strict, false, person, read));
    // A person's short given name read as the full names it stands for (TED → theodore, edward), a little below.
    if (person) {
      for (const nick of nicknameReadings(v.tokens)) {
        const qv = queryVariant(
          index,
          { ...v, tokens: nick.tokens, reading: nick.tokens.join(" ") },
          strict,
          false,
          person,
          read,
        );
        const full = qv.tokens[nick.at] as QueryToken;
        // Explanations show the name as written: "ted" ≈ "theodore" (nickname).
        full.text = v.tokens[nick.at] as string;
        for (const [id, m] of full.matches) {
          full.matches.set(id, {
            similarity: m.similarity * NICKNAME_SIMILARITY,
            how: m.how === "exact" ? "nickname" : m.how,
          });
        }
        variants.push(qv);
      }
    }
  }
  const genericOnly =
    variants[0]?.tokens.every((t) => t.kind !== "word" && t.kind !== "number" && t.kind !== "initial") ??
    false;
  // Bounds are taken before the generic-query factor, so that such queries still rank their candidates.
  variants.splice(MAX_VARIANTS);
  const s = scratchFor(index);
  s.query++;
  let candidates: number[] = [];
  for (let i = 0; i < variants.length; i++) {
    gather(index, s, variants[i] as QueryVariant, 1 << i, genericOnly ? 0 : minScore, candidates);
  }
  if (candidates.length > MAX_ALIGNED) {
    // Among records that cover the query alike, shorter names leave fewer list words unmatched.
    const keys = new Float64Array(candidates.length);
    candidates.forEach((r, i) => {
      keys[i] = (s.share[r] as number) - 0.0001 * index.recordLength(r);
    });
    const cut = kthLargest(Float64Array.from(keys), MAX_ALIGNED);
    const kept: number[] = [];
    candidates.forEach((r, i) => {
      if ((keys[i] as number) > cut) kept.push(r);
    });
    candidates.forEach((r, i) => {
      if (kept.length < MAX_ALIGNED && keys[i] === cut) kept.push(r);
    });
    candidates = kept;
  }
  const bounds = new Map<number, number>();
  for (const r of candidates) bounds.set(r, s.mask[r] as number);
  return { variants, genericOnly, candidates, reached: bounds };
}

/** Name records of an index that may resemble a name: what the index retrieves before any scoring. */
export function candidateRecords(index: NameIndex, query: ScreenQuery, minScore: number): number[] {
  return prepare(index, query, minScore)?.candidates ?? [];
}

/** An entry's name as its list publishes it first: the primary name (else its first name, else its id). */
export function primaryName(entity: Entity): string {
  return entity.names.find((n) => n.kind === "primary")?.full ?? entity.names[0]?.full ?? entity.id;
}

/** The fields that name a list entry in an answer: which list, which entry, what kind, its name and programs. */
export function entryFields(
  entity: Entity,
): Pick<Hit, "id" | "source" | "list" | "sourceId" | "schema" | "name" | "programs" | "listVersion"> {
  return {
    id: entity.id,
    source: entity.source,
    ...(entity.list ? { list: entity.list } : {}),
    sourceId: entity.sourceId,
    schema: entity.schema,
    name: primaryName(entity),
    programs: entity.programs,
    ...(entity.listVersion !== undefined ? { listVersion: entity.listVersion } : {}),
  };
}

/** A hit as the CLI and the API show it: the entry, the name that matched, the score and why. */
export function toHit(
  entity: Entity,
  record: NameRecord,
  score: number,
  threshold: number,
  explanation: Explanation,
): Hit {
  return {
    ...entryFields(entity),
    matchedName: record.full,
    score,
    match: score >= threshold,
    explanation,
  };
}

/** Where a source comes in list order (OFAC SDN first, the built-in List of Specified Persons last). */
export function sourceRank(source: string): number {
  const i = SOURCE_IDS.indexOf(source as SourceId);
  return i < 0 ? SOURCE_IDS.length : i;
}

/** Best hits first (ties in list order, then id order, so answers are stable), at most `limit`. */
export function rank(hits: Hit[], limit: number): Hit[] {
  hits.sort(
    (a, b) => b.score - a.score || sourceRank(a.source) - sourceRank(b.source) || a.id.localeCompare(b.id),
  );
  return hits.slice(0, limit);
}

/** Screen one query against an index: hits sorted by score, each with its explanation. */
export function screen(index: NameIndex, query: ScreenQuery, options: ScreenOptions = {}): Hit[] {
  if (options.mode === "ofac") return screenOfac(index, query, options);
  const minScore = options.minScore ?? DEFAULT_MIN_SCORE;
  const limit = options.limit ?? DEFAULT_LIMIT;
  const threshold = options.threshold ?? ALERT_THRESHOLD;
  const prepared = prepare(index, query, minScore);
  if (!prepared) return [];
  const { variants, genericOnly, candidates, reached } = prepared;

  const best = new Map<number, { record: NameRecord; alignment: Alignment; nameScore: number }>();
  const listed = listFilter(options);
  const consider = (r: number) => {
    const record = index.record(r);
    const entity = index.entities[record.entity] as Entity;
    if (!listed(entity.source)) return;
    const person = entity.schema === "Person" || (entity.schema === "LegalEntity" && query.type === "person");
    let alignment: Alignment | undefined;
    // Records reached only through an identifier are aligned with every variant.
    const mask = reached.get(r) ?? -1;
    for (let i = 0; i < variants.length; i++) {
      if (!(mask & (1 << i))) continue;
      const a = align(index, variants[i] as QueryVariant, record, person);
      if (!alignment || a.score > alignment.score) alignment = a;
    }
    if (!alignment) return;
    const nameScore = alignment.score - (record.kind === "weak-aka" ? WEAK_ALIAS_PENALTY : 0);
    const current = best.get(record.entity);
    if (!current || nameScore > current.nameScore) best.set(record.entity, { record, alignment, nameScore });
  };
  for (const r of candidates) consider(r);
  // Entries that carry the query's identifier are hits even when their names differ.
  if (query.id) {
    for (const e of index.entitiesWithIdentifier(query.id)) {
      if (best.has(e)) continue;
      for (const r of index.recordsOfEntity(e)) consider(r);
    }
  }

  const queryScript = syllabicScript(query.name);
  // Per query variant, once: its words, and whether it has a legal form or a father's name to compare.
  const variantWords = new Map<QueryVariant, { texts: string[]; form: boolean; father: boolean }>();
  const wordsOf = (v: QueryVariant) => {
    let w = variantWords.get(v);
    if (!w) {
      const texts = v.tokens.map((t) => t.text);
      w = { texts, form: texts.some(isLegalFormToken), father: fatherNames(texts).length > 0 };
      variantWords.set(v, w);
    }
    return w;
  };
  // Scores first; explanations (a second, detailed alignment) only for the hits that are returned.
  const scoredHits: {
    e: number;
    record: NameRecord;
    variant: QueryVariant;
    facts: Adjustment[];
    score: number;
  }[] = [];
  for (const [e, { record, alignment: scored, nameScore }] of best) {
    const entity = index.entities[e] as Entity;
    const facts: Adjustment[] = [];
    // An exact and whole match is the name itself, however generic its words (SOCIETE GENERALE S.A.).
    if (genericOnly && nameScore < 1) {
      facts.push({
        reason: `the query has only generic words (${scored.variant.reading}): name score × ${GENERIC_QUERY_FACTOR}`,
        delta: -nameScore * (1 - GENERIC_QUERY_FACTOR),
      });
    }
    const words = wordsOf(scored.variant);
    const listWords = () => Array.from(record.tokens, (id) => index.vocabulary[id] as string);
    if (entity.schema === "Person" && words.father && swapsFatherName(words.texts, listWords())) {
      facts.push({
        reason: "a given name and a father's name (after bin) are swapped: another person of the same family",
        delta: -FATHER_SWAP_PENALTY,
      });
    }
    const foreign = words.form ? foreignForms(words.texts, listWords()) : undefined;
    if (foreign) {
      const [ours, theirs] = foreign;
      facts.push({
        reason: `legal forms of different countries (${formName(ours)}, ${formName(theirs)}): as a rule different companies`,
        delta: -FOREIGN_FORM_PENALTY,
      });
    }
    if (query.type && !SCHEMAS[query.type].includes(entity.schema)) {
      facts.push({
        reason: `the list entry is ${/^[AEIOU]/.test(entity.schema) ? "an" : "a"} ${entity.schema}, not a ${query.type}`,
        delta: -SCHEMA_MISMATCH_PENALTY,
      });
    } else if (query.type === "vessel" && !words.form) {
      // A ship's name carries no legal form: a list name with one names a company, the ship's owner at best.
      const form = listWords().find(isLegalFormToken);
      if (form) {
        facts.push({
          reason: `the list name has a company's legal form (${wordName(form)}): it names a company, not a vessel`,
          delta: -SCHEMA_MISMATCH_PENALTY,
        });
      }
    }
    if (queryScript) {
      const written = sameScriptSimilarity(query.name, record.full, queryScript);
      if (written !== undefined && written < nameScore) {
        facts.push({
          reason: `both names are written in the same script and differ as written: compared character by character (${written.toFixed(2)})`,
          delta: written - nameScore,
        });
      }
    }
    facts.push(...factAdjustments(query, entity));
    let raw = Math.min(1, Math.max(0, nameScore + facts.reduce((s, a) => s + a.delta, 0)));
    if (identifierMatch(query, entity) && raw < IDENTIFIER_FLOOR) {
      facts.push({
        reason: `an exact identifier match lifts the score to ${IDENTIFIER_FLOOR}`,
        delta: IDENTIFIER_FLOOR - raw,
      });
      raw = IDENTIFIER_FLOOR;
    }
    const score = round(raw);
    if (score >= minScore) scoredHits.push({ e, record, variant: scored.variant, facts, score });
  }
  const ids = (h: { e: number }) => (index.entities[h.e] as Entity).id;
  const ranks = (h: { e: number }) => sourceRank((index.entities[h.e] as Entity).source);
  scoredHits.sort((a, b) => b.score - a.score || ranks(a) - ranks(b) || ids(a).localeCompare(ids(b)));
  scoredHits.splice(limit);

  const hits: Hit[] = [];
  for (const { e, record, variant, facts, score } of scoredHits) {
    const entity = index.entities[e] as Entity;
    const person = entity.schema === "Person" || (entity.schema === "LegalEntity" && query.type === "person");
    const alignment = align(index, variant, record, person, true);
    // The weak-alias penalty is already inside nameScore; it is listed so that the explanation adds up.
    const adjustments: Adjustment[] =
      record.kind === "weak-aka"
        ? [{ reason: "matched a weak alias", delta: -WEAK_ALIAS_PENALTY }, ...facts]
        : facts;
    const explanation: Explanation = {
      summary: describe(
        record,
        detectScript(record.full) ? index.readingOf(record) : "",
        alignment,
        adjustments,
        score,
        query.name,
      ),
      matchedName: record.full,
      matchedNameKind: record.kind,
      ...(detectScript(record.full) ? { matchedReading: index.readingOf(record) } : {}),
      ...(detectScript(query.name) ? { queryReading: alignment.variant.reading } : {}),
      pairs: alignment.pairs.map((p) => ({ ...p, similarity: round(p.similarity) })),
      unmatchedQuery: alignment.unmatchedQuery,
      unmatchedCandidate: alignment.unmatchedCandidate,
      nameScore: round(alignment.score),
      adjustments: adjustments.map((a) => ({ ...a, delta: round(a.delta) })),
    };
    hits.push(toHit(entity, record, score, threshold, explanation));
  }
  return rank(hits, limit);
}
