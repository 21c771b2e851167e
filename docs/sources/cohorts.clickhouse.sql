-- Growthbeat's daily cohort series, computed where the events live (ClickHouse 18.16 or later).
-- Rows: day (the cohort's acquisition day), channel ('' = the whole product), metric, value — the long format
-- of docs/sources/cohorts.mapping.json. Metrics: new_users, retained_d1/d7/d30 (cohort users active exactly N
-- days after their first day), cohort_revenue_d7/d30/d90/d180 (their revenue on days 0 … N−1). A cohort gets a
-- dN value only once it is N days old on the last day of data, as Growthbeat's own event-log import does.
-- A user's channel is the channel of their first event. Replace `events` (three times) and the column names
-- with yours; event_time is the local time of the event in the workspace's timezone.
-- Run it with --lookback 181: a cohort's d180 matures 180 days after its day, so re-read that far back.
SELECT day, channel, metric, value FROM
(
  SELECT cohort_day AS day, segment AS channel,
    ['retained_d1', 'retained_d7', 'retained_d30', 'cohort_revenue_d7', 'cohort_revenue_d30', 'cohort_revenue_d90', 'cohort_revenue_d180'][i] AS metric,
    if(i <= 3, toFloat64(uniqExactIf(user_id, age = [1, 7, 30][i])), round(sumIf(revenue, age < [0, 0, 0, 7, 30, 90, 180][i]), 2)) AS value
  FROM
  (
    SELECT user_id, cohort_day, segment, toRelativeDayNum(day) - toRelativeDayNum(cohort_day) AS age, revenue, arrayJoin([1, 2, 3, 4, 5, 6, 7]) AS i
    FROM
    (
      SELECT user_id, day, revenue, cohort_day, first_channel
      FROM
      (
        SELECT toString(user_id) AS user_id, toDate(event_time) AS day, sum(toFloat64(revenue)) AS revenue
        FROM events
        GROUP BY user_id, day
      )
      ALL INNER JOIN
      (
        SELECT toString(user_id) AS user_id, min(toDate(event_time)) AS cohort_day, argMin(channel, event_time) AS first_channel
        FROM events
        GROUP BY user_id
      ) USING (user_id)
    )
    ARRAY JOIN [first_channel, ''] AS segment
  )
  WHERE cohort_day + [1, 7, 30, 7, 30, 90, 180][i] <= (SELECT max(toDate(event_time)) FROM events)
  GROUP BY cohort_day, segment, i
  UNION ALL
  SELECT cohort_day AS day, segment AS channel, 'new_users' AS metric, toFloat64(count()) AS value
  FROM
  (
    SELECT min(toDate(event_time)) AS cohort_day, argMin(channel, event_time) AS first_channel
    FROM events
    GROUP BY user_id
  )
  ARRAY JOIN [first_channel, ''] AS segment
  GROUP BY cohort_day, segment
)
WHERE day >= {{since}}
ORDER BY day, channel, metric
