DELETE FROM events WHERE "timestamp" < ?
