import { existsSync, readFileSync } from "node:fs";
import { STATUS_CODES } from "node:http";
import { fileURLToPath } from "node:url";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyRequest } from "fastify";
import type { Static } from "typebox";
import { dealProblem } from "../assess/assess.ts";
import type { Deal } from "../assess/types.ts";
import { type Catalog, listSummary, listsHeader, type Requester } from "../catalog.ts";
import { DataError } from "../errors.ts";
import { toQuery } from "../match/query.ts";
import type { ScreenOptions, ScreenQuery } from "../match/types.ts";
import type { ScanFormat } from "../scan/input.ts";
import { BUILTIN_SOURCES } from "../sources/lsp.ts";
import { type AuditEntry, AuditError, ENGINE_VERSION, recordAudit } from "../store/audit.ts";
import type { JobStore } from "../store/jobs.ts";
import type { Scope, Store } from "../store/store.ts";
import { registerJobRoutes } from "./jobs.ts";
import { createMetrics } from "./metrics.ts";
import {
  AssessAnswer,
  AuditPage,
  AuditQuery,
  AuditVerdictSchema,
  BatchAnswer,
  BatchBody,
  DealBody,
  EntityParams,
  ScanAnswer,
  ScanBody,
  ScreenAnswerSchema,
  ScreenBody,
  type ScreenFields,
  WhoAmI,
} from "./schemas.ts";

// The analyst page is built by `npm run build` (Vite) into dist/web; the API works without it.
const WEB_DIR = fileURLToPath(new URL("../../dist/web/", import.meta.url));
const NOT_BUILT = `<!doctype html><html lang="en"><meta charset="utf-8"><title>redline</title>
<p>The web page is not built. Run <code>npm run build</code> (or start with <code>npm start</code>, which builds it).
The API is served: <a href="/docs">/docs</a>.</p></html>`;

declare module "fastify" {
  interface FastifyContextConfig {
    /** The scope a caller needs; routes without one are public. */
    scope?: Scope;
  }
  interface FastifyRequest {
    /** Who is calling, as the audit trail records it (set once the caller is authenticated). */
    actor?: string;
    /** What the caller may do (set with `actor`). */
    scopes?: readonly Scope[];
  }
}

/** How the HTTP API is run; everything but `store` has a default. */
export interface ServerOptions {
  store: Store;
  /** Log level for JSON logs on stdout (pino); absent, nothing is logged. */
  logLevel?: string;
  /** Serve callers without a key while no key exists (only when bound to a loopback address). */
  allowAnonymous?: boolean;
  /** /readyz fails when a list in service was imported longer ago than this (hours, default 48). */
  maxListAgeHours?: number;
  /** Requests per minute per key (per address for anonymous callers), default 6000. */
  rateLimit?: number;
  /** Largest request body in bytes (default 2 MiB). */
  bodyLimit?: number;
  /** Most queries in one batch (default 1000). */
  maxBatch?: number;
  /** Batch jobs (PostgreSQL only); absent, the job routes answer 501. */
  jobs?: JobStore;
  /** Largest CSV upload for a job or customer file, in bytes (default 512 MiB). */
  maxUploadBytes?: number;
  /** Runs a list update for `POST /v1/lists/update`; absent, the route answers 501. */
  updateLists?: () => Promise<void>;
}

/** An error that becomes a problem+json answer with its status. */
export class HttpProblem extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

function problem(status: number, detail: string) {
  return { type: "about:blank", title: STATUS_CODES[status] ?? "Error", status, detail };
}

// Every screening answer names the list versions it was drawn from: one snapshot, never a mix.
const LISTS_HEADER = "x-redline-lists";

const utf8 = new TextDecoder("utf-8", { fatal: true });

function screenOptions(fields: ScreenFields): ScreenOptions {
  return {
    ...(fields.limit !== undefined ? { limit: fields.limit } : {}),
    ...(fields.minScore !== undefined ? { minScore: fields.minScore } : {}),
    ...(fields.threshold !== undefined ? { threshold: fields.threshold } : {}),
    ...(fields.mode ? { mode: fields.mode } : {}),
    ...(fields.includeLists ? { includeLists: fields.includeLists } : {}),
    ...(fields.excludeLists ? { excludeLists: fields.excludeLists } : {}),
  };
}

