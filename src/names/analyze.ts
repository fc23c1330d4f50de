import abbreviations from "../../resources/abbreviations.json" with { type: "json" };
import companyWords from "../../resources/company-words.json" with { type: "json" };
import annotations from "../../resources/name-annotations.json" with { type: "json" };
import numbers from "../../resources/number-words.json" with { type: "json" };
import hebrewNames from "../../resources/translit/hebrew-names.json" with { type: "json" };
import type { Schema } from "../model/entity.ts";
import { countryCode } from "./countries.ts";
import { canonicalizeOrgTokens, isLegalFormToken, orgWordTier } from "./legal-forms.ts";
import { tokenize } from "./normalize.ts";
import { isParticle, joinParticles, stripHonorifics } from "./person-parts.ts";
import { detectScript } from "./script.ts";

/** Roman numerals of two letters or more (II, IV, XIV): series and fund numbers, read as numbers. */
export const ROMAN = /^(?=[ivxlc]{2,})c{0,3}(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;

/** What a token is in a name, which decides how much it weighs and how it may match. */
export type TokenKind = "word" | "descriptive" | "form" | "generic" | "particle" | "number" | "initial";

/** One way of reading a name: its Latin text and its tagged tokens. */
export interface NameVariant {
  /** The Latin reading (normalised), e.g. "vladimir putin" for "Владимир Путин". */
  reading: string;
  tokens: string[];
  kinds: TokenKind[];
  /** Which part of the written name this variant reads: all of it, the name without notes, or a former name. */
  part: "whole" | "main" | "former";
}

/** Latin readings of a name; the default is the normalised text itself. */
export type ReadingsFn = (text: string) => string[];

const ABBREVIATIONS = new Map(Object.entries(abbreviations.words));
/** Transliterated trade words and their English (GVINO → wine, HOVALOT → transport). */
const TRADE_WORDS = new Map<string, string>([
  ...Object.values(companyWords.languages).flatMap((words) => Object.entries(words)),
  // Hebrew company words as written in Latin letters: the transliteration beside the translation.
  ...Object.values(hebrewNames.words).flatMap(([english, latin]) =>
    english && latin && english !== latin && !latin.includes(" ")
      ? [[latin, english] as [string, string]]
      : [],
  ),
]);
const PHRASES = new Map(Object.entries(abbreviations.phrases));
const LONGEST_PHRASE = Math.max(...[...PHRASES.keys()].map((k) => k.split(" ").length));
const DIGIT = /\d/;
// Roman numerals distinguish ships and companies (WATTLE STAR II is not WATTLE STAR III): they count as numbers.
const VESSEL_PREFIXES = annotations.vesselPrefixes.map((p) => p.split(" "));

function toPattern(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&").replace(/ /g, "[\\s./-]*");
}
// Longest first, so that "formerly known as" is not read as "formerly" followed by a name "known as …".
const FORMER_WORDS = [...annotations.formerMarkers]
  .sort((a, b) => b.length - a.length)
  .map(toPattern)
  .join("|");
// "(ex-CAPE DIAMOND)", "(formerly X)": a former or other name in parentheses.
const FORMER_IN_PARENS = new RegExp(`\\(\\s*(?:${FORMER_WORDS})\\b[\\s.:-]*([^)]+)\\)`, "gi");
// "OCEAN PIONEER ex-CAPE DIAMOND", "X f/k/a Y": the same without parentheses.
const FORMER_INLINE = new RegExp(`\\s(?:${FORMER_WORDS})(?:[\\s.:]+|-)(?=\\S)`, "i");
// "ex MANDVI BAY, ex WANSHAN PEARL": one former name after another.
const FORMER_SEPARATOR = new RegExp(`[,;/]\\s*(?:${FORMER_WORDS})\\b[\\s.:-]*`, "i");
// "ex-LINDOS HARRIER until 2019", "(ex X, 2015-2018)": when the name was borne, not part of it.
const FORMER_DATES =
  /(?:\s+(?:until|till|from|since|in|before|after)\s+|\s*,\s*)(?:\d{1,2}[./-]){0,2}\d{4}(?:\s*(?:-|–|to)\s*\d{4})?\s*$/i;
/[\s,]+(?:(?:until|till|to|from|since|in|before|after)\s+)?(?:\d{1,2}[./-])?(?:\d{1,2}[./-])?\d{4}(?:\s*(?:-|–|to)\s*\d{4})?\s*$/i;
const ANNOTATION = new RegExp(`\\s(?:${annotations.annotationMarkers.map(toPattern).join("|")})\\b.*$`, "i");
const ANNOTATION_WORDS = new RegExp(
  `[,(–-]\\s*[^,()]*\\b(?:${annotations.annotationWords.join("|")})\\b[^,()]*\\)?\\s*$`,
  "i",
);
const PARENS = /\(([^)]*)\)/g;
// "BENEFICIARY: X", "MESSRS. X": a form's field label left in front of the name.
const PARTY_LABEL = new RegExp(
  `^\\s*(?:${annotations.partyLabels.map(toPattern).join("|")})\\s*[:.]\\s*(?=\\S)`,
  "i",
);
// Words run together with capitals marking their starts ("GroupeDiarraImportExport").
const CAMEL = /([a-z\u00df-\u00ff])(?=[A-Z\u00c0-\u00de])/g;
const HAS_CAMEL = /[a-z\u00df-\u00ff][A-Z\u00c0-\u00de]/;
// An address or registration note after a comma carries digits: "…, 12250 Brevard Ln, Pasadena TX".
const TRAILING_ADDRESS = /,[^,]*\d[^,]*(,.*)?$/;

