-- Data model 2: partial dates, the ladder as data, statements with sides (or joint), topics and
-- organisations as lists, document actions, project status history, mentions and targets as records.
-- Tables are rebuilt and their rows converted; migrateDatabase turns foreign keys off meanwhile.
CREATE TABLE `partnership_levels` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`label_en` text NOT NULL,
	`label_zh` text NOT NULL,
	`rank` integer NOT NULL,
	`qualifiers` text DEFAULT '[]' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE `project_status_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`project_id` integer NOT NULL,
	`status` text NOT NULL,
	`date` text NOT NULL,
	`date_from` text NOT NULL,
	`date_to` text NOT NULL,
	CONSTRAINT `fk_project_status_steps_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE CASCADE
);
--> statement-breakpoint
CREATE TABLE `statement_organizations` (
	`statement_id` integer NOT NULL,
	`organization_id` integer NOT NULL,
	CONSTRAINT `statement_organizations_pk` PRIMARY KEY(`statement_id`, `organization_id`),
	CONSTRAINT `fk_statement_organizations_statement_id_statements_id_fk` FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_statement_organizations_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`)
);
--> statement-breakpoint
CREATE TABLE `statement_projects` (
	`statement_id` integer NOT NULL,
	`project_id` integer NOT NULL,
	CONSTRAINT `statement_projects_pk` PRIMARY KEY(`statement_id`, `project_id`),
	CONSTRAINT `fk_statement_projects_statement_id_statements_id_fk` FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_statement_projects_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`)
);
--> statement-breakpoint
CREATE TABLE `statement_topics` (
	`statement_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	CONSTRAINT `statement_topics_pk` PRIMARY KEY(`statement_id`, `topic_id`),
	CONSTRAINT `fk_statement_topics_statement_id_statements_id_fk` FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_statement_topics_topic_id_topics_id_fk` FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`)
);
--> statement-breakpoint
CREATE TABLE `target_statements` (
	`target_id` integer NOT NULL,
	`statement_id` integer NOT NULL,
	CONSTRAINT `target_statements_pk` PRIMARY KEY(`target_id`, `statement_id`),
	CONSTRAINT `fk_target_statements_target_id_targets_id_fk` FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_target_statements_statement_id_statements_id_fk` FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON DELETE CASCADE
);
--> statement-breakpoint
CREATE TABLE `targets` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`relationship_id` integer NOT NULL,
	`title_en` text,
	`title_zh` text,
	`amount` real,
	`unit` text,
	`by_date` text,
	`by_note` text,
	`status` text NOT NULL,
	`date` text,
	`date_from` text,
	`date_to` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_targets_relationship_id_relationships_id_fk` FOREIGN KEY (`relationship_id`) REFERENCES `relationships`(`id`)
);
--> statement-breakpoint
CREATE TABLE `__new_citations` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`source_id` integer NOT NULL,
	`locator` text,
	`event_id` integer,
	`document_id` integer,
	`statement_id` integer,
	`partnership_id` integer,
	`project_mention_id` integer,
	`office_id` integer,
	`project_status_step_id` integer,
	`target_id` integer,
	CONSTRAINT `fk_citations_source_id_sources_id_fk` FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`),
	CONSTRAINT `fk_citations_event_id_events_id_fk` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_document_id_documents_id_fk` FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_statement_id_statements_id_fk` FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_partnership_id_partnerships_id_fk` FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_project_mention_id_project_mentions_id_fk` FOREIGN KEY (`project_mention_id`) REFERENCES `project_mentions`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_office_id_offices_id_fk` FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_project_status_step_id_project_status_steps_id_fk` FOREIGN KEY (`project_status_step_id`) REFERENCES `project_status_steps`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_target_id_targets_id_fk` FOREIGN KEY (`target_id`) REFERENCES `targets`(`id`) ON DELETE CASCADE,
	CONSTRAINT "citations_one_subject_ck" CHECK(("event_id" IS NOT NULL) + ("document_id" IS NOT NULL) + ("statement_id" IS NOT NULL) + ("partnership_id" IS NOT NULL) + ("project_mention_id" IS NOT NULL) + ("office_id" IS NOT NULL) + ("project_status_step_id" IS NOT NULL) + ("target_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
INSERT INTO `__new_citations`(`id`, `source_id`, `locator`, `event_id`, `document_id`, `statement_id`, `partnership_id`, `project_mention_id`, `office_id`) SELECT `id`, `source_id`, `locator`, `event_id`, `document_id`, `statement_id`, `partnership_id`, `project_mention_id`, `office_id` FROM `citations`;--> statement-breakpoint
DROP TABLE `citations`;--> statement-breakpoint
ALTER TABLE `__new_citations` RENAME TO `citations`;--> statement-breakpoint
-- The ladder was code until now: its levels become rows, so existing partnership steps keep them
-- (a new database gets them from the seeds instead).
INSERT OR IGNORE INTO `partnership_levels`(`key`, `rank`, `label_en`, `label_zh`, `qualifiers`) SELECT * FROM (VALUES ('friendly_relations', 1, 'friendly cooperative relations', '友好合作关系', '[]'), ('partnership', 2, 'partnership', '伙伴关系', '[]'), ('cooperative_partnership', 3, 'cooperative partnership', '合作伙伴关系', '[]'), ('comprehensive_cooperative_partnership', 4, 'comprehensive cooperative partnership', '全面合作伙伴关系', '[]'), ('strategic_partnership', 5, 'strategic partnership', '战略伙伴关系', '[]'), ('comprehensive_strategic_partnership', 6, 'comprehensive strategic partnership', '全面战略伙伴关系', '[]'), ('comprehensive_strategic_partnership_new_era', 7, 'comprehensive strategic partnership for a new era', '新时代全面战略伙伴关系', '["new_era"]'), ('permanent_comprehensive_strategic_partnership', 8, 'permanent comprehensive strategic partnership', '永久全面战略伙伴关系', '["permanent"]'), ('comprehensive_strategic_cooperative_partnership', 8, 'comprehensive strategic partnership of coordination', '全面战略协作伙伴关系', '[]')) WHERE EXISTS (SELECT 1 FROM `partnerships`);--> statement-breakpoint
ALTER TABLE `countries` ADD `aliases` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `countries` ADD `version` integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE `topics` ADD `terms` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
CREATE TABLE `__new_partnerships` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`relationship_id` integer NOT NULL,
	`level_id` integer NOT NULL,
	`since` text,
	`attested_on` text,
	`note_en` text,
	`note_zh` text,
	CONSTRAINT `fk_partnerships_relationship_id_relationships_id_fk` FOREIGN KEY (`relationship_id`) REFERENCES `relationships`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_partnerships_level_id_partnership_levels_id_fk` FOREIGN KEY (`level_id`) REFERENCES `partnership_levels`(`id`),
	CONSTRAINT "partnerships_dated_ck" CHECK(("since" IS NULL) <> ("attested_on" IS NULL))
);
--> statement-breakpoint
INSERT OR IGNORE INTO `__new_partnerships`(`id`, `relationship_id`, `level_id`, `since`, `note_en`, `note_zh`) SELECT p.`id`, p.`relationship_id`, l.`id`, p.`since`, p.`note_en`, p.`note_zh` FROM `partnerships` p JOIN `partnership_levels` l ON l.`key` = p.`level` ORDER BY p.`since`;--> statement-breakpoint
DROP TABLE `partnerships`;--> statement-breakpoint
ALTER TABLE `__new_partnerships` RENAME TO `partnerships`;--> statement-breakpoint
CREATE TABLE `__new_project_mentions` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`project_id` integer NOT NULL,
	`event_id` integer,
	`date` text NOT NULL,
	`date_from` text NOT NULL,
	`date_to` text NOT NULL,
	`note_en` text,
	`note_zh` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_project_mentions_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_project_mentions_event_id_events_id_fk` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE SET NULL
);
--> statement-breakpoint
INSERT INTO `__new_project_mentions`(`id`, `key`, `project_id`, `event_id`, `date`, `date_from`, `date_to`, `note_en`, `note_zh`) SELECT m.`id`, pr.`key` || '-' || m.`mentioned_on` || '-' || m.`id`, m.`project_id`, m.`event_id`, m.`mentioned_on`, m.`mentioned_on`, m.`mentioned_on`, m.`note_en`, m.`note_zh` FROM `project_mentions` m JOIN `projects` pr ON pr.`id` = m.`project_id`;--> statement-breakpoint
INSERT OR IGNORE INTO `project_status_steps`(`project_id`, `status`, `date`, `date_from`, `date_to`) SELECT `project_id`, `status`, `mentioned_on`, `mentioned_on`, `mentioned_on` FROM `project_mentions` WHERE `status` IS NOT NULL ORDER BY `id`;--> statement-breakpoint
INSERT INTO `citations`(`source_id`, `locator`, `project_status_step_id`) SELECT c.`source_id`, c.`locator`, st.`id` FROM `citations` c JOIN `project_mentions` m ON m.`id` = c.`project_mention_id` JOIN `project_status_steps` st ON st.`project_id` = m.`project_id` AND st.`status` = m.`status` AND st.`date` = m.`mentioned_on`;--> statement-breakpoint
DROP TABLE `project_mentions`;--> statement-breakpoint
ALTER TABLE `__new_project_mentions` RENAME TO `project_mentions`;--> statement-breakpoint
CREATE TABLE `__new_statements` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`kind` text NOT NULL,
	`relationship_id` integer NOT NULL,
	`side_country_id` integer,
	`speaker_id` integer,
	`event_id` integer,
	`verb` text,
	`date` text NOT NULL,
	`date_from` text NOT NULL,
	`date_to` text NOT NULL,
	`text_en` text,
	`text_zh` text,
	`quote_zh` text,
	`quote_en` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_statements_relationship_id_relationships_id_fk` FOREIGN KEY (`relationship_id`) REFERENCES `relationships`(`id`),
	CONSTRAINT `fk_statements_side_country_id_countries_id_fk` FOREIGN KEY (`side_country_id`) REFERENCES `countries`(`id`),
	CONSTRAINT `fk_statements_speaker_id_people_id_fk` FOREIGN KEY (`speaker_id`) REFERENCES `people`(`id`),
	CONSTRAINT `fk_statements_event_id_events_id_fk` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE SET NULL
);
--> statement-breakpoint
INSERT INTO `__new_statements`(`id`, `key`, `kind`, `relationship_id`, `side_country_id`, `speaker_id`, `event_id`, `date`, `date_from`, `date_to`, `text_en`, `text_zh`, `quote_zh`, `quote_en`, `version`, `created_at`, `updated_at`) SELECT s.`id`, s.`key`, s.`kind`, coalesce((SELECT e.`relationship_id` FROM `events` e WHERE e.`id` = s.`event_id`), (SELECT r.`id` FROM `relationships` r WHERE s.`country_id` IN (r.`country_a_id`, r.`country_b_id`) ORDER BY r.`id` LIMIT 1)), s.`country_id`, s.`speaker_id`, s.`event_id`, s.`stated_on`, s.`stated_on`, s.`stated_on`, s.`text_en`, s.`text_zh`, s.`quote_zh`, s.`quote_en`, s.`version`, s.`created_at`, s.`updated_at` FROM `statements` s;--> statement-breakpoint
INSERT INTO `statement_topics`(`statement_id`, `topic_id`) SELECT `id`, `topic_id` FROM `statements`;--> statement-breakpoint
INSERT INTO `statement_organizations`(`statement_id`, `organization_id`) SELECT `id`, `organization_id` FROM `statements` WHERE `organization_id` IS NOT NULL;--> statement-breakpoint
INSERT INTO `statement_projects`(`statement_id`, `project_id`) SELECT `id`, `project_id` FROM `statements` WHERE `project_id` IS NOT NULL;--> statement-breakpoint
DROP TABLE `statements`;--> statement-breakpoint
ALTER TABLE `__new_statements` RENAME TO `statements`;--> statement-breakpoint
CREATE TABLE `__new_documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`kind` text NOT NULL,
	`action` text NOT NULL,
	`relationship_id` integer NOT NULL,
	`title_en` text,
	`title_zh` text,
	`date` text,
	`date_from` text,
	`date_to` text,
	`event_id` integer,
	`valid_from` text,
	`valid_to` text,
	`summary_en` text,
	`summary_zh` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_documents_relationship_id_relationships_id_fk` FOREIGN KEY (`relationship_id`) REFERENCES `relationships`(`id`),
	CONSTRAINT `fk_documents_event_id_events_id_fk` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE SET NULL
);
--> statement-breakpoint
INSERT INTO `__new_documents`(`id`, `key`, `kind`, `action`, `relationship_id`, `title_en`, `title_zh`, `date`, `date_from`, `date_to`, `event_id`, `valid_from`, `valid_to`, `summary_en`, `summary_zh`, `version`, `created_at`, `updated_at`) SELECT d.`id`, d.`key`, CASE d.`kind` WHEN 'joint_declaration' THEN 'declaration' WHEN 'communique' THEN 'joint_communique' ELSE d.`kind` END, CASE WHEN d.`kind` IN ('joint_statement', 'joint_declaration', 'communique') THEN 'issued' ELSE 'signed' END, coalesce((SELECT e.`relationship_id` FROM `events` e WHERE e.`id` = d.`event_id`), (SELECT r.`id` FROM `relationships` r JOIN `document_parties` a ON a.`document_id` = d.`id` AND a.`country_id` = r.`country_a_id` JOIN `document_parties` b ON b.`document_id` = d.`id` AND b.`country_id` = r.`country_b_id` LIMIT 1)), d.`title_en`, d.`title_zh`, d.`signed_on`, d.`signed_on`, d.`signed_on`, d.`event_id`, d.`valid_from`, d.`valid_to`, d.`summary_en`, d.`summary_zh`, d.`version`, d.`created_at`, d.`updated_at` FROM `documents` d;--> statement-breakpoint
DROP TABLE `documents`;--> statement-breakpoint
ALTER TABLE `__new_documents` RENAME TO `documents`;--> statement-breakpoint
CREATE TABLE `__new_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`relationship_id` integer NOT NULL,
	`type_id` integer NOT NULL,
	`status` text DEFAULT 'held' NOT NULL,
	`date` text NOT NULL,
	`date_from` text NOT NULL,
	`date_to` text NOT NULL,
	`end_date` text,
	`host_country_id` integer,
	`place_en` text,
	`place_zh` text,
	`title_en` text,
	`title_zh` text,
	`summary_en` text,
	`summary_zh` text,
	`first_of_kind` integer DEFAULT false NOT NULL,
	`ordinal` integer,
	`parent_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_events_relationship_id_relationships_id_fk` FOREIGN KEY (`relationship_id`) REFERENCES `relationships`(`id`),
	CONSTRAINT `fk_events_type_id_event_types_id_fk` FOREIGN KEY (`type_id`) REFERENCES `event_types`(`id`),
	CONSTRAINT `fk_events_host_country_id_countries_id_fk` FOREIGN KEY (`host_country_id`) REFERENCES `countries`(`id`),
	CONSTRAINT `fk_events_parent_id_events_id_fk` FOREIGN KEY (`parent_id`) REFERENCES `events`(`id`) ON DELETE SET NULL
);
--> statement-breakpoint
INSERT INTO `__new_events`(`id`, `key`, `relationship_id`, `type_id`, `status`, `date`, `date_from`, `date_to`, `end_date`, `host_country_id`, `place_en`, `place_zh`, `title_en`, `title_zh`, `summary_en`, `summary_zh`, `first_of_kind`, `version`, `created_at`, `updated_at`) SELECT `id`, `key`, `relationship_id`, `type_id`, `status`, `start_date`, `start_date`, coalesce(`end_date`, `start_date`), `end_date`, `host_country_id`, `place_en`, `place_zh`, `title_en`, `title_zh`, `summary_en`, `summary_zh`, `first_of_kind`, `version`, `created_at`, `updated_at` FROM `events`;--> statement-breakpoint
DROP TABLE `events`;--> statement-breakpoint
ALTER TABLE `__new_events` RENAME TO `events`;--> statement-breakpoint
CREATE TABLE `__new_offices` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`person_id` integer NOT NULL,
	`title_en` text,
	`title_zh` text,
	`organization_id` integer,
	`start_date` text,
	`end_date` text,
	CONSTRAINT `fk_offices_person_id_people_id_fk` FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_offices_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`)
);
--> statement-breakpoint
INSERT INTO `__new_offices`(`id`, `person_id`, `title_en`, `title_zh`, `organization_id`, `start_date`, `end_date`) SELECT `id`, `person_id`, `title_en`, `title_zh`, `organization_id`, `start_date`, `end_date` FROM `offices`;--> statement-breakpoint
DROP TABLE `offices`;--> statement-breakpoint
ALTER TABLE `__new_offices` RENAME TO `offices`;--> statement-breakpoint
CREATE TABLE `__new_organizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`kind` text NOT NULL,
	`scope` text DEFAULT 'multilateral' NOT NULL,
	`abbreviation` text,
	`name_en` text,
	`name_zh` text,
	`country_id` integer,
	`relationship_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	CONSTRAINT `fk_organizations_country_id_countries_id_fk` FOREIGN KEY (`country_id`) REFERENCES `countries`(`id`),
	CONSTRAINT `fk_organizations_relationship_id_relationships_id_fk` FOREIGN KEY (`relationship_id`) REFERENCES `relationships`(`id`)
);
--> statement-breakpoint
INSERT INTO `__new_organizations`(`id`, `key`, `kind`, `scope`, `abbreviation`, `name_en`, `name_zh`, `country_id`, `version`) SELECT `id`, `key`, `kind`, CASE `kind` WHEN 'ministry' THEN 'national' WHEN 'mechanism' THEN 'regional' ELSE 'multilateral' END, `abbreviation`, `name_en`, `name_zh`, `country_id`, `version` FROM `organizations`;--> statement-breakpoint
DROP TABLE `organizations`;--> statement-breakpoint
ALTER TABLE `__new_organizations` RENAME TO `organizations`;--> statement-breakpoint
CREATE TABLE `__new_people` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`name_en` text,
	`name_zh` text,
	`aliases` text DEFAULT '[]' NOT NULL,
	`country_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_people_country_id_countries_id_fk` FOREIGN KEY (`country_id`) REFERENCES `countries`(`id`)
);
--> statement-breakpoint
INSERT INTO `__new_people`(`id`, `key`, `name_en`, `name_zh`, `country_id`, `version`, `created_at`, `updated_at`) SELECT `id`, `key`, `name_en`, `name_zh`, `country_id`, `version`, `created_at`, `updated_at` FROM `people`;--> statement-breakpoint
DROP TABLE `people`;--> statement-breakpoint
ALTER TABLE `__new_people` RENAME TO `people`;--> statement-breakpoint
CREATE TABLE `__new_projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`name_en` text,
	`name_zh` text,
	`summary_en` text,
	`summary_zh` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_projects`(`id`, `key`, `name_en`, `name_zh`, `summary_en`, `summary_zh`, `version`, `created_at`, `updated_at`) SELECT `id`, `key`, `name_en`, `name_zh`, `summary_en`, `summary_zh`, `version`, `created_at`, `updated_at` FROM `projects`;--> statement-breakpoint
