/**
 * The State Department's CAATSA §231 List of Specified Persons. No machine-readable file exists, so the list is a
 * table maintained in redline (resources/caatsa-231-lsp.json); it is stored as the list "lsp" like any other, with
 * program CAATSA-231-LSP, in every data directory that holds an official list, and stored again whenever the table
 * that ships with redline differs from the version in service (after an upgrade).
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import type { LspEntry } from "../assess/rules/caatsa231.ts";
import { DataError } from "../errors.ts";
import { type Entity, emptyEntity, type ListVersion, type SourceId } from "../model/entity.ts";
import type { Store } from "../store/store.ts";
import { addName, pushNew } from "./fields.ts";
import type { ParsedList } from "./types.ts";

/** Where the table ships. */
export const LSP_FILE = fileURLToPath(new URL("../../resources/caatsa-231-lsp.json", import.meta.url));
/** The program every LSP entry carries. */
export const LSP_PROGRAM = "CAATSA-231-LSP";
/** Lists that ship with redline rather than being downloaded or imported. */
export const BUILTIN_SOURCES: readonly SourceId[] = ["lsp"];

interface LspTable {
  reviewed: string;
  country?: string;
  entries: LspEntry[];
}

/** Parse the List of Specified Persons table (a file in the format of resources/caatsa-231-lsp.json). */
export async function parseLsp(path: string = LSP_FILE): Promise<ParsedList> {
  let table: LspTable;
  try {
    table = JSON.parse(await readFile(path, "utf8")) as LspTable;
  } catch (error) {
    throw new DataError(`cannot read the List of Specified Persons: ${(error as Error).message}`, {
      file: path,
    });
  }
  if (!Array.isArray(table.entries)) {
    throw new DataError("the table has no entries array", { file: path, field: "entries" });
  }
  const seen = new Set<string>();
  const entities = table.entries.map((e, i) => {
    const field = (name: string) => `entries[${i}].${name}`;
    for (const key of ["id", "name", "sector", "added", "citation"] as const) {
      if (typeof e[key] !== "string" || !e[key].trim()) {
        throw new DataError(`entry ${i + 1} has no ${key}`, { file: path, field: field(key) });
      }
    }
    if (e.type !== "organization" && e.type !== "person") {
      throw new DataError(
        `entry ${e.id} has type ${JSON.stringify(e.type)}, expected organization or person`,
        {
          file: path,
          field: field("type"),
        },
      );
    }
    if (seen.has(e.id)) throw new DataError(`id ${e.id} is used twice`, { file: path, field: field("id") });
    seen.add(e.id);
    return toEntity(e, table.country);
  });
  // The list as the State Department last changed it: its latest addition (the table's own review date is not a
  // publication of the list).
  const published = table.entries.map((e) => e.added).reduce((a, b) => (b > a ? b : a), "");
  return { source: "lsp", entities, ...(published ? { published } : {}), warnings: [] };
}

function toEntity(e: LspEntry, country: string | undefined): Entity {
  const entity = emptyEntity("lsp", e.id, e.type === "person" ? "Person" : "Organization");
  addName(entity, { full: e.name, kind: "primary" });
  // The aliases are redline's, not the list's; an acronym (GRU, UAC, KTRV) names other things too, so it counts
  // as a weak alias: a hit on it alone is marked down, and a document scan needs the party named nearby.
  for (const alias of e.aliases ?? []) {
    addName(entity, { full: alias, kind: /^[A-Z0-9]{2,4}$/.test(alias) ? "weak-aka" : "aka" });
  }
  entity.programs.push(LSP_PROGRAM);
  entity.listedOn.push(e.added);
  if (e.ofac) {
    entity.sameAs = [`ofac:${e.ofac}`];
    entity.references.push(`OFAC entry ${e.ofac}`);
  }
  // Every listed person is part of, or acts for, a sector of the Russian government; for an organisation that is
  // where it is. A person's nationality is not what the list says, so none is given.
  if (country && e.type === "organization") entity.addresses.push({ country });
  entity.facts = [
    { label: "Sector", value: `${e.sector} sector of the Government of the Russian Federation` },
    { label: "Citation", value: e.citation },
  ];
  pushNew(entity.sanctionsInfo, `CAATSA §231: a significant transaction with this person is sanctionable`);
  return entity;
}

async function sha256(path: string): Promise<string> {
  return createHash("sha256")
    .update(await readFile(path))
    .digest("hex");
}

/**
 * Store the built-in lists in a data directory that holds an official list, unless the version in service was
 * made from the same table (same SHA-256). Returns the versions it stored. A directory with no official list is
 * left empty, so a first start still knows that it has nothing to screen against.
 */
export async function ensureBuiltinLists(store: Store): Promise<ListVersion[]> {
  const current = await store.currentVersions();
  if (!current.some((v) => !BUILTIN_SOURCES.includes(v.source))) return [];
  const name = basename(LSP_FILE);
  const checksum = await sha256(LSP_FILE);
  const lsp = current.find((v) => v.source === "lsp");
  if (lsp?.checksums[name] === checksum) return [];
  const parsed = await parseLsp(LSP_FILE);
  const version = await store.saveListVersion({
    source: "lsp",
    ...(parsed.published ? { published: parsed.published } : {}),
    checksums: { [name]: checksum },
    warnings: parsed.warnings,
    entities: parsed.entities,
  });
  return [version];
}
