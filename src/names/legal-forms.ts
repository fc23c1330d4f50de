/**
 * Legal forms and generic words in organisation names, driven by resources/legal-forms.json and
 * resources/org-generic-words.json. Pure: runs on every list name at index time and on every query.
 */

import formTable from "../../resources/legal-forms.json" with { type: "json" };
import genericTable from "../../resources/org-generic-words.json" with { type: "json" };
import { type TokenTrieNode, trieInsert } from "./token-trie.ts";

/** Where in a name a legal-form variant counts (see "positions" in resources/legal-forms.json). */
export type FormPosition = "any" | "start" | "end" | "edge";

/** What the table says about one legal-form class. */
export interface LegalFormInfo {
  /** The class token as it appears in canonical tokens, e.g. "~llc". */
  token: string;
  name: string;
  family: string;
  source: string;
  /** The countries whose law has this form, when it belongs to one or a few (GmbH: DE, AT, CH, LI). */
  countries?: readonly string[];
}

/** How much an organisation-name token tells about which organisation is meant. */
export type OrgWordTier = "legal-form" | "function" | "generic" | "descriptive";

interface FormTable {
  prefix: string;
  qualifiers: { sequences: string[] };
  spellings: { map: Record<string, string[]> };
  classes: Array<{
    class: string;
    name: string;
    family: string;
    source: string;
    variants: Partial<Record<FormPosition, string[]>>;
  }>;
}

interface Hit {
  token: string;
  position: FormPosition;
  // Qualifiers share the tries with forms so that one walk finds both.
  qualifier: boolean;
}

interface TrieNode extends TokenTrieNode<TrieNode> {
  hit?: Hit;
}

interface Match {
  start: number;
  end: number;
  hit: Hit;
}

const table = formTable as FormTable;

/** Prefix of class tokens; tokenize() never emits it, so a class token cannot collide with a word. */
export const LEGAL_FORM_PREFIX = table.prefix;

const SPELLING = new Map<string, string>();
for (const [canonical, alternatives] of Object.entries(table.spellings.map)) {
  for (const alternative of alternatives) SPELLING.set(alternative, canonical);
}

const FORWARD: TrieNode = { next: new Map() };
const BACKWARD: TrieNode = { next: new Map() };
const INFO = new Map<string, LegalFormInfo>();
// Single-token forms that count anywhere, for isGenericOrgWord() on raw tokens ("ltd", "company").
const FREE_SINGLE = new Set<string>();

const ALTERNATIVES = new Map(Object.entries(table.spellings.map));

function insert(root: TrieNode, tokens: string[], hit: Hit): void {
  const node = trieInsert<TrieNode>(
    root,
    tokens,
    () => ({ next: new Map() }),
    (t) => ALTERNATIVES.get(t) ?? [],
  );
  if (node.hit) throw new Error(`legal-forms.json: "${tokens.join(" ")}" is listed twice`);
  node.hit = hit;
}

function addSequence(text: string, hit: Hit): void {
  const tokens = text.split(" ");
  insert(FORWARD, tokens, hit);
  insert(BACKWARD, [...tokens].reverse(), hit);
}

for (const entry of table.classes) {
  const token = LEGAL_FORM_PREFIX + entry.class;
  const countries = (entry as { countries?: string[] }).countries;
  INFO.set(token, {
    token,
    name: entry.name,
    family: entry.family,
    source: entry.source,
    ...(countries ? { countries } : {}),
  });
  for (const [position, variants] of Object.entries(entry.variants) as Array<[FormPosition, string[]]>) {
    for (const variant of variants) {
      addSequence(variant, { token, position, qualifier: false });
      if (position === "any" && !variant.includes(" ")) FREE_SINGLE.add(variant);
    }
  }
}
for (const sequence of table.qualifiers.sequences) {
  addSequence(sequence, { token: "", position: "end", qualifier: true });
}

const TIER = new Map<string, OrgWordTier>();
for (const [tier, group] of Object.entries(genericTable.tiers)) {
  for (const word of group.words) TIER.set(word, tier as OrgWordTier);
}

function keyOf(token: string): string {
  return SPELLING.get(token) ?? token;
}

// Longest form ending just before `end` whose first token is at index >= 1 when it is position-bound.
function longestEndingAt(tokens: string[], end: number): Match | undefined {
  let node: TrieNode | undefined = BACKWARD;
  let best: Match | undefined;
  for (let i = end - 1; i >= 0; i--) {
    node = node.next.get(tokens[i] as string);
    if (!node) break;
    const hit = node.hit;
    if (hit && (hit.position === "any" || (i > 0 && hit.position !== "start"))) best = { start: i, end, hit };
  }
  return best;
}

