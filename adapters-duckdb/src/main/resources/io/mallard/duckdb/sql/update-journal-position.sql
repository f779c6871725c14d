UPDATE journal_position SET segment = ?, byte_offset = ?
