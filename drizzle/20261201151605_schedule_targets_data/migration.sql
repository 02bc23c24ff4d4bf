-- Each schedule's targets move into records of their own: a webhook keeps its signing secret,
-- an email target becomes one target per address. Past deliveries are linked to their target.
INSERT INTO `schedule_targets` (`schedule_id`, `kind`, `role`, `url`, `secret`, `created_at`)
SELECT s.`id`, 'webhook', 'delivery', json_extract(t.value, '$.url'), json_extract(t.value, '$.secret'), s.`created_at`
FROM `schedules` s, json_each(s.`targets`) t
WHERE json_extract(t.value, '$.type') = 'webhook'
ORDER BY s.`id`, t.key;
--> statement-breakpoint
INSERT INTO `schedule_targets` (`schedule_id`, `kind`, `role`, `address`, `created_at`)
SELECT s.`id`, 'email', 'delivery', a.value, s.`created_at`
FROM `schedules` s, json_each(s.`targets`) t, json_each(json_extract(t.value, '$.to')) a
WHERE json_extract(t.value, '$.type') = 'email'
ORDER BY s.`id`, t.key, a.key;
--> statement-breakpoint
UPDATE `deliveries` SET `target_id` = (
  SELECT st.`id` FROM `schedule_targets` st JOIN `schedule_runs` r ON r.`schedule_id` = st.`schedule_id`
  WHERE r.`id` = `deliveries`.`run_id`
    AND `deliveries`.`target` = CASE st.`kind` WHEN 'webhook' THEN 'webhook:' || st.`url` ELSE 'email:' || st.`address` END
);
--> statement-breakpoint
UPDATE `schedules` SET `paused_at` = `updated_at` WHERE `enabled` = 0;
