-- How far the write-ahead journal has been loaded into the hot table: the position after the last
-- loaded record. It is updated in the same transaction as the rows it covers, so replay after a
-- crash resumes exactly after the last loaded event (no event loaded twice, none skipped).
CREATE TABLE journal_position (
    segment     BIGINT NOT NULL,
    byte_offset BIGINT NOT NULL
);
INSERT INTO journal_position VALUES (0, 0);