/**
 * Scripts whose languages write no name particles: in the Latin reading of a Burmese, Thai, Chinese, Korean,
 * Japanese or Georgian name, LA or DE is a syllable or a word, never Spanish "la" or French "de", and no
 * article or preposition of a European company name.
 */
const SCRIPTS_WITHOUT_PARTICLES = new Set([
  "Mymr",
  "Thai",
  "Hang",
  "Hani",
  "Hira",
  "Kana",
  "Khmr",
  "Laoo",
  "Tibt",
  "Mong",
  "Ethi",
  "Geor",
  "Armn",
]);

function kindOf(token: string, next: string | undefined, person: boolean, particles = true): TokenKind {
  if (DIGIT.test(token) || ROMAN.test(token)) return "number";
  if (token.length === 1) return "initial";
  if (isLegalFormToken(token)) return "form";
  if (particles && isParticle(token, next)) return "particle";
  if (!person) {
    const tier = orgWordTier(token);
    if (tier === "function") return particles ? "particle" : "word";
    if (tier === "generic" || tier === "legal-form") return "generic";
    if (tier === "descriptive") return "descriptive";
  }
  return "word";
}

/**
 * The names a written name holds: the whole text, the name without notes (parenthesised remarks, c/o,
 * branch, addresses) and any former names it carries ("ex-…", "f/k/a …").
 */
export function nameParts(text: string, schema?: Schema): { text: string; part: NameVariant["part"] }[] {
  const out: { text: string; part: NameVariant["part"] }[] = [{ text, part: "whole" }];
  const formers: string[] = [];
  let main = text.replace(PARTY_LABEL, "").replace(FORMER_IN_PARENS, (_, former: string) => {
    formers.push(former);
    return " ";
  });
  const inline = FORMER_INLINE.exec(main);
  if (inline) {
    formers.push(main.slice(inline.index + inline[0].length));
    main = main.slice(0, inline.index);
  }
  // A vessel written with its port after a comma ("MT GOLDEN KINNAREE, Laem Chabang").
  if (schema === "Vessel" && main.includes(",")) main = main.slice(0, main.lastIndexOf(","));
  main = main
    .replace(ANNOTATION, "")
    // A country in parentheses names a subsidiary (BANK OF CHINA (HONG KONG)): it stays part of the name;
    // after a vessel's name it is the flag (KALLIOPI DAWN (Malta)). A number in parentheses is part of the
    // registered name (MAAGAN SHIPPING AGENCIES (1998) LTD): numbers are significant.
    .replace(PARENS, (_whole, inner: string) =>
      (countryCode(inner) && schema !== "Vessel") || /^\s*\d+\s*$/.test(inner) ? ` ${inner} ` : " ",
    )
    .replace(ANNOTATION_WORDS, "")
    .replace(TRAILING_ADDRESS, "");
  main = main.replace(/\s+/g, " ").trim();
  if (HAS_CAMEL.test(main)) main = main.replace(CAMEL, "$1 ");
  if (main && main !== text.trim()) out.push({ text: main, part: "main" });
  for (const former of formers.flatMap((f) => f.split(FORMER_SEPARATOR))) {
    const name = former.replace(FORMER_DATES, "").trim();
    if (name) out.push({ text: name, part: "former" });
  }
  return out;
}

