import Type, { type Static } from "typebox";
import { MAX_NAME_LENGTH } from "../match/query.ts";

// Answers allow more properties than listed so a field added to the core is never silently dropped.
const open = { additionalProperties: true };

const queryFields = {
  name: Type.String({ minLength: 1, maxLength: MAX_NAME_LENGTH, description: "the name to screen" }),
  type: Type.Optional(
    Type.Union(["person", "organization", "vessel", "aircraft"].map((t) => Type.Literal(t))),
  ),
  dob: Type.Optional(Type.String({ pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$", description: "YYYY[-MM[-DD]]" })),
  country: Type.Optional(Type.String({ maxLength: 100, description: "country name or ISO code" })),
  id: Type.Optional(Type.String({ maxLength: 100, description: "passport, IMO, tax ID…" })),
  limit: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 100, description: "at most this many hits (10)" }),
  ),
  minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1, description: "leave out hits below (0.7)" })),
  threshold: Type.Optional(
    Type.Number({ minimum: 0, maximum: 1, description: "score that counts as a match (0.85)" }),
  ),
  mode: Type.Optional(Type.Union([Type.Literal("redline"), Type.Literal("ofac")])),
  includeLists: Type.Optional(
    Type.Array(Type.String({ maxLength: 40 }), {
      maxItems: 20,
      description: "only these lists (e.g. ofac, un)",
    }),
  ),
  excludeLists: Type.Optional(
    Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20, description: "leave out these lists" }),
  ),
};

/** Body of `POST /v1/screen`. */
export const ScreenBody = Type.Object(queryFields, { additionalProperties: false });

/** The query fields and options a single screen and a batch row share. */
export type ScreenFields = Static<typeof ScreenBody>;

/** Body of `POST /v1/screen/batch`: queries with the client's own keys. */
export const BatchBody = Type.Object(
  {
    queries: Type.Array(
      Type.Object(
        {
          key: Type.String({ minLength: 1, maxLength: 200, description: "the client's key for this query" }),
          ...queryFields,
        },
        { additionalProperties: false },
      ),
      // The route names the configured limit; the schema only stops absurd bodies before they are walked.
      { minItems: 1, maxItems: 100_000 },
    ),
  },
  { additionalProperties: false },
);

const Query = Type.Object(
  {
    name: Type.String(),
    type: Type.Optional(Type.String()),
    dob: Type.Optional(Type.String()),
    country: Type.Optional(Type.String()),
    id: Type.Optional(Type.String()),
  },
  open,
);

const Hit = Type.Object(
  {
    id: Type.String(),
    source: Type.String(),
    sourceId: Type.String(),
    schema: Type.String(),
    name: Type.String(),
    matchedName: Type.String(),
    score: Type.Number(),
    match: Type.Boolean(),
    programs: Type.Array(Type.String()),
    listVersion: Type.Optional(Type.Integer()),
    explanation: Type.Object({ summary: Type.String() }, open),
    list: Type.Optional(Type.String({ description: "the list inside the source (US CSL: SDN, SSI, EL…)" })),
    party: Type.Optional(Type.String({ description: "the party this listing belongs to (see parties)" })),
  },
  open,
);

const Listing = Type.Object(
  {
    id: Type.String(),
    source: Type.String(),
    list: Type.Optional(Type.String()),
    sourceId: Type.String(),
    schema: Type.String(),
    name: Type.String(),
    programs: Type.Array(Type.String()),
    listVersion: Type.Optional(Type.Integer()),
    score: Type.Optional(Type.Number({ description: "present when this listing was itself a hit" })),
    match: Type.Optional(Type.Boolean()),
  },
  open,
);

const Party = Type.Object(
  {
    party: Type.String({ description: "the party's id: the id of its first listing in list order" }),
    name: Type.String(),
    score: Type.Number(),
    match: Type.Boolean(),
    listings: Type.Array(Listing, {
      description: "every listing of the party in the lists loaded, hits first",
    }),
    ties: Type.Array(Type.Object({ from: Type.String(), to: Type.String(), reason: Type.String() }, open), {
      description: "why the listings are one party",
    }),
  },
  open,
);

/** The answer to one screening: the query as understood, the hits (best first) and the parties they belong to. */
export const ScreenAnswerSchema = Type.Object(
  { query: Query, hits: Type.Array(Hit), parties: Type.Optional(Type.Array(Party)) },
  open,
);

/** The answer to a batch: one result per query, in order, with its key. */
export const BatchAnswer = Type.Object(
  {
    results: Type.Array(
      Type.Object(
        {
          key: Type.String(),
          query: Query,
          hits: Type.Array(Hit),
          parties: Type.Optional(Type.Array(Party)),
        },
        open,
      ),
    ),
  },
  open,
);

/** Most characters a document sent to `POST /v1/scan` may have. */
export const MAX_SCAN_LENGTH = 1_000_000;

