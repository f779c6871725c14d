SELECT path, site_id, day, events FROM cold_files WHERE lower(site_id) = lower(?) AND day BETWEEN ? AND ? ORDER BY path