const UNITS = new Map(Object.entries(numbers.units));
const TENS = new Map(Object.entries(numbers.tens));
const ORDINALS = new Map(Object.entries(numbers.ordinals));
const LEET = new Map(Object.entries(numbers.leet));
const LETTER = /\p{L}/u;

/** Number words as digits: "forty four" → "44", "first" → "1". */
function numberWords(tokens: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    const tens = TENS.get(t);
    // FORTY FOUR and FORTY 4 alike are 44.
    const next = tokens[i + 1] ?? "";
    const unit = UNITS.get(next) ?? (/^[1-9]$/.test(next) ? Number(next) : undefined);
    if (tens !== undefined && unit !== undefined && unit < 10) {
      out.push(String(tens + unit));
      i++;
    } else {
      const n = tens ?? UNITS.get(t) ?? ORDINALS.get(t);
      out.push(n === undefined ? t : String(n));
    }
  }
  return out;
}

/** Other spellings worth trying: initials run together (A B C → ABC), no repeated words, digits for letters. */
function respellings(tokens: string[]): string[][] {
  const out: string[][] = [];
  const glued: string[] = [];
  let run = "";
  for (const t of [...tokens, ""]) {
    if (t.length === 1 && /[a-z]/.test(t)) {
      run += t;
      continue;
    }
    if (run) glued.push(run);
    run = "";
    if (t) glued.push(t);
  }
  if (glued.length < tokens.length) out.push(glued);
  const unique = tokens.filter((t, i) => tokens.indexOf(t) === i);
  if (unique.length < tokens.length) out.push(unique);
  if (tokens.some((t) => DIGIT.test(t) && LETTER.test(t))) {
    out.push(
      tokens.map((t) => (DIGIT.test(t) && LETTER.test(t) ? [...t].map((c) => LEET.get(c) ?? c).join("") : t)),
    );
  }
  return out;
}

/**
 * A legal form written first that only counts at the end of a name (S.A. PESCABRAVA = PESCABRAVA S.A.):
 * the same name with the form moved to the end, when that makes it a form.
 */
function formMovedToEnd(tokens: string[]): string[][] {
  const out: string[][] = [];
  for (let k = 1; k <= 3 && k < tokens.length; k++) {
    const head = tokens.slice(0, k);
    if (canonicalizeOrgTokens(head).forms.length > 0) continue;
    const moved = canonicalizeOrgTokens([...tokens.slice(k), ...head]);
    const last = moved.tokens[moved.tokens.length - 1] ?? "";
    if (isLegalFormToken(last) && moved.tokens.length === tokens.length - k + 1) out.push(moved.tokens);
  }
  return out;
}

/**
 * Full forms for abbreviated words and (in organisation names) phrases, and no "NO." in front of a number
 * (CHAO LE NO. 8 = CHAO LE 8).
 */
function expandAbbreviations(tokens: string[], phrases = true): string[] {
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as string;
    if ((t === "no" || t === "nr") && DIGIT.test(tokens[i + 1] ?? "")) continue;
    let phrase: string | undefined;
    let length = 0;
    for (let n = phrases ? Math.min(LONGEST_PHRASE, tokens.length - i) : 0; n >= 2 && !phrase; n--) {
      phrase = PHRASES.get(tokens.slice(i, i + n).join(" "));
      length = n;
    }
    if (phrase) {
      out.push(...phrase.split(" "));
      i += length - 1;
    } else out.push(ABBREVIATIONS.get(t) ?? t);
  }
  return out;
}

/** Whether a name starts with a vessel prefix (MV, M/T, N/M …): it names a ship, whatever it is filed as. */
export function hasVesselPrefix(text: string): boolean {
  return withoutVesselPrefix(tokenize(text)) !== undefined;
}

