SELECT path FROM cold_files WHERE day >= ? ORDER BY path
