-- results
SELECT COALESCE(e."s:deployment.environment", r."s:deployment.environment") AS b0,
  r.scope_name AS b1,
  max(COALESCE(e."f:mixed.num", CAST(e."i:mixed.num" AS DOUBLE))) AS c0,
  count(DISTINCT r."s:host.name") AS c1
FROM events e
LEFT JOIN resources r ON r.resource_id = e.resource_id
WHERE e.time_unix_nano >= $1
  AND e.time_unix_nano < $2
  AND e.service = $3
GROUP BY ALL
ORDER BY c0 DESC, b0 ASC, b1 ASC
LIMIT $4
