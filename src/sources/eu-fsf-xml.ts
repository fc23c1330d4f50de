/**
 * The EU Financial Sanctions Files as XML (schema v1.1): export@generationDate / sanctionEntity with regulation,
 * subjectType, nameAlias, citizenship, birthdate, address and identification, their data in attributes. The file
 * (about 25 MB) is streamed; each sanctionEntity is mapped when it closes.
 */
import { SaxesParser } from "saxes";
import { DataError } from "../errors.ts";
import type { Entity } from "../model/entity.ts";
import { type Attrs, type EuRecord, emptyEuRecord, euEntity } from "./eu-fsf.ts";
import type { ParsedList } from "./types.ts";
import { streamXml } from "./xml-stream.ts";

const ROOT = "export";

// Child elements of sanctionEntity whose attributes are collected, by the EuRecord list they go into.
const SECTIONS = {
  nameAlias: "names",
  citizenship: "citizenships",
  birthdate: "births",
  address: "addresses",
  identification: "ids",
} as const;

/** The element name without its namespace prefix. */
const local = (name: string) => name.slice(name.indexOf(":") + 1);

/** Parse an EU Financial Sanctions Files XML export into entities (source "eu"). */
export async function parseEuXml(path: string): Promise<ParsedList> {
  const warnings: string[] = [];
  const warn = (line: number, message: string) => warnings.push(`${path}:${line}: ${message}`);
  const entities: Entity[] = [];
  const parser = new SaxesParser();
  const open: string[] = [];
  let record: EuRecord | undefined;
  let section: Attrs | undefined;
  let text = "";
  let published: string | undefined;
  let rootSeen = false;
  let rootClosed = false;
  const ids = new Map<string, number>();

  parser.on("opentag", (tag) => {
    const name = local(tag.name);
    const attrs = tag.attributes as Record<string, string>;
    const parent = open.at(-1);
    open.push(name);
    text = "";
    if (parent === undefined) {
      if (name !== ROOT) {
        throw new DataError(
          `not an EU Financial Sanctions File: root element is <${tag.name}>, expected <export>`,
          {
            file: path,
            line: parser.line,
          },
        );
      }
      rootSeen = true;
      published = attrs.generationDate?.trim() || undefined;
      return;
    }
    if (name === "sanctionEntity" && parent === ROOT) {
      record = emptyEuRecord(parser.line);
      record.entity = { ...attrs };
      return;
    }
    if (!record) return;
    if (parent === "sanctionEntity") {
      if (name === "regulation") record.regulation = { ...attrs };
      else if (name === "subjectType") record.subject = { ...attrs };
      else if (name in SECTIONS) {
        section = { ...attrs };
        record[SECTIONS[name as keyof typeof SECTIONS]].push(section);
      }
    } else if (name === "contactInfo" && section && attrs.key !== undefined) {
      const pair = `${attrs.key}=${attrs.value ?? ""}`;
      section.contactInfo = section.contactInfo ? `${section.contactInfo}; ${pair}` : pair;
    }
  });
  const onText = (t: string) => {
    text += t;
  };
  parser.on("text", onText);
  parser.on("cdata", onText);
  parser.on("closetag", (tag) => {
    const name = local(tag.name);
    open.pop();
    const parent = open.at(-1);
    if (open.length === 0) rootClosed = true;
    if (!record) return;
    if (name === "remark" && parent === "sanctionEntity") record.remarks.push(text);
    else if (name === "publicationUrl" && parent === "regulation")
      record.regulation.publicationUrl = text.trim();
    else if (name in SECTIONS && parent === "sanctionEntity") section = undefined;
    else if (name === "sanctionEntity" && parent === ROOT) {
      const entity = euEntity(record, warn);
      if (entity) {
        const before = ids.get(entity.id);
        if (before !== undefined) {
          throw new DataError(`logicalId ${entity.sourceId} is used twice (also on line ${before})`, {
            file: path,
            line: record.line,
            field: "logicalId",
          });
        }
        ids.set(entity.id, record.line);
        entities.push(entity);
      }
      record = undefined;
    }
  });

  const lastLine = await streamXml(parser, path, {
    name: ROOT,
    seen: () => rootSeen,
    closed: () => rootClosed,
  });
  if (entities.length === 0) {
    throw new DataError("no sanctionEntity entries: empty or truncated list", { file: path, line: lastLine });
  }
  if (!published) warnings.push(`${path}: no generationDate on <export>`);
  return { source: "eu", entities, ...(published ? { published } : {}), warnings };
}