function queryOf(fields: ScreenFields): ScreenQuery {
  const { name, type, dob, country, id } = fields;
  return toQuery({ name, type, dob, country, id });
}

function apiKeyOf(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (!m)
      throw new HttpProblem(401, "the Authorization header must be `Bearer KEY`", {
        "www-authenticate": "Bearer",
      });
    return m[1];
  }
  const header = request.headers["x-api-key"];
  return typeof header === "string" && header !== "" ? header : undefined;
}

/** The HTTP API over a catalog: routes validate, call the core, and shape the answer. */
export async function buildServer(catalog: Catalog, opts: ServerOptions): Promise<FastifyInstance> {
  const { store } = opts;
  const maxAgeMs = (opts.maxListAgeHours ?? 48) * 3_600_000;
  const app = Fastify({
    logger: opts.logLevel
      ? {
          level: opts.logLevel,
          // Method, route and id only: addresses and query strings can be personal data.
          serializers: {
            req: (req: FastifyRequest) => ({ id: req.id, method: req.method, route: req.routeOptions?.url }),
          },
        }
      : false,
    bodyLimit: opts.bodyLimit ?? 2 * 1024 * 1024,
  });
  const metrics = createMetrics(catalog);

  // JSON.parse would quietly turn invalid UTF-8 into U+FFFD, and a name screened that way is not the name sent.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "buffer" }, (_request, body, done) => {
    const bytes = body as Buffer;
    if (bytes.length === 0) return done(new HttpProblem(400, "the request body is empty; expected JSON"));
    let text: string;
    try {
      text = utf8.decode(bytes);
    } catch {
      return done(new HttpProblem(400, "the request body is not valid UTF-8"));
    }
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new HttpProblem(400, `the request body is not valid JSON: ${(error as Error).message}`));
    }
  });

  app.setErrorHandler((error: FastifyError, request, reply) => {
    let status: number;
    let detail: string;
    if (error instanceof DataError) {
      status = 400;
      detail = error.toString();
    } else if (error instanceof AuditError) {
      status = 503;
      detail = error.message;
    } else if (error instanceof HttpProblem) {
      status = error.statusCode;
      detail = error.message;
    } else {
      status = error.statusCode ?? 500;
      detail = status < 500 ? error.message : "internal error; the server log has the details";
    }
    if (error instanceof HttpProblem) void reply.headers(error.headers);
    if (status >= 500 && !(error instanceof HttpProblem)) request.log.error(error);
    void reply.code(status).type("application/problem+json").send(problem(status, detail));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .type("application/problem+json")
      .send(problem(404, `no route ${request.method} ${request.url}`));
  });

  app.addHook("onRequest", async (request) => {
    const scope = request.routeOptions.config.scope;
    if (!scope) return;
    const key = apiKeyOf(request);
    if (key === undefined) {
      if (opts.allowAnonymous && (await store.activeKeyCount()) === 0) {
        request.actor = "anonymous";
        // Anonymous loopback callers are let through every scope while no key exists.
        request.scopes = ["screen", "admin"];
        return;
      }
      throw new HttpProblem(
        401,
        "an API key is required: send `Authorization: Bearer KEY` or `X-API-Key: KEY`",
        {
          "www-authenticate": "Bearer",
        },
      );
    }
    const found = await store.findKey(key);
    if (!found) throw new HttpProblem(401, "unknown or revoked API key", { "www-authenticate": "Bearer" });
    if (!found.scopes.includes(scope) && !found.scopes.includes("admin")) {
      throw new HttpProblem(403, `this key's scopes (${found.scopes.join(", ")}) do not include ${scope}`);
    }
    request.actor = `key:${found.id}:${found.name}`;
    request.scopes = found.scopes;
  });
  app.addHook("onResponse", async (request, reply) => {
    metrics.observe(
      request.method,
      request.routeOptions.url ?? "unmatched",
      reply.statusCode,
      reply.elapsedTime,
    );
  });

  await app.register(rateLimit, {
    global: true,
    max: opts.rateLimit ?? 6000,
    timeWindow: 60_000,
    // After authentication, so each key has its own budget.
    hook: "preHandler",
    keyGenerator: (request) => (request.actor?.startsWith("key:") ? request.actor : `ip:${request.ip}`),
    errorResponseBuilder: (_request, context) =>
      new HttpProblem(
        429,
        `rate limit of ${context.max} requests a minute exceeded; retry in ${context.after}`,
      ),
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: "redline",
        version: ENGINE_VERSION,
        description:
          "Sanctions screening with explanations. Every answered screening is recorded in a hash-chained audit trail.",
      },
      components: {
        securitySchemes: {
          bearer: { type: "http", scheme: "bearer" },
          apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });

  const secured: { [label: string]: string[] }[] = [{ bearer: [] }, { apiKey: [] }];
  const open = { rateLimit: false as const };

  app.get("/openapi.json", { schema: { hide: true }, config: open }, async () => app.swagger());

  const page = existsSync(`${WEB_DIR}index.html`) ? readFileSync(`${WEB_DIR}index.html`, "utf8") : undefined;
  app.get("/", { schema: { hide: true }, config: open }, async (_request, reply) =>
    reply
      .code(page ? 200 : 503)
      .type("text/html; charset=utf-8")
      .send(page ?? NOT_BUILT),
  );
  if (page) {
    // Vite names assets by content hash, so they can be cached for good.
    await app.register(fastifyStatic, {
      root: `${WEB_DIR}assets`,
      prefix: "/assets/",
      decorateReply: false,
      immutable: true,
      maxAge: "365d",
      schemaHide: true,
    });
  }

  app.get("/healthz", { schema: { summary: "alive" }, config: open }, async () => ({ status: "ok" }));

  app.get(
    "/readyz",
    { schema: { summary: "lists loaded and fresh enough" }, config: open },
    async (_request, reply) => {
      const now = Date.now();
      // A built-in list ships with redline and is as fresh as the redline that serves it.
      const stale = catalog.versions.filter(
        (v) => !BUILTIN_SOURCES.includes(v.source) && now - Date.parse(v.importedAt) > maxAgeMs,
      );
      if (catalog.versions.length === 0) throw new HttpProblem(503, "no lists are loaded");
      if (stale.length > 0) {
        const names = stale.map((v) => `${v.source} (imported ${v.importedAt})`).join(", ");
        throw new HttpProblem(503, `lists older than ${maxAgeMs / 3_600_000} hours: ${names}`);
      }
      return reply.send({
        status: "ready",
        lists: catalog.versions.map((v) => ({ source: v.source, version: v.id })),
      });
    },
  );

  app.get("/metrics", { schema: { hide: true }, config: open }, async (_request, reply) =>
    reply.type(metrics.contentType).send(await metrics.render()),
  );

  app.get(
    "/v1/lists",
    { schema: { summary: "the list versions in service", security: secured }, config: { scope: "screen" } },
    async () => {
      const now = Date.now();
      return catalog.versions.map((v) => ({
        ...listSummary(v),
        ageSeconds: Math.round((now - Date.parse(v.importedAt)) / 1000),
      }));
    },
  );

  // The answer is given only once its audit record is written; then it is counted.
  const recorded = async (channel: string, entry: AuditEntry): Promise<void> => {
    await recordAudit(() => store.appendAudit(entry));
    metrics.screened(channel, entry.hits.length);
  };

  const requester = (request: FastifyRequest, channel: string, ref?: string): Requester => ({
    actor: request.actor ?? "anonymous",
    channel,
    ...(ref !== undefined ? { ref } : {}),
  });

  app.post<{ Body: Static<typeof ScreenBody> }>(
    "/v1/screen",
    {
      schema: {
        summary: "screen one name",
        body: ScreenBody,
        response: { 200: ScreenAnswerSchema },
        security: secured,
      },
      config: { scope: "screen" },
    },
    async (request, reply) => {
      const { answer, entry } = catalog.screenAudited(
        queryOf(request.body),
        screenOptions(request.body),
        requester(request, "api"),
      );
      await recorded("api", entry);
      void reply.header(LISTS_HEADER, listsHeader(entry.lists));
      return answer;
    },
  );

  const maxBatch = opts.maxBatch ?? 1000;
  app.post<{ Body: Static<typeof BatchBody> }>(
    "/v1/screen/batch",
    {
      schema: {
        summary: `screen up to ${maxBatch} names, each with a client key`,
        body: BatchBody,
        response: { 200: BatchAnswer },
        security: secured,
      },
      config: { scope: "screen" },
    },
    async (request, reply) => {
      const { queries } = request.body;
      if (queries.length > maxBatch) {
        throw new HttpProblem(
          400,
          `a batch holds at most ${maxBatch} queries; this one has ${queries.length}`,
        );
      }
      const seen = new Set<string>();
      const prepared = queries.map((q, i) => {
        if (seen.has(q.key)) throw new HttpProblem(400, `queries[${i}]: the key "${q.key}" is used twice`);
        seen.add(q.key);
        try {
          return { key: q.key, query: queryOf(q), options: screenOptions(q) };
        } catch (error) {
          if (error instanceof DataError)
            throw new HttpProblem(400, `queries[${i}] (key "${q.key}"): ${error.toString()}`);
          throw error;
        }
      });
      // One synchronous pass: a swap cannot fall between two queries, so the batch sees one snapshot.
      const screened = prepared.map((p) => ({
        key: p.key,
        ...catalog.screenAudited(p.query, p.options, requester(request, "api-batch", p.key)),
      }));
      await recordAudit(() => store.appendAuditBatch(screened.map((s) => s.entry)));
      for (const s of screened) metrics.screened("api-batch", s.answer.hits.length);
      const first = screened[0];
      if (first) void reply.header(LISTS_HEADER, listsHeader(first.entry.lists));
      return { results: screened.map((s) => ({ key: s.key, ...s.answer })) };
    },
  );

  app.post<{ Body: Static<typeof ScanBody> }>(
    "/v1/scan",
    {
      schema: {
        summary: "mark listed parties and sanctioned jurisdictions in a document",
        body: ScanBody,
        response: { 200: ScanAnswer },
        security: secured,
      },
      config: { scope: "screen" },
    },
    async (request) => {
      const { text, format, threshold, includeLists, excludeLists } = request.body;
      const { result, entry } = catalog.scanAudited(
        text,
        {
          ...(format ? { format: format as ScanFormat } : {}),
          ...(threshold !== undefined ? { threshold } : {}),
          ...(includeLists ? { includeLists } : {}),
          ...(excludeLists ? { excludeLists } : {}),
        },
        requester(request, "api-scan"),
      );
      await recorded("api-scan", entry);
      return result;
    },
  );

  app.post<{ Body: Static<typeof DealBody> }>(
    "/v1/assess",
    {
      schema: {
        summary: "assess a deal: CAATSA §231, blocked parties, the 50 % rule, embargoes, sectoral measures",
        body: DealBody,
        response: { 200: AssessAnswer },
        security: secured,
      },
      config: { scope: "screen" },
    },
    async (request) => {
      const { threshold, ...deal } = request.body;
      const problem = dealProblem(deal as Deal);
      if (problem) throw new HttpProblem(400, `${problem.field}: ${problem.message}`);
      const { result, entry } = catalog.assessAudited(
        deal as Deal,
        threshold !== undefined ? { threshold } : {},
        requester(request, "api-assess"),
      );
      await recorded("api-assess", entry);
      return result;
    },
  );

  app.get<{ Params: Static<typeof EntityParams> }>(
    "/v1/entities/:id",
    {
      schema: { summary: "one list entry, whole", params: EntityParams, security: secured },
      config: { scope: "screen" },
    },
    async (request) => {
      const entity = await store.getEntity(request.params.id);
      if (!entity) throw new HttpProblem(404, `no entry ${request.params.id} in the lists in service`);
      const versions = await store.entityVersions(request.params.id);
      // Links carry the linked entry's id when the import resolved it; the reader also wants its name and lists.
      const links = await Promise.all(
        entity.links.map(async (link) => {
          const target = link.targetId ? await store.getEntity(link.targetId) : undefined;
          if (!target) return link;
          const name = target.names.find((n) => n.kind === "primary")?.full ?? link.name;
          return {
            ...link,
            target: {
              id: target.id,
              source: target.source,
              sourceId: target.sourceId,
              name,
              programs: target.programs,
            },
          };
        }),
      );
      const party = catalog.partyOf(entity.id);
      return {
        ...entity,
        links,
        appearsIn: versions.map((v) => ({ source: v.source, version: v.id, importedAt: v.importedAt })),
        // The same real party's other listings, on this or other lists, and why they are one party.
        ...(party ? { sameParty: party } : {}),
      };
    },
  );

  app.get(
    "/v1/whoami",
    {
      schema: {
        summary: "who the server takes the caller for",
        response: { 200: WhoAmI },
        security: secured,
      },
      config: { scope: "screen" },
    },
    async (request) => ({ actor: request.actor ?? "anonymous", scopes: request.scopes ?? [] }),
  );

  app.get(
    "/v1/audit/verify",
    {
      schema: {
        summary: "check the audit trail's hash chain from its first record",
        response: { 200: AuditVerdictSchema },
        security: secured,
      },
      config: { scope: "admin" },
    },
    async () => store.verifyAudit(),
  );

  app.get<{ Querystring: Static<typeof AuditQuery> }>(
    "/v1/audit",
    {
      schema: {
        summary: "page through the audit trail",
        querystring: AuditQuery,
        response: { 200: AuditPage },
        security: secured,
      },
      config: { scope: "admin" },
    },
    async (request) => {
      const { since, after, limit = 100, newest } = request.query;
      let sinceIso: string | undefined;
      if (since !== undefined) {
        const t = Date.parse(since);
        if (Number.isNaN(t)) throw new HttpProblem(400, `since: "${since}" is not a date or ISO timestamp`);
        sinceIso = new Date(t).toISOString();
      }
      const records = await store.auditRecords({
        limit,
        ...(sinceIso ? { since: sinceIso } : {}),
        ...(after !== undefined ? { after } : {}),
        ...(newest ? { newest } : {}),
      });
      if (newest) return { records, next: null };
      return { records, next: records.length === limit ? (records.at(-1)?.seq ?? null) : null };
    },
  );

  registerJobRoutes(app, {
    jobs: opts.jobs,
    problem: (status, detail) => new HttpProblem(status, detail),
    actorOf: (request) => request.actor ?? "anonymous",
    isAdmin: (request) => request.scopes?.includes("admin") ?? false,
    versions: () => catalog.versions,
    security: secured,
    ...(opts.maxUploadBytes !== undefined ? { maxUploadBytes: opts.maxUploadBytes } : {}),
  });

  let updating: Promise<void> | undefined;
  app.post(
    "/v1/lists/update",
    {
      schema: { summary: "download the lists in the background and swap them in", security: secured },
      config: { scope: "admin" },
    },
    async (request, reply) => {
      if (!opts.updateLists) throw new HttpProblem(501, "this server was started without list updates");
      if (updating) return reply.code(202).send({ status: "already running" });
      const run = opts.updateLists;
      updating = (async () => {
        try {
          await run();
          await catalog.reload();
          request.log.info("lists updated and swapped in");
        } catch (error) {
          request.log.error(error, "list update failed; the previous lists stay in service");
        } finally {
          updating = undefined;
        }
      })();
      return reply.code(202).send({ status: "started" });
    },
  );

  return app;
}
