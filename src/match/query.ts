import { DataError } from "../errors.ts";
import type { QueryType, ScreenQuery } from "./types.ts";

const TYPES: readonly QueryType[] = ["person", "organization", "vessel", "aircraft"];
const DATE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
export const MAX_NAME_LENGTH = 500;
// Control characters other than tab have no place in a name and usually mean a broken file.
const CONTROL = /[^\P{Cc}\t]/u;

/** Check raw query fields (from a CSV row, a flag or a request body) and build a query, or throw naming the field. */
export function toQuery(raw: Record<string, string | undefined>): ScreenQuery {
  const name = raw.name?.trim();
  if (!name) throw new DataError("name is empty", { field: "name" });
  if (name.length > MAX_NAME_LENGTH) {
    throw new DataError(`name is longer than ${MAX_NAME_LENGTH} characters`, { field: "name" });
  }
  if (CONTROL.test(name)) throw new DataError("name contains control characters", { field: "name" });
  const query: ScreenQuery = { name };
  const type = raw.type?.trim().toLowerCase();
  if (type) {
    if (!TYPES.includes(type as QueryType)) {
      throw new DataError(`"${raw.type}" is not one of ${TYPES.join(", ")}`, { field: "type" });
    }
    query.type = type as QueryType;
  }
  const dob = raw.dob?.trim();
  if (dob) {
    if (!DATE.test(dob))
      throw new DataError(`"${dob}" is not a date as YYYY, YYYY-MM or YYYY-MM-DD`, { field: "dob" });
    query.dob = dob;
  }
  const country = raw.country?.trim();
  if (country) query.country = country;
  const id = raw.id?.trim();
  if (id) query.id = id;
  return query;
}
