import lowWeight from "../../resources/low-weight-tokens.json" with { type: "json" };
import type { Schema } from "../model/entity.ts";
import { tokenize } from "./normalize.ts";

/** What a token is in a name, which decides how much it weighs and how it may match. */
export type TokenKind = "word" | "form" | "generic" | "particle" | "number" | "initial";

/** One way of reading a name: its Latin text and its tagged tokens. */
export interface NameVariant {
  /** The Latin reading (normalised), e.g. "vladimir putin" for "Владимир Путин". */
  reading: string;
  tokens: string[];
  kinds: TokenKind[];
  /** True for the variant with particles glued to the next word (al qaida → alqaida). */
  joined?: boolean;
}

const LOW = new Set(lowWeight.tokens);
const DIGIT = /\d/;

function kindOf(token: string): TokenKind {
  if (DIGIT.test(token)) return "number";
  if (token.length === 1) return "initial";
  if (LOW.has(token)) return "generic";
  return "word";
}

/** Latin readings of a name; the default is the normalised text itself. */
export type ReadingsFn = (text: string) => string[];

/** Split a name into its readings and tagged tokens, as both the index and the query see it. */
export function analyzeName(text: string, _schema: Schema | undefined, readings: ReadingsFn): NameVariant[] {
  const out: NameVariant[] = [];
  const seen = new Set<string>();
  for (const reading of readings(text)) {
    const tokens = tokenize(reading);
    const key = tokens.join(" ");
    if (tokens.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push({ reading: key, tokens, kinds: tokens.map(kindOf) });
  }
  return out;
}
