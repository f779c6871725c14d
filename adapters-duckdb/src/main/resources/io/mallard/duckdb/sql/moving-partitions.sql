SELECT site_id, CAST("timestamp" AS DATE) AS day, count(*) AS events
FROM moving
GROUP BY ALL
ORDER BY site_id, day
