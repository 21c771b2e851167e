-- Growthbeat's daily cohort series, computed where the events live (PostgreSQL).
-- Rows: day (the cohort's acquisition day), channel ('' = the whole product), metric, value — the long format
-- of docs/sources/cohorts.mapping.json. Metrics: new_users, retained_d1/d7/d30 (cohort users active exactly N
-- days after their first day), cohort_revenue_d7/d30/d90/d180 (their revenue on days 0 … N−1). A cohort gets a
-- dN value only once it is N days old on the last day of data, as Growthbeat's own event-log import does.
-- A user's channel is the channel of their first event. Point the `ev` CTE at your table (and your columns);
-- event_time is the local time of the event in the workspace's timezone.
-- Run it with --lookback 181: a cohort's d180 matures 180 days after its day, so re-read that far back.
WITH ev AS (
  SELECT user_id, event_time, CAST(event_time AS DATE) AS day, COALESCE(channel, '') AS channel, COALESCE(revenue, 0) AS revenue
  FROM events
),
firsts AS (
  SELECT user_id, day AS cohort_day, channel
  FROM (SELECT user_id, day, channel, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY event_time) AS n FROM ev) f
  WHERE n = 1
),
activity AS (
  SELECT e.user_id, e.day - f.cohort_day AS age, SUM(e.revenue) AS revenue
  FROM ev e JOIN firsts f ON f.user_id = e.user_id
  GROUP BY e.user_id, e.day, f.cohort_day
),
segs AS (
  SELECT user_id, cohort_day, channel AS segment FROM firsts
  UNION ALL
  SELECT user_id, cohort_day, '' FROM firsts
),
horizons AS (
  SELECT 'retained_d1' AS metric, 1 AS n, 'retained' AS kind
  UNION ALL SELECT 'retained_d7', 7, 'retained'
  UNION ALL SELECT 'retained_d30', 30, 'retained'
  UNION ALL SELECT 'cohort_revenue_d7', 7, 'revenue'
  UNION ALL SELECT 'cohort_revenue_d30', 30, 'revenue'
  UNION ALL SELECT 'cohort_revenue_d90', 90, 'revenue'
  UNION ALL SELECT 'cohort_revenue_d180', 180, 'revenue'
),
last_day AS (SELECT MAX(day) AS d FROM ev),
series AS (
  SELECT s.cohort_day AS day, s.segment AS channel, h.metric,
    CASE WHEN h.kind = 'retained' THEN COUNT(DISTINCT CASE WHEN a.age = h.n THEN a.user_id END)
         ELSE ROUND(SUM(CASE WHEN a.age < h.n THEN a.revenue ELSE 0 END), 2) END AS value
  FROM segs s
  JOIN activity a ON a.user_id = s.user_id
  CROSS JOIN horizons h
  CROSS JOIN last_day l
  WHERE s.cohort_day + h.n <= l.d
  GROUP BY s.cohort_day, s.segment, h.metric, h.kind
  UNION ALL
  SELECT cohort_day, segment, 'new_users', COUNT(*) FROM segs GROUP BY cohort_day, segment
)
SELECT day, channel, metric, value FROM series WHERE day >= {{since}} ORDER BY day, channel, metric
