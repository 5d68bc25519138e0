-- Token buckets per scope (enrolments, votes, admin failures) and client address, shared by every
-- instance on one PostgreSQL. The embedded database keeps them in memory instead (one process).
CREATE TABLE rate_limits (
  scope text NOT NULL,
  key text NOT NULL,
  tokens double precision NOT NULL,
  at_ms double precision NOT NULL,
  allowed boolean NOT NULL,
  PRIMARY KEY (scope, key)
);

-- One row that /healthz rewrites: a health check that proves the database takes writes (a full
-- disk or a read-only database answers SELECT 1 but refuses this).
CREATE TABLE health_checks (
  id integer PRIMARY KEY CHECK (id = 1),
  checked_at timestamptz NOT NULL
);
