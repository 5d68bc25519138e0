-- The enrolment lifecycle: places kept in counters and taken with one conditional statement,
-- placements per capacity slot (the programme, or each chosen session) with their own status,
-- a waiting list that moves up when places free, cancellation links, idempotency that checks the
-- request, and an outbox of mails written in the same transaction as what causes them.

-- What capacity is counted against: the programme, or one of its sessions. `confirmed` counts
-- people, `waiting` counts waiting teams; the row is the lock that orders a slot's enrolments.
CREATE TABLE capacity_slots (
  programme_id text NOT NULL REFERENCES programmes (id),
  capacity_key text NOT NULL,
  confirmed integer NOT NULL DEFAULT 0 CHECK (confirmed >= 0),
  waiting integer NOT NULL DEFAULT 0 CHECK (waiting >= 0),
  PRIMARY KEY (programme_id, capacity_key)
);

-- A team's place in one slot. A waiting team's position is its rank among the slot's waiting
-- placements (by queued_at, then id), so positions close up by themselves when someone ahead leaves.
CREATE TABLE placements (
  id bigserial PRIMARY KEY,
  enrolment_id bigint NOT NULL REFERENCES enrolments (id) ON DELETE CASCADE,
  programme_id text NOT NULL,
  capacity_key text NOT NULL,
  session_id text,
  status text NOT NULL CHECK (status IN ('confirmed', 'waitlisted')),
  places integer NOT NULL CHECK (places > 0),
  -- The waiting list's order; the organiser can move a team to the front (an earlier time).
  queued_at timestamptz NOT NULL DEFAULT now(),
  promoted_at timestamptz,
  UNIQUE (enrolment_id, capacity_key),
  FOREIGN KEY (programme_id, capacity_key) REFERENCES capacity_slots (programme_id, capacity_key)
);
CREATE INDEX placements_queue ON placements (programme_id, capacity_key, status, queued_at, id);

INSERT INTO capacity_slots (programme_id, capacity_key, confirmed, waiting)
  SELECT programme_id, capacity_key,
         coalesce(sum(places) FILTER (WHERE status = 'confirmed'), 0),
         count(*) FILTER (WHERE status = 'waitlisted')
    FROM enrolments GROUP BY programme_id, capacity_key;

INSERT INTO placements (enrolment_id, programme_id, capacity_key, session_id, status, places, queued_at)
  SELECT id, programme_id, capacity_key, session_id, status, places, created_at FROM enrolments ORDER BY id;

-- Each placement with its waiting-list position (1 = next to move up), counted when read.
CREATE VIEW placement_positions AS
  SELECT p.*,
         CASE WHEN p.status = 'waitlisted' THEN
           (SELECT count(*)::integer FROM placements q
             WHERE q.programme_id = p.programme_id AND q.capacity_key = p.capacity_key AND q.status = 'waitlisted'
               AND (q.queued_at, q.id) <= (p.queued_at, p.id))
         END AS position
    FROM placements p;

ALTER TABLE enrolments ADD COLUMN session_ids text[] NOT NULL DEFAULT '{}';

UPDATE enrolments SET session_ids = ARRAY[session_id] WHERE session_id IS NOT NULL;

ALTER TABLE enrolments DROP COLUMN capacity_key, DROP COLUMN status, DROP COLUMN places, DROP COLUMN session_id;

-- The personal cancellation link's token, hashed (SHA-256): the database never holds a usable link.
ALTER TABLE enrolment_members ADD COLUMN cancel_token_hash text UNIQUE;

ALTER TABLE enrolment_members ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();

-- The request a key was first used with (a hash of its body): the same key with another body is refused.
ALTER TABLE idempotency_keys ADD COLUMN request_hash text;

