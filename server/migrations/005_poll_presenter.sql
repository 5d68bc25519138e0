-- Presenter controls: the organiser opens and closes voting (closed_at, as before) and hides the
-- results until they reveal them. Hidden results are kept from the public results, stream and
-- exports by the server, not only by the widget.
ALTER TABLE polls ADD COLUMN results_hidden boolean NOT NULL DEFAULT false;
