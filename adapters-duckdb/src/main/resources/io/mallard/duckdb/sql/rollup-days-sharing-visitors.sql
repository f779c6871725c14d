SELECT DISTINCT day FROM rollup_visitors WHERE site_id = ? AND day <> ? AND vk IN (SELECT vk FROM rollup_visitors WHERE site_id = ? AND day = ?) ORDER BY day
