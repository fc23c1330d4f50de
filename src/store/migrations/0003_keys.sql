CREATE TABLE api_keys (
  id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  name text NOT NULL,
  scopes text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  created text NOT NULL,
  revoked text
);
