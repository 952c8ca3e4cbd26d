-- results
WITH hb AS (
  SELECT min(e.duration_ms)::DOUBLE AS c0_lo,
    max(e.duration_ms)::DOUBLE AS c0_hi,
    CASE WHEN max(e.duration_ms) > min(e.duration_ms) THEN (max(e.duration_ms) - min(e.duration_ms))::DOUBLE / 30 ELSE 1 END AS c0_w
  FROM events e
  WHERE e.time_unix_nano >= $1
    AND e.time_unix_nano < $2
    AND e.service = $3
)
SELECT e.service AS b0,
  histogram(floor((e.duration_ms - hb.c0_lo) / hb.c0_w)::INTEGER) AS c0,
  any_value(hb.c0_lo) AS c0_lo,
  any_value(hb.c0_hi) AS c0_hi
FROM events e
CROSS JOIN hb
WHERE e.time_unix_nano >= $1
  AND e.time_unix_nano < $2
  AND e.service = $3
GROUP BY ALL
ORDER BY count(*) DESC, b0 ASC
LIMIT $4

-- series
WITH hb AS (
  SELECT min(e.duration_ms)::DOUBLE AS c0_lo,
    max(e.duration_ms)::DOUBLE AS c0_hi,
    CASE WHEN max(e.duration_ms) > min(e.duration_ms) THEN (max(e.duration_ms) - min(e.duration_ms))::DOUBLE / 30 ELSE 1 END AS c0_w
  FROM events e
  WHERE e.time_unix_nano >= $1
    AND e.time_unix_nano < $2
    AND e.service = $3
),
top AS (
  SELECT e.service AS b0,
    histogram(floor((e.duration_ms - hb.c0_lo) / hb.c0_w)::INTEGER) AS c0,
    any_value(hb.c0_lo) AS c0_lo,
    any_value(hb.c0_hi) AS c0_hi
  FROM events e
  CROSS JOIN hb
  WHERE e.time_unix_nano >= $1
    AND e.time_unix_nano < $2
    AND e.service = $3
  GROUP BY ALL
  ORDER BY count(*) DESC, b0 ASC
  LIMIT $4
)
SELECT e.time_unix_nano // $5::BIGINT * $5::BIGINT AS t,
  top.b0,
  histogram(floor((e.duration_ms - hb.c0_lo) / hb.c0_w)::INTEGER) AS c0
FROM events e
CROSS JOIN hb
JOIN top ON top.b0 IS NOT DISTINCT FROM e.service
WHERE e.time_unix_nano >= $1
  AND e.time_unix_nano < $2
  AND e.service = $3
GROUP BY ALL
ORDER BY t
