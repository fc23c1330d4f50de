-- Ongoing monitoring: a stored customer file screened again whenever the list versions in service change;
-- each run is a batch job, and its report holds only what changed since the monitor's previous run.
CREATE TABLE monitors (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  file_id integer NOT NULL REFERENCES customer_files(id),
  name text NOT NULL,
  webhook_url text NOT NULL,
  secret text NOT NULL,
  options text NOT NULL,
  created text NOT NULL,
  active boolean NOT NULL DEFAULT true
);
CREATE TABLE monitor_runs (
  job_id integer PRIMARY KEY REFERENCES batch_jobs(id),
  monitor_id integer NOT NULL REFERENCES monitors(id),
  lists text NOT NULL,
  created text NOT NULL,
  report text,
  delivered text
);
CREATE INDEX monitor_runs_monitor ON monitor_runs(monitor_id, job_id);