-- Mails owed, written in the transaction that causes them; a worker sends them and marks them.
CREATE TABLE outbox (
  id bigserial PRIMARY KEY,
  -- confirmed | waitlisted | promoted | already-enrolled | cancelled
  kind text NOT NULL,
  programme_id text NOT NULL,
  enrolment_id bigint,
  -- The address (personal data: erased with the person). What the mail says is read when it is sent.
  recipient text NOT NULL,
  -- The name to greet, and for mails that carry it the cancellation token (cleared once sent).
  payload jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz,
  -- Given up after too many failed attempts; the organiser sees it (GET /api/admin/outbox).
  failed_at timestamptz,
  last_error text
);
CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE sent_at IS NULL AND failed_at IS NULL;

-- A waiting team moved up: each member is owed a mail with a new cancellation link (its hash
-- replaces the member's old one; the token itself lives only in the outbox until it is sent).
CREATE FUNCTION cop_mail_promoted(p_programme text, p_enrolment bigint) RETURNS void
LANGUAGE sql AS $$
  WITH fresh AS (
    SELECT id, replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '') AS token
      FROM enrolment_members WHERE enrolment_id = p_enrolment
  ), renewed AS (
    UPDATE enrolment_members m SET cancel_token_hash = encode(sha256(convert_to(f.token, 'UTF8')), 'hex')
      FROM fresh f WHERE m.id = f.id
    RETURNING m.id, m.email, m.name, f.token
  )
  INSERT INTO outbox (kind, programme_id, enrolment_id, recipient, payload)
  SELECT 'promoted', p_programme, p_enrolment, email, jsonb_build_object('name', name, 'member', id, 'token', token)
    FROM renewed ORDER BY id;
$$;

-- Moves waiting teams up while places are free: in order of arrival, each team that fits (a
-- team larger than the free places keeps its position and moves up as soon as enough are free).
-- Afterwards no waiting team fits in the free places, which is why an enrolment may simply take
-- free places that fit it. Each promoted member is owed a mail. Returns the enrolments promoted.
CREATE FUNCTION cop_promote(p_programme text, p_key text, p_capacity integer) RETURNS bigint[]
LANGUAGE plpgsql AS $$
DECLARE
  slot capacity_slots%ROWTYPE;
  waiting_team placements%ROWTYPE;
  free integer;
  promoted bigint[] := '{}';
BEGIN
  SELECT * INTO slot FROM capacity_slots WHERE programme_id = p_programme AND capacity_key = p_key FOR UPDATE;
  IF NOT FOUND OR slot.waiting = 0 THEN
    RETURN promoted;
  END IF;
  free := CASE WHEN p_capacity IS NULL THEN 2147483647 ELSE p_capacity - slot.confirmed END;
  FOR waiting_team IN
    SELECT * FROM placements WHERE programme_id = p_programme AND capacity_key = p_key AND status = 'waitlisted' ORDER BY queued_at, id
  LOOP
    EXIT WHEN free <= 0;
    CONTINUE WHEN waiting_team.places > free;
    UPDATE placements SET status = 'confirmed', promoted_at = now() WHERE id = waiting_team.id;
    free := free - waiting_team.places;
    slot.confirmed := slot.confirmed + waiting_team.places;
    slot.waiting := slot.waiting - 1;
    promoted := promoted || waiting_team.enrolment_id;
    PERFORM cop_mail_promoted(p_programme, waiting_team.enrolment_id);
  END LOOP;
  IF cardinality(promoted) > 0 THEN
    UPDATE capacity_slots SET confirmed = slot.confirmed, waiting = slot.waiting WHERE programme_id = p_programme AND capacity_key = p_key;
    PERFORM pg_notify('cop_availability', p_programme);
  END IF;
  RETURN promoted;
END
$$;

