SELECT path FROM cold_files ORDER BY path
