ALTER TABLE `briefs` ADD `public_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `briefs_public_id_idx` ON `briefs` (`public_id`);