SELECT coalesce(sum(events), 0) FROM cold_files
