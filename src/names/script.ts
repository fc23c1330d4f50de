/**
 * Script detection for names, so that a non-Latin name can be tagged with its ISO 15924 code and sent to the
 * right transliteration. Pure: no I/O, runs in Node and browsers.
 */

// ISO 15924 code → Unicode Script property value. Order breaks ties (more common scripts in sanctions lists first).
// Japanese kana are kept apart from Han so that a kana-heavy name is not reported as Chinese.
const SCRIPTS: ReadonlyArray<readonly [code: string, pattern: RegExp]> = [
  ["Arab", /\p{Script=Arabic}/u],
  ["Cyrl", /\p{Script=Cyrillic}/u],
  ["Hang", /\p{Script=Hangul}/u],
  ["Hani", /\p{Script=Han}/u],
  ["Hebr", /\p{Script=Hebrew}/u],
  ["Grek", /\p{Script=Greek}/u],
  ["Thai", /\p{Script=Thai}/u],
  ["Ethi", /\p{Script=Ethiopic}/u],
  ["Hira", /\p{Script=Hiragana}/u],
  ["Kana", /\p{Script=Katakana}/u],
  ["Armn", /\p{Script=Armenian}/u],
  ["Geor", /\p{Script=Georgian}/u],
  ["Syrc", /\p{Script=Syriac}/u],
  ["Thaa", /\p{Script=Thaana}/u],
  ["Deva", /\p{Script=Devanagari}/u],
  ["Beng", /\p{Script=Bengali}/u],
  ["Guru", /\p{Script=Gurmukhi}/u],
  ["Gujr", /\p{Script=Gujarati}/u],
  ["Orya", /\p{Script=Oriya}/u],
  ["Taml", /\p{Script=Tamil}/u],
  ["Telu", /\p{Script=Telugu}/u],
  ["Knda", /\p{Script=Kannada}/u],
  ["Mlym", /\p{Script=Malayalam}/u],
  ["Sinh", /\p{Script=Sinhala}/u],
  ["Mymr", /\p{Script=Myanmar}/u],
  ["Khmr", /\p{Script=Khmer}/u],
  ["Laoo", /\p{Script=Lao}/u],
  ["Tibt", /\p{Script=Tibetan}/u],
  ["Mong", /\p{Script=Mongolian}/u],
];

// Everything below U+0370 is Latin, digits, punctuation or combining marks: no need to test it against the table.
const FIRST_NON_LATIN = 0x0370;
// Everything below Greek is Latin, digits, punctuation or symbols.
const NON_LATIN = /[\u0370-\u{10FFFF}]/u;

/** ISO 15924 code of the non-Latin script with the most letters in `text` (ties: table order); undefined if none. */
export function detectScript(text: string): string | undefined {
  // Most names are Latin: one native scan answers them without walking the string in JavaScript.
  if (!NON_LATIN.test(text)) return undefined;
  const counts = new Map<string, number>();
  for (const ch of text) {
    if ((ch.codePointAt(0) ?? 0) < FIRST_NON_LATIN) continue;
    for (const [code, pattern] of SCRIPTS) {
      if (pattern.test(ch)) {
        counts.set(code, (counts.get(code) ?? 0) + 1);
        break;
      }
    }
  }
  let best: string | undefined;
  let bestCount = 0;
  // Map iteration follows first occurrence, not table order; walk the table so ties are stable.
  for (const [code] of SCRIPTS) {
    const n = counts.get(code) ?? 0;
    if (n > bestCount) {
      best = code;
      bestCount = n;
    }
  }
  return best;
}
