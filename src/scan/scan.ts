/**
 * Scan a document for listed parties and sanctioned jurisdictions. One pass over the words finds the places
 * where the words of some list name cluster (through the name index: exact, phonetic and fuzzy word matches,
 * so a misspelt or transliterated name is still found); only those spans are then scored by `screen`, so a
 * mention carries the same hits and explanations as a screening. Rules keep the noise down: a lone word must
 * match exactly and look like a name, a short alias counts in capitals or beside a second mention of its party,
 * a weak alias only beside a second mention, and a person needs more than a shared given name. Pure: no I/O.
 */
import stopwordTable from "../../resources/stopwords.json" with { type: "json" };
import type { NameIndex } from "../match/name-index.ts";
import { ALERT_THRESHOLD, screen } from "../match/screen.ts";
import type { Hit } from "../match/types.ts";
import { canonicalizeOrgTokens, isLegalFormToken } from "../names/legal-forms.ts";
import { normalizeName, tokenize } from "../names/normalize.ts";
import { prepareText, type ScanFormat } from "./input.ts";
import { findJurisdictions, type Jurisdiction, jurisdictionByCode } from "./jurisdictions.ts";
import { type TextToken, textTokens } from "./tokens.ts";

/** A listed party or a sanctioned jurisdiction found in the input, at its offsets in the input. */
export type Mention =
  | { kind: "party"; start: number; end: number; text: string; score: number; hits: Hit[] }
  | {
      kind: "jurisdiction";
      start: number;
      end: number;
      text: string;
      country: string;
      jurisdiction: Jurisdiction;
    };

/** What a scan found, with what it read. */
export interface ScanResult {
  format: ScanFormat;
  characters: number;
  words: number;
  mentions: Mention[];
}

/** Options of a scan. */
export interface ScanOptions {
  format?: ScanFormat;
  /** Lowest score of a party mention (default: the alert threshold). */
  threshold?: number;
  /** Lists to use (default all). */
  includeLists?: string[];
  excludeLists?: string[];
}

const STOPWORDS = new Set(stopwordTable.words.map((w) => normalizeName(w)));
/** A word starts a candidate only when the list word it meets says this much about who the party is. */
const ANCHOR_WEIGHT = 0.5;
/** List words on more name records than this are too common to start from; another word of the name will. */
const MAX_POSTINGS = 4000;
/** Share of a list name's weight the words around an anchor must cover to be worth scoring. */
const COVER_MIN = 0.6;
/** A short alias is one word of at most this many letters (ISIS, IRGC, SEPAH). */
const SHORT_ALIAS = 5;
const HITS_PER_SPAN = 5;
/** Hyphens as texts write them: ASCII, Unicode hyphen, non-breaking hyphen, en dash. */
const HYPHENS = "-\u2010\u2011\u2013";

/** A word this short in lower case may sit inside a name (al, bin, de, van, of). */
const PARTICLE_LENGTH = 3;
/** A lone word this long may be misspelt (Rosoboronexprot) and still be the name. */
const LONG_WORD = 8;

interface Span {
  first: number;
  last: number;
}

/** List token ids that each text word corresponds to, with their similarity. */
const NO_MATCHES: ReadonlyMap<number, number> = new Map();

/**
 * Whether a word can be part of a name as the text writes it: capitalised, in a script without case, a short
 * particle (al, bin, de), joined to a neighbour by a hyphen (Jong-un), or anything in a text without case.
 */
function nameLike(t: TextToken, text: string, caseless: boolean): boolean {
  if (caseless || t.end - t.start <= PARTICLE_LENGTH) return true;
  const ch = text[t.start] as string;
  if (ch !== ch.toLowerCase() || ch === ch.toUpperCase()) return true;
  return HYPHENS.includes(text[t.start - 1] ?? " ") || HYPHENS.includes(text[t.end] ?? " ");
}

/** List token ids that each text word corresponds to, with their similarity; none for ordinary lower-case words. */
function wordMatches(
  index: NameIndex,
  tokens: readonly TextToken[],
  text: string,
  caseless: boolean,
): ReadonlyMap<number, number>[] {
  const cache = new Map<string, Map<number, number>>();
  return tokens.map((t) => {
    if (!nameLike(t, text, caseless)) return NO_MATCHES;
    const key = t.forms.join(" ");
    let matches = cache.get(key);
    if (!matches) {
      matches = new Map();
      for (const form of t.forms) {
        for (const c of index.similarTokens(form)) {
          if ((matches.get(c.id) ?? 0) < c.similarity) matches.set(c.id, c.similarity);
        }
      }
      cache.set(key, matches);
    }
    return matches;
  });
}

