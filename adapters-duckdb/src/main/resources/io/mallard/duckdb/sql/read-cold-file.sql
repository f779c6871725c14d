-- Reads every column of every row of one cold file (hashing each value), so damage in any page shows;
-- %1$s is the file's checked path literal (ColdLayout.checkedLiteral).
SELECT count(*), max(hash(COLUMNS(*))) FROM read_parquet(%1$s)
