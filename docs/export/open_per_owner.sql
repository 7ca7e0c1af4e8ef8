-- Open actions per owner, across every series: what
-- `minutes actions --owner NAME` lists, for everyone at once.
SELECT p.display_name AS owner, count(*) AS open_actions
FROM (SELECT unnest(owner_ids) AS person_id, status FROM actions) AS a
JOIN people AS p USING (person_id)
WHERE a.status IN ('open', 'in-progress')
GROUP BY p.display_name
ORDER BY open_actions DESC, owner;
