-- Customer files: batch inputs stored once, in chunks, so any worker on any machine can screen a chunk and a
-- file can be screened again (ongoing monitoring) without uploading it again.
CREATE TABLE customer_files (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  sha256 text NOT NULL,
  rows integer NOT NULL,
  chunks integer NOT NULL,
  created text NOT NULL
);
CREATE TABLE customer_file_chunks (
  file_id integer NOT NULL REFERENCES customer_files(id),
  chunk integer NOT NULL,
  first_row integer NOT NULL,
  -- JSON array of {row, line, record}
  rows text NOT NULL,
  PRIMARY KEY (file_id, chunk)
);
-- A batch job screens a customer file; each chunk is one task on the queue (graphile-worker).
CREATE TABLE batch_jobs (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_id integer NOT NULL REFERENCES customer_files(id),
  idempotency_key text UNIQUE,
  options text NOT NULL,
  actor text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'done', 'failed')),
  created text NOT NULL,
  finished text,
  error text
);
-- One row per finished chunk: the primary key makes a retried chunk write its results once.
CREATE TABLE batch_results (
  job_id integer NOT NULL REFERENCES batch_jobs(id),
  chunk integer NOT NULL,
  rows integer NOT NULL,
  bad integer NOT NULL,
  matches integer NOT NULL,
  lists text NOT NULL,
  -- JSON array of row results, in row order
  results text NOT NULL,
  worker text NOT NULL,
  attempt integer NOT NULL,
  finished text NOT NULL,
  PRIMARY KEY (job_id, chunk)
);
-- Worker processes say they are alive here; a chunk held by a worker that stopped saying so is released.
CREATE TABLE queue_workers (
  worker_id text PRIMARY KEY,
  host text NOT NULL,
  pid integer NOT NULL,
  seen_at timestamptz NOT NULL DEFAULT now()
);
