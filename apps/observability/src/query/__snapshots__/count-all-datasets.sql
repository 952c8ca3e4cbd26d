-- results
SELECT count(*) AS c0
FROM events e
WHERE e.time_unix_nano >= $1
  AND e.time_unix_nano < $2

-- series
SELECT e.time_unix_nano // $3::BIGINT * $3::BIGINT AS t,
  count(*) AS c0
FROM events e
WHERE e.time_unix_nano >= $1
  AND e.time_unix_nano < $2
GROUP BY ALL
ORDER BY t
