-- Attendance rate per member per year: the meetings they were present at,
-- over the meetings that listed them as a member (present, apologies or
-- absent; those "in attendance" are not members).
SELECT p.display_name AS member,
       year(a.date) AS year,
       count(*) FILTER (WHERE a.list = 'present') AS present,
       count(*) AS listed,
       round(count(*) FILTER (WHERE a.list = 'present') / count(*), 2) AS rate
FROM attendance AS a
JOIN people AS p USING (person_id)
WHERE a.list IN ('present', 'apologies', 'absent')
GROUP BY ALL
ORDER BY member, year;