/** Whether position j is among the first `count` values of `used` (a handful: a loop beats a view). */
function taken(used: Int32Array, count: number, j: number): boolean {
  for (let k = 0; k < count; k++) if (used[k] === j) return true;
  return false;
}

const stamps = new WeakMap<NameIndex, Int32Array>();

/** Per index, a mark per name record of the anchor word it was last looked at from (reset for each scan). */
function recordStamps(index: NameIndex): Int32Array {
  let s = stamps.get(index);
  if (!s) {
    s = new Int32Array(index.recordCount);
    stamps.set(index, s);
  } else s.fill(0);
  return s;
}

/** Words either side of an anchor that a name may span. */
const WINDOW = 8;

/**
 * Spans of words where most of the weight of some list name is present. A window of words slides over the
 * text, keeping for each list word the positions that meet it; each informative word reaches the names that
 * contain it, and each such name is checked against the window with one lookup per name word.
 */
function candidateSpans(
  index: NameIndex,
  tokens: readonly TextToken[],
  matches: readonly ReadonlyMap<number, number>[],
  anchorable: (i: number) => boolean,
): Span[] {
  const spans = new Map<string, Span>();
  const seenRecord = recordStamps(index);
  const window = new Map<number, number[]>();
  const add = (j: number) => {
    for (const id of (matches[j] as ReadonlyMap<number, number>).keys()) {
      const at = window.get(id);
      if (at) at.push(j);
      else window.set(id, [j]);
    }
  };
  const remove = (j: number) => {
    for (const id of (matches[j] as ReadonlyMap<number, number>).keys()) {
      const at = window.get(id);
      if (!at) continue;
      at.shift();
      if (at.length === 0) window.delete(id);
    }
  };
  for (let j = 0; j < Math.min(tokens.length, WINDOW + 1); j++) add(j);
  const used = new Int32Array(64);
  let usedCount = 0;
  for (let i = 0; i < tokens.length; i++) {
    if (i > 0 && i + WINDOW < tokens.length) add(i + WINDOW);
    if (i - WINDOW - 1 >= 0) remove(i - WINDOW - 1);
    const token = tokens[i] as TextToken;
    if (STOPWORDS.has(token.norm) || !anchorable(i)) continue;
    for (const [id, sim] of matches[i] as Map<number, number>) {
      if (index.weight(id) * sim < ANCHOR_WEIGHT) continue;
      const postings = index.recordsWith(id);
      if (postings.length > MAX_POSTINGS) continue;
      for (let p = 0; p < postings.length; p++) {
        const r = postings[p] as number;
        // One look per record and anchor word.
        if (seenRecord[r] === i + 1) continue;
        seenRecord[r] = i + 1;
        const ctoks = index.recordTokens(r);
        const n = ctoks.length;
        usedCount = 0;
        let covered = 0;
        let first = i;
        let last = i;
        for (let c = 0; c < n; c++) {
          const cid = ctoks[c] as number;
          const at = window.get(cid);
          if (!at) continue;
          let best = 0;
          let pos = -1;
          for (const j of at) {
            if (Math.abs(j - i) > n + 1 || taken(used, usedCount, j)) continue;
            const s = (matches[j] as ReadonlyMap<number, number>).get(cid) as number;
            if (s > best) {
              best = s;
              pos = j;
            }
          }
          if (pos < 0) continue;
          if (usedCount < used.length) used[usedCount++] = pos;
          covered += best * index.weight(cid);
          if (pos < first) first = pos;
          if (pos > last) last = pos;
        }
        const total = index.recordWeightOf(r);
        if (total <= 0 || covered / total < COVER_MIN || last - first + 1 > n + 2) continue;
        spans.set(`${first}:${last}`, { first, last });
      }
    }
  }
  return [...spans.values()];
}

/** Whether a word opens a sentence (or the text), where a capital says nothing about a name. */
function sentenceStart(text: string, at: number): boolean {
  for (let k = at - 1; k >= 0; k--) {
    const ch = text[k] as string;
    if (ch === " " || ch === "\t" || ch === "\u00a0" || ch === '"' || ch === "“" || ch === "(") continue;
    return ch === "." || ch === "!" || ch === "?" || ch === "\n" || ch === ":";
  }
  return true;
}

