import { PassThrough, Transform } from "node:stream";
import type { FastifyInstance, FastifyRequest } from "fastify";
import Type, { type Static } from "typebox";
import { readCsvRows } from "../batch/read.ts";
import { Monitors, webhookProblem } from "../jobs/monitor.ts";
import { DEFAULT_CHUNK_SIZE, jobSummary, submitCsv, writeResults } from "../jobs/service.ts";
import type { ListVersion } from "../model/entity.ts";
import { IdempotencyConflict, type JobStore, NotFound } from "../store/jobs.ts";
import type { Scope } from "../store/store.ts";

/** A raised error the server's handler turns into problem+json with this status. */
export type Problem = (status: number, detail: string) => Error;

const JobParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const SubmitQuery = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    chunkSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })),
  },
  { additionalProperties: false },
);
const FileJobBody = Type.Object(
  {
    file: Type.Integer({ minimum: 1 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  },
  { additionalProperties: false },
);
const MonitorBody = Type.Object(
  {
    file: Type.Integer({ minimum: 1 }),
    webhook: Type.String({ minLength: 1, maxLength: 2000 }),
    secret: Type.String({ minLength: 16, maxLength: 200 }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
    minScore: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
  },
  { additionalProperties: false },
);
const ResultsQuery = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal("jsonl"), Type.Literal("csv")])) },
  { additionalProperties: false },
);

/** Passes bytes through until `limit`, then fails: an upload is streamed, so its size is counted here. */
function capped(limit: number, problem: Problem): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length;
      if (seen > limit) done(problem(413, `the upload is larger than ${limit} bytes`));
      else done(null, chunk);
    },
  });
}

/**
 * Batch job routes: `POST /v1/jobs` (a CSV upload, or `{"file": id}` naming a stored customer file),
 * `GET /v1/jobs/{id}` (progress), `GET /v1/jobs/{id}/results` (JSONL or CSV, in input order) and
 * `POST /v1/files` (store a customer file for later jobs and monitors).
 */
