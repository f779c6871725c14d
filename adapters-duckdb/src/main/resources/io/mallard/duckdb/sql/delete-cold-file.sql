DELETE FROM cold_files WHERE path = ?
