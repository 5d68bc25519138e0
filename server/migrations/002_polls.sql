CREATE TABLE polls (
  id text PRIMARY KEY,
  closed_at timestamptz
);

-- One row per participant and principle: a revote replaces the participant's rows.
CREATE TABLE votes (
  poll_id text NOT NULL REFERENCES polls (id),
  participant text NOT NULL,
  principle_id text NOT NULL,
  rating integer NOT NULL,
  voted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (poll_id, participant, principle_id)
);
