-- The visit an event belongs to (the event id of the visit's first event), assigned at ingestion.
-- NULL on events stored before this version: the stats derive their visits as before.
ALTER TABLE events ADD COLUMN visit_id BIGINT;
ALTER TABLE load_staging ADD COLUMN visit_id BIGINT;
