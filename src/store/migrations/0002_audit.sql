-- The audit trail is append-only: the triggers stop honest mistakes, the hash chain exposes the rest.
-- audit_head is the chain's head: appends lock it (SELECT ... FOR UPDATE) before reading the last hash, so
-- writers in any number of processes make one chain, and its seq exposes records cut from the end.
CREATE TABLE audit (
  seq bigint PRIMARY KEY,
  time text NOT NULL,
  actor text NOT NULL,
  body text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL
);
CREATE INDEX audit_time ON audit(time);
CREATE TABLE audit_head (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  seq bigint NOT NULL,
  hash text NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (true, 0, repeat('0', 64));
CREATE FUNCTION audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit records are append-only';
END
$$;
CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit
  FOR EACH ROW EXECUTE FUNCTION audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON audit
  FOR EACH STATEMENT EXECUTE FUNCTION audit_append_only();