-- Enrols a team in one statement (one round trip, each slot's row locked for this statement
-- only). p: { programme, key?, hash?, waitlist, slots: [{ key, session?, capacity? }],
--   members: [{ role, name, organisation, jobTitle?, email, phone?, tokenHash }],
--   sessionIds, groupId?, themeIds, remark? }
-- Returns { kind: 'created', status, position?, sessions?, id } (also when every member was
-- already enrolled: the visitor cannot tell, each such member is mailed instead), or
-- { kind: 'mismatch' } for a key used with another body; raises 'cop:full' when a slot is full
-- and the programme keeps no waiting list, so nothing is stored (not even the key).
CREATE FUNCTION cop_enrol(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_programme text := p->>'programme';
  v_key text := p->>'key';
  v_slot jsonb;
  v_capacity integer;
  v_enrolment bigint;
  v_new integer;
  v_inserted integer;
  v_position integer;
  v_status text;
  v_overall text := 'confirmed';
  v_first_position integer;
  v_sessions jsonb := '{}';
  v_earlier record;
  v_outcome jsonb;
  v_members jsonb;
BEGIN
  INSERT INTO programmes (id) VALUES (v_programme) ON CONFLICT (id) DO NOTHING;
  IF v_key IS NOT NULL THEN
    -- A retry racing its original waits here for the original's commit, then gets its answer.
    INSERT INTO idempotency_keys (programme_id, key, request_hash, body) VALUES (v_programme, v_key, p->>'hash', 'null')
      ON CONFLICT (programme_id, key) DO NOTHING;
    IF NOT FOUND THEN
      SELECT body, request_hash INTO v_earlier FROM idempotency_keys WHERE programme_id = v_programme AND key = v_key;
      IF v_earlier.request_hash IS DISTINCT FROM p->>'hash' THEN
        RETURN jsonb_build_object('kind', 'mismatch');
      END IF;
      RETURN v_earlier.body || '{"replayed": true}';
    END IF;
  END IF;

  -- Members whose address is not enrolled in this programme yet.
  SELECT coalesce(jsonb_agg(m ORDER BY n), '[]') INTO v_members
    FROM jsonb_array_elements(p->'members') WITH ORDINALITY AS t(m, n)
   WHERE NOT EXISTS (SELECT 1 FROM enrolment_members e WHERE e.programme_id = v_programme AND e.email = m->>'email');
  v_new := jsonb_array_length(v_members);

  IF v_new > 0 THEN
    INSERT INTO enrolments (programme_id, session_ids, group_id, theme_ids, remark)
      VALUES (v_programme,
              ARRAY(SELECT jsonb_array_elements_text(coalesce(p->'sessionIds', '[]'))),
              p->>'groupId',
              ARRAY(SELECT jsonb_array_elements_text(coalesce(p->'themeIds', '[]'))),
              nullif(p->>'remark', ''))
      RETURNING id INTO v_enrolment;
    INSERT INTO enrolment_members (enrolment_id, programme_id, role_id, name, organisation, job_title, email, phone, cancel_token_hash)
      SELECT v_enrolment, v_programme, m.role, m.name, m.organisation, nullif(m."jobTitle", ''), m.email, nullif(m.phone, ''), m."tokenHash"
        FROM jsonb_to_recordset(v_members) AS m(role text, name text, organisation text, "jobTitle" text, email text, phone text, "tokenHash" text)
       -- In address order: two teams sharing two addresses wait for each other in the same order, never in a circle.
       ORDER BY m.email
      ON CONFLICT (programme_id, email) DO NOTHING;
    GET DIAGNOSTICS v_inserted = ROW_COUNT;
    -- A concurrent enrolment took one of these addresses meanwhile: the caller runs this again.
    IF v_inserted < v_new THEN
      RAISE EXCEPTION 'cop:retry';
    END IF;
  END IF;

  FOR v_slot IN SELECT * FROM jsonb_array_elements(p->'slots') LOOP
    v_capacity := (v_slot->>'capacity')::integer;
    INSERT INTO capacity_slots (programme_id, capacity_key) VALUES (v_programme, v_slot->>'key') ON CONFLICT DO NOTHING;
    IF v_new = 0 THEN
      -- Nobody new: answer as a new team of this size would be answered, storing nothing.
      SELECT CASE WHEN v_capacity IS NULL OR confirmed + jsonb_array_length(p->'members') <= v_capacity THEN NULL ELSE waiting + 1 END
        INTO v_position FROM capacity_slots WHERE programme_id = v_programme AND capacity_key = v_slot->>'key';
      v_status := CASE WHEN v_position IS NULL THEN 'confirmed' ELSE 'waitlisted' END;
    ELSE
      -- A team that fits in the free places takes them. (No waiting team fits in them: each time
      -- places free up, every waiting team that fits moves up first. So nobody is passed over.)
      UPDATE capacity_slots SET confirmed = confirmed + v_new
       WHERE programme_id = v_programme AND capacity_key = v_slot->>'key'
         AND (v_capacity IS NULL OR confirmed + v_new <= v_capacity);
      IF FOUND THEN
        v_status := 'confirmed';
        v_position := NULL;
      ELSE
        v_status := 'waitlisted';
        UPDATE capacity_slots SET waiting = waiting + 1 WHERE programme_id = v_programme AND capacity_key = v_slot->>'key'
          RETURNING waiting INTO v_position;
      END IF;
      -- Behind the slot's lock, so the queue's order is the order places were taken in.
      INSERT INTO placements (enrolment_id, programme_id, capacity_key, session_id, status, places, queued_at)
        VALUES (v_enrolment, v_programme, v_slot->>'key', v_slot->>'session', v_status, v_new, clock_timestamp());
    END IF;
    IF v_status = 'waitlisted' AND NOT (p->>'waitlist')::boolean THEN
      RAISE EXCEPTION 'cop:full';
    END IF;
    IF v_status = 'waitlisted' THEN
      v_overall := 'waitlisted';
      v_first_position := least(coalesce(v_first_position, v_position), v_position);
    END IF;
    IF v_slot->>'session' IS NOT NULL THEN
      v_sessions := v_sessions || jsonb_build_object(v_slot->>'session',
        jsonb_strip_nulls(jsonb_build_object('status', v_status, 'position', v_position)));
    END IF;
  END LOOP;

  -- Mails: a confirmation (or the waiting-list news) to each new member, and to an address that
  -- was enrolled already a mail that says so (the visitor's answer does not).
  IF v_new > 0 THEN
    INSERT INTO outbox (kind, programme_id, enrolment_id, recipient, payload)
      SELECT v_overall, v_programme, v_enrolment, m.email, jsonb_build_object('name', m.name, 'member', e.id, 'token', m.token)
        FROM jsonb_to_recordset(v_members) AS m(name text, email text, token text)
        JOIN enrolment_members e ON e.programme_id = v_programme AND e.email = m.email
       ORDER BY e.id;
  END IF;
  INSERT INTO outbox (kind, programme_id, recipient, payload)
    SELECT 'already-enrolled', v_programme, m.email, jsonb_build_object('name', m.name)
      FROM jsonb_to_recordset(p->'members') AS m(name text, email text)
     WHERE NOT v_members @> jsonb_build_array(jsonb_build_object('email', m.email));

  v_outcome := jsonb_strip_nulls(jsonb_build_object(
    'kind', 'created', 'status', v_overall, 'position', v_first_position, 'id', v_enrolment,
    'sessions', CASE WHEN v_sessions = '{}' THEN NULL ELSE v_sessions END));
  IF v_key IS NOT NULL THEN
    UPDATE idempotency_keys SET body = v_outcome WHERE programme_id = v_programme AND key = v_key;
  END IF;
  IF v_new > 0 THEN
    PERFORM pg_notify('cop_availability', v_programme);
  END IF;
  -- The programme's places as they are now, so the answer can show them without another query.
  RETURN v_outcome || jsonb_build_object('slots', (
    SELECT coalesce(jsonb_object_agg(capacity_key, jsonb_build_object('confirmed', confirmed, 'waiting', waiting)), '{}')
      FROM capacity_slots WHERE programme_id = v_programme));
END
$$;

-- Removes members (a participant's link, the organiser, an erasure): their places go back, a
-- team left without members goes, and in every slot they leave waiting teams move up.
-- p: { programme, members: [member ids], capacities: { slot key: capacity or null }, notify }
-- Returns { removed, enrolments: [ids left empty], promoted: [ids] }.
CREATE FUNCTION cop_remove_members(p jsonb) RETURNS jsonb
LANGUAGE plpgsql AS $$
DECLARE
  v_programme text := p->>'programme';
  v_gone record;
  v_place placements%ROWTYPE;
  v_removed integer := 0;
  v_empty bigint[] := '{}';
  v_promoted bigint[] := '{}';
  v_keys text[] := '{}';
  v_key text;
  v_counts jsonb;
BEGIN
  -- Every slot the affected teams hold, locked in key order before anything changes (the order
  -- enrolments lock them in too, so the two never wait for each other in a circle).
  PERFORM 1 FROM capacity_slots s
   WHERE s.programme_id = v_programme
     AND s.capacity_key IN (SELECT pl.capacity_key FROM placements pl JOIN enrolment_members m ON m.enrolment_id = pl.enrolment_id
                             WHERE m.id IN (SELECT jsonb_array_elements_text(p->'members')::bigint))
   ORDER BY s.capacity_key FOR UPDATE;
  -- A participant or the organiser cancelling: each member hears it. (An erasure mails nobody:
  -- the address must go.)
  IF (p->>'notify')::boolean THEN
    INSERT INTO outbox (kind, programme_id, enrolment_id, recipient, payload)
      SELECT 'cancelled', v_programme, m.enrolment_id, m.email, jsonb_build_object('name', m.name)
        FROM enrolment_members m
       WHERE m.programme_id = v_programme AND m.id IN (SELECT jsonb_array_elements_text(p->'members')::bigint)
       ORDER BY m.id;
  END IF;
  WITH gone AS (
    DELETE FROM enrolment_members WHERE programme_id = v_programme AND id IN (SELECT jsonb_array_elements_text(p->'members')::bigint)
    RETURNING enrolment_id
  )
  SELECT coalesce(jsonb_object_agg(enrolment_id, n), '{}') INTO v_counts
    FROM (SELECT enrolment_id, count(*)::integer AS n FROM gone GROUP BY enrolment_id) AS per_team;
  FOR v_gone IN SELECT key::bigint AS enrolment_id, value::integer AS n FROM jsonb_each_text(v_counts) LOOP
    v_removed := v_removed + v_gone.n;
    FOR v_place IN SELECT * FROM placements WHERE enrolment_id = v_gone.enrolment_id LOOP
      v_keys := v_keys || v_place.capacity_key;
      IF v_place.places <= v_gone.n THEN
        DELETE FROM placements WHERE id = v_place.id;
        UPDATE capacity_slots
           SET confirmed = confirmed - CASE WHEN v_place.status = 'confirmed' THEN v_place.places ELSE 0 END,
               waiting = waiting - CASE WHEN v_place.status = 'waitlisted' THEN 1 ELSE 0 END
         WHERE programme_id = v_programme AND capacity_key = v_place.capacity_key;
      ELSE
        UPDATE placements SET places = places - v_gone.n WHERE id = v_place.id;
        IF v_place.status = 'confirmed' THEN
          UPDATE capacity_slots SET confirmed = confirmed - v_gone.n WHERE programme_id = v_programme AND capacity_key = v_place.capacity_key;
        END IF;
      END IF;
    END LOOP;
    IF NOT EXISTS (SELECT 1 FROM enrolment_members WHERE enrolment_id = v_gone.enrolment_id) THEN
      DELETE FROM enrolments WHERE id = v_gone.enrolment_id;
      v_empty := v_empty || v_gone.enrolment_id;
    END IF;
  END LOOP;
  -- A slot whose capacity the caller does not know (the programme's feed is no longer served)
  -- moves nobody up.
  FOREACH v_key IN ARRAY ARRAY(SELECT DISTINCT unnest(v_keys) ORDER BY 1) LOOP
    CONTINUE WHEN NOT coalesce(p->'capacities' ? v_key, false);
    v_promoted := v_promoted || cop_promote(v_programme, v_key, (p->'capacities'->>v_key)::integer);
  END LOOP;
  IF v_removed > 0 THEN
    PERFORM pg_notify('cop_availability', v_programme);
  END IF;
  RETURN jsonb_build_object('removed', v_removed, 'enrolments', to_jsonb(v_empty), 'promoted', to_jsonb(v_promoted));
END
$$;
