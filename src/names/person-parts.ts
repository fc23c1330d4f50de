/**
 * Particles, titles and suffixes of personal names, driven by resources/person-name-parts.json.
 * Pure: call on personal names after tokenize(), on list names and queries alike. Names written
 * "SURNAME, Given" start with the surname, so a surname that is also a title (HAJJI, AL-HAJJ) is
 * stripped too; doing the same on both sides keeps the comparison fair.
 */
import nicknameTable from "../../resources/given-name-nicknames.json" with { type: "json" };
import partsTable from "../../resources/person-name-parts.json" with { type: "json" };
import { type TokenTrieNode, trieInsert } from "./token-trie.ts";

interface PartsTable {
  particles: {
    groups: Array<{
      glue?: string;
      absorbsArticle?: boolean;
      patronymic?: boolean;
      forms?: string[];
      assimilated?: string[];
    }>;
    compounds: {
      rules: Array<{ glue: string; prefixes?: string[]; vowelPrefixes?: string[]; minRest: number }>;
    };
  };
  titles: { sequences: string[] };
  ambiguousTitles: { sequences: string[] };
  suffixes: { sequences: string[] };
}

interface Particle {
  glue: string;
  // The Arabic article (in any spelling): dropped after a particle that already carries it ("abd al").
  article: boolean;
  absorbsArticle: boolean;
  // Set for a sun-letter assimilated article ("ar", "ash"): a particle only before this consonant.
  consonant?: string;
}

interface Compound {
  prefix: string;
  glue: string;
  afterVowel: boolean;
  minRest: number;
}

interface TrieNode extends TokenTrieNode<TrieNode> {
  // Tokens that must be left after stripping this sequence.
  keep?: number;
}

const table = partsTable as PartsTable;
const ARTICLE_GLUE = "al";
const CONSONANT_START = /^[b-df-hj-km-np-tv-z]/;

const PARTICLES = new Map<string, Particle>();
const PATRONYMIC = new Set<string>();
for (const group of table.particles.groups) {
  if (group.patronymic) for (const form of group.forms ?? []) PATRONYMIC.add(form);
  const article = group.glue === ARTICLE_GLUE;
  const absorbsArticle = group.absorbsArticle ?? false;
  for (const form of group.forms ?? []) {
    PARTICLES.set(form, { glue: group.glue ?? form, article, absorbsArticle });
  }
  for (const form of group.assimilated ?? []) {
    PARTICLES.set(form, { glue: group.glue ?? form, article, absorbsArticle, consonant: form.slice(1) });
  }
}

const COMPOUNDS: Compound[] = [];
for (const rule of table.particles.compounds.rules) {
  for (const prefix of rule.prefixes ?? []) {
    COMPOUNDS.push({ prefix, glue: rule.glue, afterVowel: false, minRest: rule.minRest });
  }
  for (const prefix of rule.vowelPrefixes ?? []) {
    COMPOUNDS.push({ prefix, glue: rule.glue, afterVowel: true, minRest: rule.minRest });
  }
}
// Longest prefix first, so "abdoul" is tried before "abdou" and "abd".
COMPOUNDS.sort((a, b) => b.prefix.length - a.prefix.length);
// Almost no token starts like a compound: a two-letter check skips the prefix scan for the rest.
const COMPOUND_STARTS = new Set(COMPOUNDS.map((c) => c.prefix.slice(0, 2)));

function buildTrie(sequences: string[], keep: number, reversed: boolean, root: TrieNode): void {
  for (const sequence of sequences) {
    const tokens = sequence.split(" ");
    if (reversed) tokens.reverse();
    trieInsert<TrieNode>(root, tokens, () => ({ next: new Map() })).keep = keep;
  }
}

const TITLES: TrieNode = { next: new Map() };
buildTrie(table.titles.sequences, 1, false, TITLES);
buildTrie(table.ambiguousTitles.sequences, 2, false, TITLES);
const SUFFIXES: TrieNode = { next: new Map() };
buildTrie(table.suffixes.sequences, 1, true, SUFFIXES);
const SINGLE_TITLES = new Set(
  [...table.titles.sequences, ...table.ambiguousTitles.sequences].filter((s) => !s.includes(" ")),
);