function withoutVesselPrefix(tokens: string[]): string[] | undefined {
  for (const prefix of VESSEL_PREFIXES) {
    if (tokens.length > prefix.length && prefix.every((p, i) => tokens[i] === p))
      return tokens.slice(prefix.length);
  }
  return undefined;
}

/**
 * Split a name into its readings and tagged tokens, as both the index and the query see it: person names lose
 * titles and gain a variant with particles glued (AL QAIDA → ALQAIDA); other names get legal-form classes
 * (OAO = OJSC = OPEN JOINT STOCK COMPANY → ~ojsc).
 */
export function analyzeName(
  text: string,
  schema: Schema | undefined,
  readings: ReadingsFn,
  /**
   * Also read the name as a person's (for a query of unknown kind), when a title is stripped or a word read as
   * a legal form may be a name (`alsoPerson` says which words may: those a list's names hold as words).
   */
  options: { alsoPerson?: (token: string) => boolean } = {},
): NameVariant[] {
  const person = schema === "Person";
  const out: NameVariant[] = [];
  const seen = new Set<string>();
  const personal: { tokens: string[]; part: NameVariant["part"] }[] = [];
  let particles = true;
  const add = (tokens: string[], part: NameVariant["part"], asPerson = person) => {
    const key = tokens.join(" ");
    if (tokens.length === 0 || seen.has(key)) return;
    seen.add(key);
    const kinds = tokens.map((t, i) => kindOf(t, tokens[i + 1], asPerson, particles));
    out.push({ reading: key, tokens, kinds, part });
  };
  const glue = (tokens: string[]) => (particles ? joinParticles(tokens) : tokens);
  for (const { text: piece, part } of nameParts(text, schema)) {
    const script = detectScript(piece);
    particles = script === undefined || !SCRIPTS_WITHOUT_PARTICLES.has(script);
    for (const reading of readings(piece)) {
      let tokens = tokenize(reading);
      // Legal forms are read before abbreviations, so that a lone CIA stays a word and CIA. LTDA a form.
      const raw = tokens;
      const org = person ? undefined : canonicalizeOrgTokens(tokens);
      if (options.alsoPerson && org) {
        // Worth it where the readings differ: a title (AL-HAJJ YAHYA), or a legal form that is also a name
        // among words none of which is a company word (PAO YU LIANG).
        const stripped = stripHonorifics(raw).tokens;
        const nameLike = options.alsoPerson;
        if (
          stripped.length < raw.length ||
          (org.forms.length > 0 &&
            raw.some((t) => !org.tokens.includes(t) && nameLike(t)) &&
            org.tokens.every((t) => isLegalFormToken(t) || !orgWordTier(t)))
        ) {
          const own = numberWords(expandAbbreviations(stripped, false));
          personal.push({ tokens: own, part }, { tokens: glue(own), part });
        }
      }
      tokens = numberWords(expandAbbreviations(org ? org.tokens : stripHonorifics(tokens).tokens, !person));
      add(tokens, part);
      if (!person)
        for (const moved of formMovedToEnd(raw)) add(numberWords(expandAbbreviations(moved)), part);
      const bare = withoutVesselPrefix(tokens);
      if (bare) add(bare, part === "whole" ? "main" : part);
      const glued = glue(tokens);
      if (glued.length < tokens.length) add(glued, part);
      // Trade words written in Latin letters in their own language, read in English too (GYUMRI METAGH = METAL).
      if (!person && tokens.some((t) => TRADE_WORDS.has(t))) {
        add(
          tokens.flatMap((t) => TRADE_WORDS.get(t)?.split(" ") ?? [t]),
          part,
        );
      }
      for (const other of respellings(tokens)) add(other, part);
      // Initials run together before legal forms are read: P.T. ASTRA = PT ASTRA (a form), S.C. JOHNSON = SC JOHNSON.
      if (!person) {
        for (const other of respellings(raw).slice(0, 1)) {
          add(numberWords(expandAbbreviations(canonicalizeOrgTokens(other).tokens)), part);
        }
      }
    }
  }
  // The same words read as a person's name come after the other readings, which win a tie.
  for (const p of personal) add(p.tokens, p.part, true);
  return out;
}
