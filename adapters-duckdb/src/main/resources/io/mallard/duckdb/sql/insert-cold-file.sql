INSERT INTO cold_files (path, site_id, day, events, created_at, optimized) VALUES (?, ?, ?, ?, now(), ?)
