DELETE FROM events WHERE lower(site_id) = lower(?) AND "timestamp" >= ? AND "timestamp" < ?
