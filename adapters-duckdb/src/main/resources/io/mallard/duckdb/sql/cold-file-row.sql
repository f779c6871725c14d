SELECT site_id, day, events FROM cold_files WHERE path = ?
