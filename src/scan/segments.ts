/**
 * A scanned document cut into what a reader sees: plain runs of text and marked mentions, in order.
 * Pure and browser-safe, so the CLI's HTML page and the analyst web page show a document the same way.
 */
import { decodeHTML } from "entities";
import type { Mention, ScanResult } from "./scan.ts";

/** A run of the document as shown: `mention` is set when the run is a marked mention. */
export interface Segment {
  text: string;
  mention?: Mention;
  /** Position of the mention in `result.mentions` (stable id for its card). */
  index?: number;
}

// Markup between mentions of an HTML input is shown as the text it renders, not as tags.
const MARKUP = /<(script|style)\b[\s\S]*?<\/\1\s*>|<!--[\s\S]*?-->|<[^>]*>/gi;

/** The document as reader-facing segments; overlapping mentions keep the first. */
export function scanSegments(input: string, result: Pick<ScanResult, "format" | "mentions">): Segment[] {
  const shown = (text: string) => (result.format === "html" ? decodeHTML(text.replace(MARKUP, " ")) : text);
  const segments: Segment[] = [];
  const plain = (text: string) => {
    if (text !== "") segments.push({ text: shown(text) });
  };
  let at = 0;
  result.mentions.forEach((mention, index) => {
    if (mention.start < at) return;
    plain(input.slice(at, mention.start));
    segments.push({ text: shown(input.slice(mention.start, mention.end)), mention, index });
    at = mention.end;
  });
  plain(input.slice(at));
  return segments;
}