/** Strip leading titles and trailing generational suffixes, never emptying the name; `removed` in name order. */
export function stripHonorifics(tokens: string[]): { tokens: string[]; removed: string[] } {
  let lo = 0;
  let hi = tokens.length;
  const front: string[] = [];
  const back: string[] = [];
  for (;;) {
    let node: TrieNode | undefined = TITLES;
    let end = -1;
    for (let i = lo; i < hi; i++) {
      node = node.next.get(tokens[i] as string);
      if (!node) break;
      if (node.keep !== undefined && hi - (i + 1) >= node.keep) end = i + 1;
    }
    if (end < 0) break;
    front.push(tokens.slice(lo, end).join(" "));
    lo = end;
  }
  for (;;) {
    let node: TrieNode | undefined = SUFFIXES;
    let start = -1;
    for (let i = hi - 1; i >= lo; i--) {
      node = node.next.get(tokens[i] as string);
      if (!node) break;
      if (node.keep !== undefined && i - lo >= node.keep) start = i;
    }
    if (start < 0) break;
    back.unshift(tokens.slice(start, hi).join(" "));
    hi = start;
  }
  if (lo === 0 && hi === tokens.length) return { tokens: [...tokens], removed: [] };
  return { tokens: tokens.slice(lo, hi), removed: [...front, ...back] };
}

/** True for a single-token title or honorific ("dr", "sheikh", "general"), ambiguous ones included. */
export function isHonorific(token: string): boolean {
  return SINGLE_TITLES.has(token);
}

function particleFor(token: string, next: string | undefined): Particle | undefined {
  const particle = PARTICLES.get(token);
  if (!particle?.consonant) return particle;
  return next?.startsWith(particle.consonant) && next.length > particle.consonant.length
    ? particle
    : undefined;
}

/** The names that follow a patronymic particle (bin, bint, ould): the father's names in a name's words. */
export function fatherNames(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++)
    if (PATRONYMIC.has(tokens[i] as string)) out.push(tokens[i + 1] as string);
  return out;
}

/**
 * Whether two names swap a given name and a father's name: a name after bin in one stands elsewhere in the
 * other, and the other way round (SALMAN BIN MUHAMMAD / MUHAMMAD BIN SALMAN).
 */
export function swapsFatherName(a: readonly string[], b: readonly string[]): boolean {
  const fa = fatherNames(a);
  const fb = fatherNames(b);
  if (fa.length === 0 || fb.length === 0) return false;
  const own = (tokens: readonly string[], fathers: string[]) => tokens.filter((t) => !fathers.includes(t));
  const ownA = own(a, fa);
  const ownB = own(b, fb);
  return (
    fa.some((f) => !fb.includes(f) && ownB.includes(f)) && fb.some((f) => !fa.includes(f) && ownA.includes(f))
  );
}

/**
 * True for a name particle ("al", "bin", "van", "abdul") followed by `next`. A particle leads into the word after
 * it: the last word of a name is a name (KO TAE BIN), and "ar", "as", "an" are articles only before their
 * consonant ("as salam", but not "an jung").
 */
export function isParticle(token: string, next: string | undefined): boolean {
  return next !== undefined && particleFor(token, next) !== undefined;
}

// "abdulrahman", "abdurrahman", "abdirahman" → "abdalrahman"; "abolfazl" → "abualfazl".
function canonicalCompound(token: string): string {
  if (!COMPOUND_STARTS.has(token.slice(0, 2))) return token;
  for (const rule of COMPOUNDS) {
    if (!token.startsWith(rule.prefix)) continue;
    let rest = token.slice(rule.prefix.length);
    if (rule.afterVowel) {
      if (!CONSONANT_START.test(rest)) continue;
      // The article's consonant is written doubled after assimilation: abdu-r-rahman.
      if (rest[1] === rest[0]) rest = rest.slice(1);
    }
    if (rest.length >= rule.minRest) return rule.glue + rest;
  }
  return token;
}

/** Glue each run of particles to the next token in one spelling ("abd al rahman", "abdurrahman" → "abdalrahman"). */
export function joinParticles(tokens: string[]): string[] {
  // These are extra index keys that meet one-word spellings ("alqaida", "vanderberg"); plain tokens are indexed too.
  const out: string[] = [];
  let glue = "";
  let absorbing = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    const next = tokens[i + 1];
    const particle = next === undefined ? undefined : particleFor(token, next);
    if (particle) {
      if (!(absorbing && particle.article)) {
        glue += particle.glue;
        absorbing = particle.absorbsArticle;
      }
      continue;
    }
    out.push(glue + canonicalCompound(token));
    glue = "";
    absorbing = false;
  }
  return out;
}

const NICKNAMES = new Map(Object.entries(nicknameTable.nicknames));

/**
 * A person's name with one short form read as a full name (TED DOE → theodore doe, edward doe): the tokens and
 * the position of the name read, one variant per full name, at most `max`.
 */
export function nicknameReadings(tokens: readonly string[], max = 4): { tokens: string[]; at: number }[] {
  const out: { tokens: string[]; at: number }[] = [];
  tokens.forEach((token, at) => {
    for (const full of NICKNAMES.get(token) ?? []) {
      if (out.length >= max) return;
      out.push({ tokens: tokens.map((t, i) => (i === at ? full : t)), at });
    }
  });
  return out;
}