/**
 * Whether a span looks like a name in running text: its words capitalised (or in a script without case), and a
 * lone word that opens a sentence written in capitals or long and never used in lower case. A text with no
 * case at all gives no signal and passes.
 */
function looksLikeName(
  tokens: readonly TextToken[],
  span: Span,
  text: string,
  caseless: boolean,
  lowerWords: ReadonlySet<string>,
): boolean {
  if (caseless) return true;
  let capital = false;
  for (let k = span.first; k <= span.last; k++) {
    const t = tokens[k] as TextToken;
    if (!nameLike(t, text, false)) return false;
    const ch = text[t.start] as string;
    // A capital, or a script without case; lower-case particles and hyphen-joined parts need one beside them.
    if (ch !== ch.toLowerCase() || ch === ch.toUpperCase()) capital = true;
  }
  if (!capital) return false;
  if (span.first === span.last) {
    const t = tokens[span.first] as TextToken;
    if (sentenceStart(text, t.start) && !t.upper) {
      return t.end - t.start > SHORT_ALIAS && !lowerWords.has(t.norm);
    }
  }
  return true;
}

/** The words of the list name a hit matched, legal forms left out. */
function listedWords(hit: Hit): string[] {
  return canonicalizeOrgTokens(tokenize(hit.matchedName)).tokens.filter((w) => !isLegalFormToken(w));
}

interface PartyFind {
  span: Span;
  score: number;
  hits: Hit[];
}

/** Keep the hits of a span that the noise rules allow. */
function acceptedHits(
  hits: Hit[],
  tokens: readonly TextToken[],
  span: Span,
  lowerWords: ReadonlySet<string>,
  secondSignal: (id: string) => boolean,
): Hit[] {
  return hits.filter((hit) => {
    const pairs = hit.explanation.pairs;
    const words = span.last - span.first + 1;
    const listed = listedWords(hit);
    // A lone word in running text must be the listed word itself (or a long one barely misspelt), and not a word
    // the text also uses in lower case.
    if (
      words === 1 &&
      !pairs.every((p) => p.how === "exact" || (p.query.length >= LONG_WORD && p.similarity >= 0.9))
    ) {
      return false;
    }
    if (words === 1 && lowerWords.has((tokens[span.first] as TextToken).norm) && !secondSignal(hit.id))
      return false;
    // Function words join a name only as themselves (ON START is not YONA STAR).
    if (pairs.some((p) => STOPWORDS.has(p.query) && p.how !== "exact")) return false;
    // One short word, whatever legal form comes with it (DAY COMPANY), counts in capitals or beside a second mention.
    const informative = pairs.filter((p) => !isLegalFormToken(p.candidate));
    if (
      informative.length === 1 &&
      listedWords(hit).length <= 1 &&
      (informative[0]?.query.length ?? 0) <= SHORT_ALIAS
    ) {
      if (!(tokens[span.first] as TextToken).upper && !secondSignal(hit.id)) return false;
    }
    if (hit.explanation.matchedNameKind === "weak-aka" && !secondSignal(hit.id)) return false;
    // A person is more than a shared given name: two names must meet, unless the list name is one word.
    if (hit.schema === "Person" && listed.length > 1) {
      const met = pairs.filter((p) => p.how !== "initial" && p.query.length > 1).length;
      if (met < 2) return false;
    }
    return true;
  });
}

