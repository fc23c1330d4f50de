-- List versions and their entries. Entries are stored once per distinct content, so unchanged entries cost
-- nothing in a new version.
CREATE TABLE list_versions (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  source text NOT NULL,
  published text,
  imported_at text NOT NULL,
  entities integer NOT NULL,
  names integer NOT NULL,
  checksums text NOT NULL,
  warnings text NOT NULL,
  note text
);
CREATE TABLE entity_blobs (hash text PRIMARY KEY, data text NOT NULL);
CREATE TABLE version_entities (
  version_id integer NOT NULL REFERENCES list_versions(id),
  entity_id text NOT NULL,
  hash text NOT NULL REFERENCES entity_blobs(hash),
  PRIMARY KEY (version_id, entity_id)
);
CREATE INDEX version_entities_entity ON version_entities(entity_id);
CREATE TABLE current_versions (
  source text PRIMARY KEY,
  version_id integer NOT NULL REFERENCES list_versions(id)
);