// Longest form starting at `start` and ending at or before `limit`; position-bound forms only at index 0,
// and only when a token is left before `limit`.
function longestStartingAt(
  tokens: string[],
  start: number,
  limit: number,
  bound: boolean,
): Match | undefined {
  let node: TrieNode | undefined = FORWARD;
  let best: Match | undefined;
  for (let i = start; i < limit; i++) {
    node = node.next.get(tokens[i] as string);
    if (!node) break;
    const hit = node.hit;
    if (!hit || hit.qualifier) continue;
    const free = hit.position === "any";
    const leading = bound && (hit.position === "start" || hit.position === "edge") && i + 1 < limit;
    if (free || leading) best = { start, end: i + 1, hit };
  }
  return best;
}

function addForm(out: string[], forms: string[], token: string): void {
  out.push(token);
  if (!forms.includes(token)) forms.push(token);
}

/** Replace each legal-form variant (longest first, positions respected) by its class token; list the classes found. */
export function canonicalizeOrgTokens(tokens: string[]): { tokens: string[]; forms: string[] } {
  const n = tokens.length;
  // From the end: forms there may be position-bound, and a chain of forms or qualifiers keeps them "at the end".
  const tail: Match[] = [];
  let hi = n;
  while (hi > 0) {
    const m = longestEndingAt(tokens, hi);
    if (!m) break;
    tail.push(m);
    hi = m.start;
  }
  // Qualifiers only matter for forms before them: a trailing qualifier with no form stays a plain word.
  while (tail.length > 0 && (tail[tail.length - 1] as Match).hit.qualifier) {
    hi = (tail.pop() as Match).end;
  }

  const out: string[] = [];
  const forms: string[] = [];
  let i = 0;
  while (i < hi) {
    const m = longestStartingAt(tokens, i, hi, i === 0);
    if (m) {
      addForm(out, forms, m.hit.token);
      i = m.end;
    } else {
      out.push(tokens[i] as string);
      i++;
    }
  }
  for (let k = tail.length - 1; k >= 0; k--) {
    const m = tail[k] as Match;
    if (m.hit.qualifier) {
      for (let j = m.start; j < m.end; j++) out.push(tokens[j] as string);
    } else {
      addForm(out, forms, m.hit.token);
    }
  }
  return { tokens: out, forms };
}

/** Class token when the whole token list is one legal-form variant ("s a de c v" → "~sadecv"), positions ignored. */
export function legalFormClass(tokens: string[]): string | undefined {
  let node: TrieNode | undefined = FORWARD;
  for (const token of tokens) {
    node = node.next.get(token);
    if (!node) return undefined;
  }
  const hit = node.hit;
  return hit && !hit.qualifier ? hit.token : undefined;
}

/** True for a class token produced by canonicalizeOrgTokens ("~llc"). */
export function isLegalFormToken(token: string): boolean {
  return INFO.has(token);
}

/** Display name, family and source of a class token, for explanations. */
export function legalFormInfo(token: string): LegalFormInfo | undefined {
  return INFO.get(token);
}

/**
 * When two names carry legal forms of different countries only (GmbH and Sdn. Bhd.), the two forms; undefined
 * when they share a form, a country, or either side has a form used in many countries or none at all.
 */
export function foreignForms(
  a: readonly string[],
  b: readonly string[],
): [LegalFormInfo, LegalFormInfo] | undefined {
  const formsA = a.filter((t) => INFO.has(t)).map((t) => INFO.get(t) as LegalFormInfo);
  const formsB = b.filter((t) => INFO.has(t)).map((t) => INFO.get(t) as LegalFormInfo);
  if (formsA.length === 0 || formsB.length === 0) return undefined;
  if (formsA.some((x) => formsB.some((y) => x.token === y.token))) return undefined;
  if (!formsA.every((x) => x.countries) || !formsB.every((y) => y.countries)) return undefined;
  const countriesA = new Set(formsA.flatMap((x) => x.countries ?? []));
  if (formsB.some((y) => (y.countries ?? []).some((c) => countriesA.has(c)))) return undefined;
  return [formsA[0] as LegalFormInfo, formsB[0] as LegalFormInfo];
}

/** A form's usual abbreviation, the first one its table name gives ("GmbH", "Sdn. Bhd.", "LLC"). */
export function legalFormShortName(form: LegalFormInfo): string {
  return /\(([^;,)]+)/.exec(form.name)?.[1] ?? form.name;
}

/** Every legal-form class, in table order. */
export function legalFormClasses(): LegalFormInfo[] {
  return [...INFO.values()];
}

/** Tier of an organisation-name token: a class token, a position-free legal form, or a generic word. */
export function orgWordTier(token: string): OrgWordTier | undefined {
  const key = keyOf(token);
  if (INFO.has(token) || FREE_SINGLE.has(key)) return "legal-form";
  return TIER.get(token) ?? TIER.get(key);
}

/** True for a word that says little about which organisation is meant (generic word, class token, free form). */
export function isGenericOrgWord(token: string): boolean {
  // Position-bound forms ("as", "sa", "co") are false here: only canonicalizeOrgTokens can tell whether they are forms.
  return orgWordTier(token) !== undefined;
}
