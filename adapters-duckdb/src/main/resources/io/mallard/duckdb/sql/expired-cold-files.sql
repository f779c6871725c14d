SELECT path, events FROM cold_files WHERE day < ? ORDER BY path