/** Body of `POST /v1/scan`. */
export const ScanBody = Type.Object(
  {
    text: Type.String({
      minLength: 1,
      maxLength: MAX_SCAN_LENGTH,
      description: "the document: plain text, HTML, a SWIFT MT103 or an ISO 20022 pacs.008 message",
    }),
    format: Type.Optional(
      Type.Union(
        ["text", "html", "mt103", "pacs008"].map((f) => Type.Literal(f)),
        { description: "how to read the document (default: from its content)" },
      ),
    ),
    threshold: queryFields.threshold,
    includeLists: queryFields.includeLists,
    excludeLists: queryFields.excludeLists,
  },
  { additionalProperties: false },
);

const MentionSchema = Type.Object(
  {
    kind: Type.Union([Type.Literal("party"), Type.Literal("jurisdiction")]),
    start: Type.Integer({ description: "offset of the first character in the document (UTF-16 code units)" }),
    end: Type.Integer({ description: "offset after the last character" }),
    text: Type.String(),
    score: Type.Optional(Type.Number()),
    hits: Type.Optional(Type.Array(Hit)),
    country: Type.Optional(Type.String({ description: "ISO 3166-1 alpha-2 of a jurisdiction" })),
    jurisdiction: Type.Optional(Type.Object({}, open)),
  },
  open,
);

/** The answer to a scan: every mention, in document order. */
export const ScanAnswer = Type.Object(
  {
    format: Type.String(),
    characters: Type.Integer(),
    words: Type.Integer(),
    mentions: Type.Array(MentionSchema),
  },
  open,
);

const roles = ["buyer", "seller", "manufacturer", "intermediary", "end-user", "bank", "carrier", "other"];
const partyType = Type.Optional(
  Type.Union(["person", "organization", "vessel", "aircraft"].map((t) => Type.Literal(t))),
);

/** A deal to assess: the body of `POST /v1/assess` and the file `redline assess` reads. */
export const DealBody = Type.Object(
  {
    parties: Type.Array(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: MAX_NAME_LENGTH }),
          role: Type.Union(roles.map((r) => Type.Literal(r))),
          type: partyType,
          country: Type.Optional(Type.String({ maxLength: 100, description: "country name or ISO code" })),
          identifiers: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 20 })),
          owners: Type.Optional(
            Type.Array(
              Type.Object(
                {
                  name: Type.String({ minLength: 1, maxLength: MAX_NAME_LENGTH }),
                  share: Type.Number({ minimum: 0, maximum: 100, description: "percent of the party owned" }),
                  type: partyType,
                  country: Type.Optional(Type.String({ maxLength: 100 })),
                },
                { additionalProperties: false },
              ),
              { maxItems: 100 },
            ),
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
    goods: Type.Optional(
      Type.Array(
        Type.Object(
          {
            description: Type.String({ minLength: 1, maxLength: 2000 }),
            category: Type.Optional(
              Type.Union(["defence", "dual-use", "energy", "finance", "other"].map((c) => Type.Literal(c))),
            ),
            hs: Type.Optional(Type.String({ maxLength: 20 })),
            eccn: Type.Optional(Type.String({ maxLength: 20 })),
          },
          { additionalProperties: false },
        ),
        { maxItems: 100 },
      ),
    ),
    value: Type.Optional(
      Type.Object(
        { amount: Type.Number({ minimum: 0 }), currency: Type.String({ minLength: 3, maxLength: 3 }) },
        { additionalProperties: false },
      ),
    ),
    date: Type.Optional(Type.String({ pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "YYYY-MM-DD" })),
    threshold: queryFields.threshold,
  },
  { additionalProperties: false },
);

/** The answer to an assessment. */
export const AssessAnswer = Type.Object(
  {
    verdict: Type.Union(["prohibited", "high", "review", "clear"].map((v) => Type.Literal(v))),
    findings: Type.Array(Type.Object({ rule: Type.String(), severity: Type.String() }, open)),
    screened: Type.Array(
      Type.Object({ name: Type.String(), role: Type.String(), hits: Type.Array(Hit) }, open),
    ),
    assumptions: Type.Array(Type.String()),
    disclaimer: Type.String(),
  },
  open,
);

/** Path of `GET /v1/entities/{id}`. */
export const EntityParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) });

/** Query string of `GET /v1/audit`. */
export const AuditQuery = Type.Object(
  {
    since: Type.Optional(Type.String({ description: "date or ISO timestamp" })),
    after: Type.Optional(Type.Integer({ minimum: 0, description: "sequence number to continue after" })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    newest: Type.Optional(
      Type.Boolean({ description: "the latest `limit` records, newest first, instead of paging forward" }),
    ),
  },
  { additionalProperties: false },
);

/** One page of the audit trail. */
export const AuditPage = Type.Object(
  {
    records: Type.Array(Type.Object({ seq: Type.Integer(), time: Type.String(), hash: Type.String() }, open)),
    next: Type.Union([Type.Integer(), Type.Null()]),
  },
  open,
);

/** Answer of `GET /v1/whoami`: who the server takes the caller for, and what it may do. */
export const WhoAmI = Type.Object({
  actor: Type.String(),
  scopes: Type.Array(Type.String()),
});

/** Answer of `GET /v1/audit/verify`. */
export const AuditVerdictSchema = Type.Object(
  {
    ok: Type.Boolean(),
    records: Type.Integer(),
    seq: Type.Optional(Type.Integer({ description: "the first record that does not fit the chain" })),
    reason: Type.Optional(Type.String()),
  },
  open,
);
