-- Lookups that stay index lookups as a programme grows.
--
-- A team's members by their enrolment: every mail the outbox sends, the cancellation page, a
-- promotion and a removal read them so; without this index each read the whole table.
CREATE INDEX enrolment_members_by_enrolment ON enrolment_members (enrolment_id);

-- cop_enrol (004) as before, with its two lookups of members by address written so the planner
-- cannot turn them into a read of every member of the programme: it estimates 100 rows for a
-- jsonb function, and so chose hash joins that took 1-1.7 ms per enrolment at 4,000 members,
-- growing with each one (the second of them while the slot's row is locked, which every other
-- enrolment of the programme waits for). Only those two statements differ from 004.
CREATE OR REPLACE FUNCTION cop_enrol(p jsonb) RETURNS jsonb
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
   -- A scalar subquery with LIMIT is looked up per member in the unique index; as NOT EXISTS the
   -- planner may read every member of the programme (a hash anti-join), while holding no lock yet.
   WHERE (SELECT 1 FROM enrolment_members e WHERE e.programme_id = v_programme AND e.email = m->>'email' LIMIT 1) IS NULL;
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
        -- LATERAL with LIMIT: one index lookup per new member, not a hash join over every member of
        -- the programme while the slot's row is locked.
        CROSS JOIN LATERAL (SELECT x.id FROM enrolment_members x WHERE x.programme_id = v_programme AND x.email = m.email LIMIT 1) e
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
