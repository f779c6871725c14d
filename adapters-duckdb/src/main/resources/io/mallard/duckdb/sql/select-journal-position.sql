SELECT segment, byte_offset FROM journal_position
