-- One row per programme the server has seen: the row lock that serialises enrolments.
CREATE TABLE programmes (
  id text PRIMARY KEY,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE enrolments (
  id bigserial PRIMARY KEY,
  programme_id text NOT NULL REFERENCES programmes (id),
  -- What the capacity counts against: the programme id, or the session id when places are per session.
  capacity_key text NOT NULL,
  session_id text,
  group_id text,
  theme_ids text[] NOT NULL DEFAULT '{}',
  remark text,
  status text NOT NULL CHECK (status IN ('confirmed', 'waitlisted')),
  places integer NOT NULL CHECK (places > 0),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX enrolments_capacity ON enrolments (programme_id, capacity_key, status, id);

CREATE TABLE enrolment_members (
  id bigserial PRIMARY KEY,
  enrolment_id bigint NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
  programme_id text NOT NULL,
  role_id text NOT NULL,
  name text NOT NULL,
  organisation text NOT NULL,
  job_title text,
  email text NOT NULL,
  phone text,
  -- One place per person per programme, whatever the letter case of the address.
  CONSTRAINT one_place_per_email UNIQUE (programme_id, email)
);

-- The first answer to a request, so a retry with the same Idempotency-Key gets it again.
CREATE TABLE idempotency_keys (
  programme_id text NOT NULL,
  key text NOT NULL,
  body jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (programme_id, key)
);
