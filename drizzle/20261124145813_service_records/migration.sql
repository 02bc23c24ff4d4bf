CREATE TABLE `api_keys` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`name` text NOT NULL UNIQUE,
	`role` text NOT NULL,
	`token_hash` text NOT NULL UNIQUE,
	`prefix` text NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`revoked_at` text,
	`last_used_at` text
);
--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` integer,
	`entity_key` text,
	`before` text,
	`after` text
);
--> statement-breakpoint
CREATE TABLE `briefs` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`template` text NOT NULL,
	`locale` text NOT NULL,
	`spec` text NOT NULL,
	`cache_key` text NOT NULL,
	`template_hash` text NOT NULL,
	`data_hash` text NOT NULL,
	`status` text DEFAULT 'queued' NOT NULL,
	`error` text,
	`title` text,
	`sha256` text,
	`bytes` integer,
	`pages` integer,
	`file` text,
	`timings` text,
	`requested_by` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE TABLE `deliveries` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`run_id` integer NOT NULL,
	`target` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`error` text,
	`sent_at` text,
	CONSTRAINT `fk_deliveries_run_id_schedule_runs_id_fk` FOREIGN KEY (`run_id`) REFERENCES `schedule_runs`(`id`) ON DELETE CASCADE
);
--> statement-breakpoint
CREATE TABLE `schedule_runs` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`schedule_id` integer NOT NULL,
	`period_start` text NOT NULL,
	`period_end` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`lease_owner` text,
	`lease_expires_at` text,
	`next_attempt_at` text,
	`error` text,
	`brief_ids` text,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`finished_at` text,
	CONSTRAINT `fk_schedule_runs_schedule_id_schedules_id_fk` FOREIGN KEY (`schedule_id`) REFERENCES `schedules`(`id`) ON DELETE CASCADE
);
--> statement-breakpoint
CREATE TABLE `schedules` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`name` text NOT NULL UNIQUE,
	`cron` text NOT NULL,
	`timezone` text NOT NULL,
	`template` text DEFAULT 'weekly-summary' NOT NULL,
	`period` text DEFAULT 'previous_iso_week' NOT NULL,
	`scope` text NOT NULL,
	`locales` text NOT NULL,
	`targets` text NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`owner` text,
	`catch_up` integer DEFAULT 4 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `audit_log_entity_idx` ON `audit_log` (`entity_type`,`entity_id`,`id`);--> statement-breakpoint
CREATE INDEX `audit_log_actor_idx` ON `audit_log` (`actor`,`id`);--> statement-breakpoint
CREATE INDEX `briefs_cache_idx` ON `briefs` (`cache_key`,`status`);--> statement-breakpoint
CREATE INDEX `briefs_created_idx` ON `briefs` (`created_at`,`id`);--> statement-breakpoint
CREATE UNIQUE INDEX `deliveries_run_target_uq` ON `deliveries` (`run_id`,`target`);--> statement-breakpoint
CREATE UNIQUE INDEX `schedule_runs_period_uq` ON `schedule_runs` (`schedule_id`,`period_start`);--> statement-breakpoint
CREATE INDEX `schedule_runs_status_idx` ON `schedule_runs` (`status`,`next_attempt_at`);