-- results
SELECT e."s:http.route" AS b0,
  CASE e.kind WHEN 0 THEN 'unspecified' WHEN 1 THEN 'internal' WHEN 2 THEN 'server' WHEN 3 THEN 'client' WHEN 4 THEN 'producer' WHEN 5 THEN 'consumer' END AS b1,
  count(*) AS c0,
  quantile_cont(e.duration_ms, 0.5) AS c1
FROM events e
WHERE e.time_unix_nano >= $1
  AND e.time_unix_nano < $2
  AND e.service = $3
GROUP BY ALL
HAVING c0 > $4
ORDER BY c0 DESC, b0 ASC, b1 ASC
LIMIT $5

-- series
WITH top AS (
  SELECT e."s:http.route" AS b0,
    CASE e.kind WHEN 0 THEN 'unspecified' WHEN 1 THEN 'internal' WHEN 2 THEN 'server' WHEN 3 THEN 'client' WHEN 4 THEN 'producer' WHEN 5 THEN 'consumer' END AS b1,
    count(*) AS c0,
    quantile_cont(e.duration_ms, 0.5) AS c1
  FROM events e
  WHERE e.time_unix_nano >= $1
    AND e.time_unix_nano < $2
    AND e.service = $3
  GROUP BY ALL
  HAVING c0 > $4
  ORDER BY c0 DESC, b0 ASC, b1 ASC
  LIMIT $5
)
SELECT e.time_unix_nano // $6::BIGINT * $6::BIGINT AS t,
  top.b0,
  top.b1,
  count(*) AS c0,
  quantile_cont(e.duration_ms, 0.5) AS c1
FROM events e
JOIN top ON top.b0 IS NOT DISTINCT FROM e."s:http.route"
  AND top.b1 IS NOT DISTINCT FROM CASE e.kind WHEN 0 THEN 'unspecified' WHEN 1 THEN 'internal' WHEN 2 THEN 'server' WHEN 3 THEN 'client' WHEN 4 THEN 'producer' WHEN 5 THEN 'consumer' END
WHERE e.time_unix_nano >= $1
  AND e.time_unix_nano < $2
  AND e.service = $3
GROUP BY ALL
ORDER BY t
