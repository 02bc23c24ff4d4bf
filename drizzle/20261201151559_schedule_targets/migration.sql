CREATE TABLE `schedule_targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`schedule_id` integer NOT NULL,
	`kind` text NOT NULL,
	`role` text DEFAULT 'delivery' NOT NULL,
	`url` text,
	`address` text,
	`locales` text,
	`secret` text,
	`previous_secret` text,
	`previous_secret_until` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`removed_at` text,
	CONSTRAINT `fk_schedule_targets_schedule_id_schedules_id_fk` FOREIGN KEY (`schedule_id`) REFERENCES `schedules`(`id`)
);
--> statement-breakpoint
ALTER TABLE `deliveries` ADD `target_id` integer REFERENCES schedule_targets(id);--> statement-breakpoint
ALTER TABLE `deliveries` ADD `resends` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `schedule_runs` ADD `reason` text;--> statement-breakpoint
ALTER TABLE `schedules` ADD `skip_if_empty` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `schedules` ADD `paused_at` text;--> statement-breakpoint
ALTER TABLE `schedules` ADD `deleted_at` text;--> statement-breakpoint
CREATE INDEX `schedule_targets_schedule_idx` ON `schedule_targets` (`schedule_id`,`removed_at`);