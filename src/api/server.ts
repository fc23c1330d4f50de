import { readFileSync } from "node:fs";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import { type Catalog, listSummary } from "../catalog.ts";
import { DataError } from "../errors.ts";
import { MAX_NAME_LENGTH, toQuery } from "../match/query.ts";
import type { ScoringMode } from "../match/types.ts";

const PAGE = readFileSync(new URL("../web/index.html", import.meta.url), "utf8");

const screenBody = {
  type: "object",
  required: ["name"],
  additionalProperties: false,
  properties: {
    name: { type: "string", minLength: 1, maxLength: MAX_NAME_LENGTH },
    type: { type: "string", enum: ["person", "organization", "vessel", "aircraft"] },
    dob: { type: "string", pattern: "^\\d{4}(-\\d{2}(-\\d{2})?)?$" },
    country: { type: "string", maxLength: 100 },
    id: { type: "string", maxLength: 100 },
    limit: { type: "integer", minimum: 1, maximum: 100 },
    minScore: { type: "number", minimum: 0, maximum: 1 },
    mode: { type: "string", enum: ["redline", "ofac"] },
  },
} as const;

interface ScreenBody {
  name: string;
  type?: string;
  dob?: string;
  country?: string;
  id?: string;
  limit?: number;
  minScore?: number;
  mode?: ScoringMode;
}

function problem(status: number, title: string, detail: string) {
  return { type: "about:blank", title, status, detail };
}

/** The HTTP API over a catalog: routes validate, call the core, and shape the answer. */
export function buildServer(catalog: Catalog, opts: { logger?: boolean } = {}): FastifyInstance {
  const app = Fastify({ logger: opts.logger ?? false, bodyLimit: 1024 * 1024 });

  app.setErrorHandler((error: FastifyError, _request, reply) => {
    const status = error instanceof DataError ? 400 : (error.statusCode ?? 500);
    const detail =
      error instanceof DataError
        ? error.toString()
        : status < 500
          ? error.message
          : "internal error; the server log has the details";
    if (status >= 500) app.log.error(error);
    void reply
      .code(status)
      .type("application/problem+json")
      .send(problem(status, status < 500 ? "Bad Request" : "Internal Server Error", detail));
  });
  app.setNotFoundHandler((request, reply) => {
    void reply
      .code(404)
      .type("application/problem+json")
      .send(problem(404, "Not Found", `no route ${request.method} ${request.url}`));
  });

  app.get("/", async (_request, reply) => reply.type("text/html; charset=utf-8").send(PAGE));

  app.get("/healthz", async () => ({ status: "ok" }));

  app.get("/v1/lists", async () => catalog.versions.map(listSummary));

  app.post<{ Body: ScreenBody }>("/v1/screen", { schema: { body: screenBody } }, async (request) => {
    const { limit, minScore, mode, ...fields } = request.body;
    const query = toQuery(fields);
    return catalog.screen(query, {
      ...(limit !== undefined ? { limit } : {}),
      ...(minScore !== undefined ? { minScore } : {}),
      ...(mode ? { mode } : {}),
    });
  });

  return app;
}