/** Scan an input (text, HTML, MT103 or pacs.008) for listed parties and sanctioned jurisdictions. */
export function scan(index: NameIndex, input: string, options: ScanOptions = {}): ScanResult {
  const prepared = prepareText(input, options.format);
  const { text, origin } = prepared;
  const tokens = textTokens(text);
  const threshold = options.threshold ?? ALERT_THRESHOLD;
  const caseless = text === text.toLowerCase() || text === text.toUpperCase();
  const at = (k: number) => origin[k] as number;
  const mentions: Mention[] = [];

  // Jurisdictions.
  const jurisdictionTokens = new Set<number>();
  for (const j of findJurisdictions(tokens)) {
    const start = (tokens[j.first] as TextToken).start;
    const end = (tokens[j.last] as TextToken).end;
    for (let k = j.first; k <= j.last; k++) jurisdictionTokens.add(k);
    mentions.push({
      kind: "jurisdiction",
      start: at(start),
      end: at(end - 1) + 1,
      text: input.slice(at(start), at(end - 1) + 1),
      country: j.jurisdiction.country ?? j.jurisdiction.code,
      jurisdiction: j.jurisdiction,
    });
  }
  for (const field of prepared.countryFields) {
    const jurisdiction = jurisdictionByCode(field.code);
    if (jurisdiction) {
      mentions.push({
        kind: "jurisdiction",
        start: field.start,
        end: field.end,
        text: field.code,
        country: field.code,
        jurisdiction,
      });
    }
  }

  // Words the text writes in lower case are its ordinary words.
  const lowerWords = new Set<string>();
  for (const t of tokens) {
    const ch = text[t.start] as string;
    if (ch !== ch.toUpperCase()) lowerWords.add(t.norm);
  }
  // Parties: candidate spans, each scored once by screen.
  const matches = wordMatches(index, tokens, text, caseless);
  const scored = new Map<string, Hit[]>();
  const finds: PartyFind[] = [];
  // A capitalised word that opens a sentence and is written in lower case elsewhere is an ordinary word: it may
  // belong to a name another word starts from (Bank Melli Iran), but does not start one.
  const anchorable = (i: number) => {
    const t = tokens[i] as TextToken;
    return caseless || t.upper || !lowerWords.has(t.norm) || !sentenceStart(text, t.start);
  };
  for (const span of candidateSpans(index, tokens, matches, anchorable)) {
    if (!looksLikeName(tokens, span, text, caseless, lowerWords)) continue;
    // A country named alone is a jurisdiction, not a party.
    let onlyPlace = true;
    for (let k = span.first; k <= span.last && onlyPlace; k++) onlyPlace = jurisdictionTokens.has(k);
    if (onlyPlace) continue;
    const name = text.slice((tokens[span.first] as TextToken).start, (tokens[span.last] as TextToken).end);
    let hits = scored.get(name);
    if (!hits) {
      hits = screen(
        index,
        { name },
        {
          limit: HITS_PER_SPAN,
          minScore: threshold,
          threshold,
          ...(options.includeLists ? { includeLists: options.includeLists } : {}),
          ...(options.excludeLists ? { excludeLists: options.excludeLists } : {}),
        },
      );
      scored.set(name, hits);
    }
    if (hits.length > 0) finds.push({ span, score: hits[0]?.score ?? 0, hits });
  }
  // A second signal: the same party found elsewhere in the text by a name that counts on its own.
  const strong = new Set<string>();
  for (const f of finds) {
    for (const h of f.hits) {
      const listed = listedWords(h);
      const short = listed.length <= 1 && (listed[0]?.length ?? 0) <= SHORT_ALIAS;
      if (h.explanation.matchedNameKind !== "weak-aka" && !short) strong.add(h.id);
    }
  }
  const kept: PartyFind[] = [];
  // Best and longest first; a span overlapping one already kept is the same mention read another way.
  finds.sort((a, b) => b.score - a.score || b.span.last - b.span.first - (a.span.last - a.span.first));
  for (const f of finds) {
    if (kept.some((k) => f.span.first <= k.span.last && k.span.first <= f.span.last)) continue;
    const hits = acceptedHits(f.hits, tokens, f.span, lowerWords, (id) => strong.has(id));
    if (hits.length === 0) continue;
    kept.push({ ...f, hits, score: hits[0]?.score ?? f.score });
  }
  for (const f of kept) {
    const start = at((tokens[f.span.first] as TextToken).start);
    const end = at((tokens[f.span.last] as TextToken).end - 1) + 1;
    mentions.push({ kind: "party", start, end, text: input.slice(start, end), score: f.score, hits: f.hits });
  }
  // A place inside a party's name (BANK MELLI IRAN) is part of that mention, not one of its own.
  const parties = mentions.filter((m) => m.kind === "party");
  const shown = mentions.filter(
    (m) => m.kind === "party" || !parties.some((p) => p.start <= m.start && m.end <= p.end),
  );
  shown.sort((a, b) => a.start - b.start || b.end - a.end);
  return { format: prepared.format, characters: input.length, words: tokens.length, mentions: shown };
}