export function registerJobRoutes(
  app: FastifyInstance,
  opts: {
    jobs: JobStore | undefined;
    problem: Problem;
    actorOf: (request: FastifyRequest) => string;
    /** True when the caller may act as an administrator. */
    isAdmin: (request: FastifyRequest) => boolean;
    maxUploadBytes?: number;
    security: { [label: string]: string[] }[];
    /** The list versions in service: a new monitor's first screening is against them. */
    versions: () => ListVersion[];
  },
): void {
  const { problem } = opts;
  const maxUpload = opts.maxUploadBytes ?? 512 * 1024 * 1024;
  const needJobs = (): JobStore => {
    if (!opts.jobs) throw problem(501, "batch jobs need PostgreSQL: start the server with DATABASE_URL");
    return opts.jobs;
  };
  const scope: { scope: Scope } = { scope: "screen" };
  // CSV bodies stay a stream: a million-row file is read chunk by chunk, never held whole.
  app.addContentTypeParser("text/csv", (_request, payload, done) => done(null, payload));

  const upload = (request: FastifyRequest) => {
    if (!(request.headers["content-type"] ?? "").startsWith("text/csv")) {
      throw problem(415, 'send the file as text/csv, or JSON {"file": ID} to name a stored file');
    }
    const body = request.body as NodeJS.ReadableStream;
    const stream = new PassThrough();
    const cap = capped(maxUpload, problem);
    cap.on("error", (error) => stream.destroy(error));
    body.pipe(cap).pipe(stream);
    return stream;
  };

  // A job's rows are its submitter's customers: only the submitter and administrators see the job.
  const visible = async (jobs: JobStore, request: FastifyRequest, id: number) => {
    const job = await jobs.status(id);
    if (!job || (job.actor !== opts.actorOf(request) && !opts.isAdmin(request)))
      throw problem(404, `no job ${id}`);
    return job;
  };

  const conflict = (error: unknown): never => {
    if (error instanceof IdempotencyConflict) throw problem(409, error.message);
    if (error instanceof NotFound) throw problem(404, error.message);
    throw error;
  };

  app.post<{ Querystring: Static<typeof SubmitQuery> }>(
    "/v1/jobs",
    {
      schema: {
        summary: 'screen a CSV file (text/csv) or a stored customer file ({"file": id}) as a batch job',
        querystring: SubmitQuery,
        security: opts.security,
      },
      config: scope,
      bodyLimit: maxUpload,
    },
    async (request, reply) => {
      const jobs = needJobs();
      const key = request.headers["idempotency-key"];
      const idempotencyKey = typeof key === "string" && key !== "" ? key : undefined;
      if (idempotencyKey && idempotencyKey.length > 200)
        throw problem(400, "Idempotency-Key: at most 200 characters");
      const q = request.query;
      let submitted: { id: number; created: boolean };
      try {
        if ((request.headers["content-type"] ?? "").startsWith("application/json")) {
          const body = request.body as Static<typeof FileJobBody>;
          if (typeof body?.file !== "number" || !Number.isInteger(body.file)) {
            throw problem(400, "file: expected the id of a stored customer file (POST /v1/files)");
          }
          submitted = await jobs.submit({
            name: `file ${body.file}`,
            fileId: body.file,
            options: {
              ...(body.limit !== undefined ? { limit: body.limit } : {}),
              ...(body.minScore !== undefined ? { minScore: body.minScore } : {}),
            },
            actor: opts.actorOf(request),
            ...(idempotencyKey ? { idempotencyKey } : {}),
          });
        } else {
          submitted = await submitCsv(jobs, upload(request), {
            name: q.name ?? "upload.csv",
            options: {
              ...(q.limit !== undefined ? { limit: q.limit } : {}),
              ...(q.minScore !== undefined ? { minScore: q.minScore } : {}),
            },
            actor: opts.actorOf(request),
            ...(idempotencyKey ? { idempotencyKey } : {}),
            chunkSize: q.chunkSize ?? DEFAULT_CHUNK_SIZE,
          });
        }
      } catch (error) {
        return conflict(error);
      }
      const job = await visible(jobs, request, submitted.id);
      return reply
        .code(submitted.created ? 202 : 200)
        .header("location", `/v1/jobs/${submitted.id}`)
        .send({ ...jobSummary(job), created: submitted.created });
    },
  );

  app.get<{ Params: Static<typeof JobParams> }>(
    "/v1/jobs/:id",
    {
      schema: { summary: "a batch job's progress", params: JobParams, security: opts.security },
      config: scope,
    },
    async (request) => jobSummary(await visible(needJobs(), request, request.params.id)),
  );

  app.get<{ Params: Static<typeof JobParams>; Querystring: Static<typeof ResultsQuery> }>(
    "/v1/jobs/:id/results",
    {
      schema: {
        summary: "a finished job's results in input order: JSONL (a line a row) or CSV (a line a hit)",
        params: JobParams,
        querystring: ResultsQuery,
        security: opts.security,
      },
      config: scope,
    },
    async (request, reply) => {
      const jobs = needJobs();
      const job = await visible(jobs, request, request.params.id);
      if (job.status !== "done") {
        throw problem(
          409,
          `job ${job.id} is ${job.status} (${job.rowsDone} of ${job.file.rows} rows): no results yet`,
        );
      }
      const format = request.query.format ?? "jsonl";
      const out = new PassThrough();
      writeResults(jobs, job.id, format, out).then(
        () => out.end(),
        (error) => out.destroy(error),
      );
      return reply
        .type(format === "csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8")
        .header("content-disposition", `attachment; filename="job-${job.id}.${format}"`)
        .send(out);
    },
  );

  app.post<{ Querystring: Static<typeof SubmitQuery> }>(
    "/v1/files",
    {
      schema: {
        summary: "store a customer file (text/csv) for jobs and monitoring",
        querystring: SubmitQuery,
        security: opts.security,
      },
      config: scope,
      bodyLimit: maxUpload,
    },
    async (request, reply) => {
      const jobs = needJobs();
      const name = request.query.name ?? "upload.csv";
      const csv = readCsvRows(upload(request), name, request.query.chunkSize ?? DEFAULT_CHUNK_SIZE);
      const file = await jobs.addFile(name, csv.slices, csv.sha256);
      return reply.code(201).send(file);
    },
  );

  app.post<{ Body: Static<typeof MonitorBody> }>(
    "/v1/monitors",
    {
      schema: {
        summary:
          "monitor a stored customer file: screened again on every list change, changes posted to a webhook",
        body: MonitorBody,
        security: opts.security,
      },
      config: { scope: "admin" },
    },
    async (request, reply) => {
      const jobs = needJobs();
      const { file, webhook, secret, name, limit, minScore } = request.body;
      const bad = webhookProblem(webhook);
      if (bad) throw problem(400, `webhook: ${bad}`);
      const stored = await jobs.file(file);
      if (!stored) throw problem(404, `no customer file ${file}`);
      const monitors = new Monitors(jobs.pool);
      const monitor = await monitors.add({
        fileId: file,
        name: name ?? stored.name,
        webhookUrl: webhook,
        secret,
        options: {
          ...(limit !== undefined ? { limit } : {}),
          ...(minScore !== undefined ? { minScore } : {}),
        },
      });
      const [firstJob] = await monitors.trigger(opts.versions());
      return reply.code(201).send({ ...monitor, firstJob: firstJob ?? null });
    },
  );

  app.get<{ Params: Static<typeof JobParams> }>(
    "/v1/monitors/:id",
    {
      schema: {
        summary: "a monitor and its runs, with what each found",
        params: JobParams,
        security: opts.security,
      },
      config: { scope: "admin" },
    },
    async (request) => {
      const found = await new Monitors(needJobs().pool).get(request.params.id);
      if (!found) throw problem(404, `no monitor ${request.params.id}`);
      return found;
    },
  );
}
