-- results
SELECT e."s:app.userId" AS b0,
  avg(e.duration_ms) AS c0,
  quantile_cont(e.duration_ms, 0.99) AS c1
FROM events e
WHERE e.time_unix_nano >= $1
  AND e.time_unix_nano < $2
  AND e.service = $3
  AND e."s:http.route" = $4
GROUP BY ALL
ORDER BY c0 DESC, b0 ASC
LIMIT $5