DROP TABLE `projects`;--> statement-breakpoint
ALTER TABLE `__new_projects` RENAME TO `projects`;--> statement-breakpoint
CREATE TABLE `__new_sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`publication_en` text NOT NULL,
	`publication_zh` text NOT NULL,
	`title_en` text,
	`title_zh` text,
	`language` text NOT NULL,
	`published_on` text NOT NULL,
	`page` text,
	`url` text,
	`note_en` text,
	`note_zh` text,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_sources`(`id`, `key`, `publication_en`, `publication_zh`, `title_en`, `title_zh`, `language`, `published_on`, `page`, `url`, `note_en`, `note_zh`, `version`) SELECT `id`, `key`, `publication_en`, `publication_zh`, `title_en`, `title_zh`, `language`, `published_on`, `page`, `url`, `note_en`, `note_zh`, `version` FROM `sources`;--> statement-breakpoint
DROP TABLE `sources`;--> statement-breakpoint
ALTER TABLE `__new_sources` RENAME TO `sources`;--> statement-breakpoint
DROP INDEX IF EXISTS `documents_signed_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `offices_person_title_uq`;--> statement-breakpoint
DROP INDEX IF EXISTS `partnerships_since_uq`;--> statement-breakpoint
DROP INDEX IF EXISTS `statements_country_idx`;--> statement-breakpoint
DROP INDEX IF EXISTS `statements_topic_idx`;--> statement-breakpoint
CREATE UNIQUE INDEX `partnerships_level_uq` ON `partnerships` (`relationship_id`,`level_id`);--> statement-breakpoint
CREATE INDEX `project_mentions_project_idx` ON `project_mentions` (`project_id`,`date_from`);--> statement-breakpoint
CREATE INDEX `project_mentions_event_idx` ON `project_mentions` (`event_id`);--> statement-breakpoint
CREATE INDEX `statements_event_idx` ON `statements` (`event_id`);--> statement-breakpoint
CREATE INDEX `statements_relationship_date_idx` ON `statements` (`relationship_id`,`date_from`);--> statement-breakpoint
CREATE INDEX `statements_side_idx` ON `statements` (`side_country_id`);--> statement-breakpoint
CREATE INDEX `documents_event_idx` ON `documents` (`event_id`);--> statement-breakpoint
CREATE INDEX `documents_relationship_date_idx` ON `documents` (`relationship_id`,`date_from`);--> statement-breakpoint
CREATE INDEX `events_relationship_date_idx` ON `events` (`relationship_id`,`date_from`,`id`);--> statement-breakpoint
CREATE INDEX `events_date_idx` ON `events` (`date_from`,`id`);--> statement-breakpoint
CREATE INDEX `events_type_idx` ON `events` (`type_id`);--> statement-breakpoint
CREATE INDEX `events_parent_idx` ON `events` (`parent_id`);--> statement-breakpoint
CREATE INDEX `offices_person_idx` ON `offices` (`person_id`);--> statement-breakpoint
CREATE INDEX `people_country_idx` ON `people` (`country_id`);--> statement-breakpoint
CREATE INDEX `citations_source_idx` ON `citations` (`source_id`);--> statement-breakpoint
CREATE INDEX `citations_event_idx` ON `citations` (`event_id`);--> statement-breakpoint
CREATE INDEX `citations_document_idx` ON `citations` (`document_id`);--> statement-breakpoint
CREATE INDEX `citations_statement_idx` ON `citations` (`statement_id`);--> statement-breakpoint
CREATE INDEX `citations_partnership_idx` ON `citations` (`partnership_id`);--> statement-breakpoint
CREATE INDEX `citations_mention_idx` ON `citations` (`project_mention_id`);--> statement-breakpoint
CREATE INDEX `citations_office_idx` ON `citations` (`office_id`);--> statement-breakpoint
CREATE INDEX `citations_status_step_idx` ON `citations` (`project_status_step_id`);--> statement-breakpoint
CREATE INDEX `citations_target_idx` ON `citations` (`target_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `project_status_steps_uq` ON `project_status_steps` (`project_id`,`status`,`date`);--> statement-breakpoint
CREATE INDEX `statement_organizations_org_idx` ON `statement_organizations` (`organization_id`);--> statement-breakpoint
CREATE INDEX `statement_projects_project_idx` ON `statement_projects` (`project_id`);--> statement-breakpoint
CREATE INDEX `statement_topics_topic_idx` ON `statement_topics` (`topic_id`);--> statement-breakpoint
CREATE INDEX `target_statements_statement_idx` ON `target_statements` (`statement_id`);--> statement-breakpoint
CREATE INDEX `targets_relationship_idx` ON `targets` (`relationship_id`,`date_from`);--> statement-breakpoint
DELETE FROM `citations` WHERE `partnership_id` IS NOT NULL AND `partnership_id` NOT IN (SELECT `id` FROM `partnerships`);--> statement-breakpoint
-- "Statement" is the entity's one name now (it was "position" in the audit log).
UPDATE `audit_log` SET `entity_type` = 'statement' WHERE `entity_type` = 'position';--> statement-breakpoint
-- Recreating a table drops its triggers: the search index's come back as they were (texts may
-- now be missing in one language).
CREATE TRIGGER `events_search_ai` AFTER INSERT ON `events` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 1, 'event', new.id, (coalesce(new.title_en, '') || ' ' || coalesce(new.title_zh, '')) || '  ', (coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, '') || ' ' || coalesce(new.place_en, '') || ' ' || coalesce(new.place_zh, '')) || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `events_search_au` AFTER UPDATE ON `events` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 1;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 1, 'event', new.id, (coalesce(new.title_en, '') || ' ' || coalesce(new.title_zh, '')) || '  ', (coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, '') || ' ' || coalesce(new.place_en, '') || ' ' || coalesce(new.place_zh, '')) || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `documents_search_ai` AFTER INSERT ON `documents` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 2, 'document', new.id, (coalesce(new.title_en, '') || ' ' || coalesce(new.title_zh, '')) || '  ', (coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, '')) || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `documents_search_au` AFTER UPDATE ON `documents` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 2;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 2, 'document', new.id, (coalesce(new.title_en, '') || ' ' || coalesce(new.title_zh, '')) || '  ', (coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, '')) || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `statements_search_ai` AFTER INSERT ON `statements` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 3, 'statement', new.id, (coalesce(new.text_en, '') || ' ' || coalesce(new.text_zh, '')) || '  ', (coalesce(new.quote_zh, '') || ' ' || coalesce(new.quote_en, '')) || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `statements_search_au` AFTER UPDATE ON `statements` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 3;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 3, 'statement', new.id, (coalesce(new.text_en, '') || ' ' || coalesce(new.text_zh, '')) || '  ', (coalesce(new.quote_zh, '') || ' ' || coalesce(new.quote_en, '')) || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `projects_search_ai` AFTER INSERT ON `projects` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 4, 'project', new.id, (coalesce(new.name_en, '') || ' ' || coalesce(new.name_zh, '')) || '  ', (coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, '')) || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `projects_search_au` AFTER UPDATE ON `projects` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 4;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 4, 'project', new.id, (coalesce(new.name_en, '') || ' ' || coalesce(new.name_zh, '')) || '  ', (coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, '')) || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `people_search_ai` AFTER INSERT ON `people` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 5, 'person', new.id, (coalesce(new.name_en, '') || ' ' || coalesce(new.name_zh, '')) || '  ', ('') || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `people_search_au` AFTER UPDATE ON `people` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 5;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 5, 'person', new.id, (coalesce(new.name_en, '') || ' ' || coalesce(new.name_zh, '')) || '  ', ('') || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_search_ai` AFTER INSERT ON `organizations` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 6, 'organization', new.id, (coalesce(new.name_en, '') || ' ' || coalesce(new.name_zh, '') || ' ' || coalesce(new.abbreviation, '')) || '  ', ('') || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_search_au` AFTER UPDATE ON `organizations` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 6;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 6, 'organization', new.id, (coalesce(new.name_en, '') || ' ' || coalesce(new.name_zh, '') || ' ' || coalesce(new.abbreviation, '')) || '  ', ('') || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `sources_search_ai` AFTER INSERT ON `sources` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 9, 'source', new.id, (coalesce(new.title_en, '') || ' ' || coalesce(new.title_zh, '')) || '  ', (new.publication_en || ' ' || new.publication_zh || ' ' || coalesce(new.note_en, '') || ' ' || coalesce(new.note_zh, '')) || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `sources_search_au` AFTER UPDATE ON `sources` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 9;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 9, 'source', new.id, (coalesce(new.title_en, '') || ' ' || coalesce(new.title_zh, '')) || '  ', (new.publication_en || ' ' || new.publication_zh || ' ' || coalesce(new.note_en, '') || ' ' || coalesce(new.note_zh, '')) || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `events_search_ad` AFTER DELETE ON `events` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `documents_search_ad` AFTER DELETE ON `documents` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 2;
END;
--> statement-breakpoint
CREATE TRIGGER `statements_search_ad` AFTER DELETE ON `statements` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 3;
END;
--> statement-breakpoint
CREATE TRIGGER `projects_search_ad` AFTER DELETE ON `projects` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 4;
END;
--> statement-breakpoint
CREATE TRIGGER `people_search_ad` AFTER DELETE ON `people` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 5;
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_search_ad` AFTER DELETE ON `organizations` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 6;
END;
--> statement-breakpoint
CREATE TRIGGER `sources_search_ad` AFTER DELETE ON `sources` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 9;
END;
--> statement-breakpoint
CREATE TRIGGER `targets_search_ai` AFTER INSERT ON `targets` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 10, 'target', new.id, (coalesce(new.title_en, '') || ' ' || coalesce(new.title_zh, '')) || '  ', (coalesce(new.unit, '')) || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `targets_search_au` AFTER UPDATE ON `targets` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 10;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 10, 'target', new.id, (coalesce(new.title_en, '') || ' ' || coalesce(new.title_zh, '')) || '  ', (coalesce(new.unit, '')) || '  ');
END;
--> statement-breakpoint
CREATE TRIGGER `targets_search_ad` AFTER DELETE ON `targets` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 10;
END;
