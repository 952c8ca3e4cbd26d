-- results
SELECT count(*) AS c0
FROM events e
WHERE e.time_unix_nano >= $1
  AND e.time_unix_nano < $2
  AND e.service IN ($3, $4)
  AND (e."i:http.status_code" >= $5
    OR (e."s:http.route" IS NULL OR NOT starts_with(e."s:http.route", $6))
    OR contains(CAST(e."i:http.status_code" AS VARCHAR), $7)
    OR e.name IN ($8, $9)
    OR printf('%016x', e.parent_span_id) IS NULL
    OR CAST(NULL AS VARCHAR) IS DISTINCT FROM $10)
