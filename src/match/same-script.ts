/**
 * Names written in the same syllabic or logographic script are compared as written. Their Latin readings
 * collapse characters that sound alike (高市 and 高石 both read gao shi, 김정은 and 김종은 both kim jong un in
 * DPRK usage), yet in these scripts a different character is a different name. Traditional and Japanese
 * character forms are folded to simplified ones first (習近平 = 习近平). Pure: no I/O.
 */
import * as OpenCC from "opencc-js/t2cn";
import hanBusinessWords from "../../resources/translit/han-business-words.json" with { type: "json" };
import { normalizeName } from "../names/normalize.ts";
import { detectScript } from "../names/script.ts";
import { jaroWinkler } from "./jaro-winkler.ts";

// Folded like the names they are taken out of; longest first, so that 有限公司 goes before 公司.
const COMPANY_WORDS = Object.keys(hanBusinessWords.words).sort((x, y) => y.length - x.length);

/** Scripts whose characters are syllables or words: Han, Hangul and the kana. */
const SYLLABIC = new Set(["Hani", "Hang", "Hira", "Kana"]);
// Built on first use (about 15 ms): most processes never compare two Han names.
let converters: ((text: string) => string)[] | undefined;

/** The script of a name when it is one whose characters should be compared as written. */
export function syllabicScript(name: string): string | undefined {
  const script = detectScript(name);
  return script && SYLLABIC.has(script) ? script : undefined;
}

function fold(name: string): string {
  converters ??= [OpenCC.Converter({ from: "t", to: "cn" }), OpenCC.Converter({ from: "jp", to: "cn" })];
  return converters.reduce((text, convert) => convert(text), normalizeName(name)).replace(/ /g, "");
}

/**
 * How alike two names in one syllabic script are, character by character (1 = the same characters), on the
 * stretched Jaro-Winkler scale of token similarity; undefined when they are not both in such a script.
 */
export function sameScriptSimilarity(
  query: string,
  listed: string,
  queryScript?: string,
): number | undefined {
  const script = queryScript ?? syllabicScript(query);
  if (!script || detectScript(listed) !== script) return undefined;
  let a = fold(query);
  let b = fold(listed);
  if (a === b) return 1;
  // Legal forms and trade words (株式会社, 有限公司, 贸易) are shared by thousands of companies: the name is
  // what is left (月岡 / 月見 in 月岡繊維株式会社 / 月見繊維株式会社), when both have something left.
  const bareA = withoutCompanyWords(a);
  const bareB = withoutCompanyWords(b);
  if (bareA && bareB && (bareA !== a || bareB !== b)) {
    a = bareA;
    b = bareB;
    if (a === b) return 1;
  }
  return Math.max(0, 2 * jaroWinkler(a, b) - 1);
}

/** A folded Han name without the generic words of company names, longest first. */
function withoutCompanyWords(text: string): string {
  let out = text;
  for (const word of COMPANY_WORDS) if (out.includes(word)) out = out.split(word).join("");
  return out;
}
