SELECT site_id, day, list(path ORDER BY path) AS paths, sum(events) AS events
FROM cold_files
WHERE day < ?
GROUP BY site_id, day
HAVING count(*) > 1 OR bool_or(NOT optimized)
ORDER BY site_id, day
