import type { Entity, SourceId } from "../model/entity.ts";

/** What a source parser returns: every entity of one list version, plus what the file says about itself. */
export interface ParsedList {
  source: SourceId;
  entities: Entity[];
  /** Publication date from the file (ISO YYYY-MM-DD or full timestamp), when it carries one. */
  published?: string;
  /** Record count the file declares about itself (OFAC XML Record_Count), checked against what was parsed. */
  declaredCount?: number;
  /** Problems that did not stop the import (each names file and line or record). */
  warnings: string[];
}
