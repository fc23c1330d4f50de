/**
 * What the scanner reads: plain text, HTML, a SWIFT MT103 or an ISO 20022 pacs.008 message, turned into plain
 * text plus a map from every character of that text back to its offset in the input, so that mentions are
 * reported where they stand in what the user sent. Pure: no I/O.
 */
import { decodeHTML, decodeXML } from "entities";

/** Input formats the scanner understands. */
export type ScanFormat = "text" | "html" | "mt103" | "pacs008";

/** Readable text and, for each of its characters, the offset of the input character it came from. */
export interface PreparedText {
  format: ScanFormat;
  text: string;
  /** origin[i] is the input offset of text[i]; origin[text.length] is the input's length. */
  origin: Int32Array;
  /** Country codes the message states in structured fields (pacs.008 Ctry), with where they stand. */
  countryFields: { code: string; start: number; end: number }[];
}

class Builder {
  private readonly chars: string[] = [];
  private readonly from: number[] = [];

  add(text: string, at: number): void {
    for (let k = 0; k < text.length; k++) {
      this.chars.push(text[k] as string);
      this.from.push(at);
    }
  }

  /** Copy input[start, end) as it is, one to one. */
  copy(input: string, start: number, end: number): void {
    for (let k = start; k < end; k++) {
      this.chars.push(input[k] as string);
      this.from.push(k);
    }
  }

  done(
    format: ScanFormat,
    inputLength: number,
    countryFields: PreparedText["countryFields"] = [],
  ): PreparedText {
    const origin = new Int32Array(this.from.length + 1);
    origin.set(this.from);
    origin[this.from.length] = inputLength;
    return { format, text: this.chars.join(""), origin, countryFields };
  }
}

/** Guess the format from the content: pacs.008 XML, an MT103 block or fields, HTML markup, else text. */
export function detectFormat(input: string): ScanFormat {
  const head = input.slice(0, 4000);
  if (/<(?:\w+:)?(?:FIToFICstmrCdtTrf|Document)\b/.test(head) && /pacs\.008|FIToFICstmrCdtTrf/.test(head)) {
    return "pacs008";
  }
  if (/\{2:[IO]103/.test(head) || (/^:20:/m.test(head) && /^:(?:32A|50[AFK]|59[AF]?):/m.test(head)))
    return "mt103";
  if (/<(?:html|body|p|div|span|br|a|b|i|td|h[1-6])\b[^>]*>/i.test(head) || /&(?:[a-z]+|#\d+);/i.test(head)) {
    return "html";
  }
  return "text";
}

const SKIPPED_ELEMENTS = /^<(script|style|head|noscript|template)\b/i;
// Elements that break a line of text when rendered: a gap keeps words on either side apart.
const ENTITY = /^&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});?/i;

/** HTML to text: tags become a space (so glued words come apart), entities are decoded, scripts dropped. */
function fromHtml(input: string): PreparedText {
  const out = new Builder();
  let i = 0;
  while (i < input.length) {
    const ch = input[i] as string;
    if (ch === "<") {
      if (input.startsWith("<!--", i)) {
        const end = input.indexOf("-->", i + 4);
        i = end < 0 ? input.length : end + 3;
        out.add(" ", i - 1);
        continue;
      }
      const close = input.indexOf(">", i + 1);
      if (close < 0) {
        out.copy(input, i, input.length);
        break;
      }
      const tag = input.slice(i, close + 1);
      const skipped = SKIPPED_ELEMENTS.exec(tag);
      if (skipped && !tag.endsWith("/>")) {
        const end = input.toLowerCase().indexOf(`</${(skipped[1] as string).toLowerCase()}`, close);
        const after = end < 0 ? input.length : input.indexOf(">", end) + 1 || input.length;
        out.add(" ", i);
        i = after;
        continue;
      }
      out.add(" ", i);
      i = close + 1;
      continue;
    }
    if (ch === "&") {
      const m = ENTITY.exec(input.slice(i, i + 40));
      if (m) {
        const decoded = decodeHTML(m[0]);
        out.add(decoded === "\u00a0" ? " " : decoded, i);
        i += m[0].length;
        continue;
      }
    }
    out.copy(input, i, i + 1);
    i++;
  }
  return out.done("html", input.length);
}

// MT103: field tags, block headers and account lines carry no names.
const MT_FIELD_TAG = /^:\d{2}[A-Z]?:/;
const MT_BLOCK = /\{[1-5]:|\}/g;

/** MT103 to text: the fields' content (ordering customer, beneficiary, banks, remittance info) line by line. */
function fromMt103(input: string): PreparedText {
  const out = new Builder();
  let lineStart = 0;
  const lines = input.split(/\n/);
  for (const line of lines) {
    let start = lineStart;
    let end = lineStart + line.length;
    const tag = MT_FIELD_TAG.exec(line);
    if (tag) start += tag[0].length;
    const body = input.slice(start, end);
    // "/12345678" account lines and "1/", "2/" structured prefixes (field 50F, 59F) are not names.
    const account = /^\/[\w-]*\s*$/.test(body.replace(/\r$/, ""));
    const structured = /^[1-8]\//.exec(body);
    if (structured) start += structured[0].length;
    if (body.endsWith("\r")) end--;
    if (!account) {
      let k = start;
      for (const m of input.slice(start, end).matchAll(MT_BLOCK)) {
        out.copy(input, k, start + (m.index ?? 0));
        out.add(" ", start + (m.index ?? 0));
        k = start + (m.index ?? 0) + m[0].length;
      }
      out.copy(input, k, end);
    }
    out.add("\n", end);
    lineStart += line.length + 1;
  }
  return out.done("mt103", input.length);
}

// pacs.008: the names, addresses and remittance text of the parties; everything else is structure.
const PACS_TEXT =
  /<((?:\w+:)?(?:Nm|AdrLine|StrtNm|BldgNm|TwnNm|TwnLctnNm|DstrctNm|CtrySubDvsn|Ustrd))>([^<]*)<\/\1>/g;
const PACS_COUNTRY = /<((?:\w+:)?(?:Ctry|CtryOfRes|CtryOfBirth))>\s*([A-Z]{2})\s*<\/\1>/g;

/** pacs.008 to text: each party's name and address elements, one per line; stated countries kept apart. */
function fromPacs008(input: string): PreparedText {
  const out = new Builder();
  for (const m of input.matchAll(PACS_TEXT)) {
    const contentStart = (m.index ?? 0) + (m[1] as string).length + 2;
    const raw = m[2] as string;
    if (raw.includes("&")) out.add(decodeXML(raw), contentStart);
    else out.copy(input, contentStart, contentStart + raw.length);
    out.add("\n", contentStart + raw.length);
  }
  const countries = [...input.matchAll(PACS_COUNTRY)].map((m) => {
    const start = (m.index ?? 0) + (m[0] as string).indexOf(m[2] as string);
    return { code: m[2] as string, start, end: start + 2 };
  });
  return out.done("pacs008", input.length, countries);
}

/** Turn an input into text the scanner reads, in the given format or the one its content shows. */
export function prepareText(input: string, format: ScanFormat = detectFormat(input)): PreparedText {
  switch (format) {
    case "html":
      return fromHtml(input);
    case "mt103":
      return fromMt103(input);
    case "pacs008":
      return fromPacs008(input);
    default: {
      const origin = new Int32Array(input.length + 1);
      for (let k = 0; k <= input.length; k++) origin[k] = k;
      return { format: "text", text: input, origin, countryFields: [] };
    }
  }
}
