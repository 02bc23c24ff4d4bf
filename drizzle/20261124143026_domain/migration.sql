CREATE TABLE `citations` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`source_id` integer NOT NULL,
	`locator` text,
	`event_id` integer,
	`document_id` integer,
	`statement_id` integer,
	`partnership_id` integer,
	`project_mention_id` integer,
	`office_id` integer,
	CONSTRAINT `fk_citations_source_id_sources_id_fk` FOREIGN KEY (`source_id`) REFERENCES `sources`(`id`),
	CONSTRAINT `fk_citations_event_id_events_id_fk` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_document_id_documents_id_fk` FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_statement_id_statements_id_fk` FOREIGN KEY (`statement_id`) REFERENCES `statements`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_partnership_id_partnerships_id_fk` FOREIGN KEY (`partnership_id`) REFERENCES `partnerships`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_project_mention_id_project_mentions_id_fk` FOREIGN KEY (`project_mention_id`) REFERENCES `project_mentions`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_citations_office_id_offices_id_fk` FOREIGN KEY (`office_id`) REFERENCES `offices`(`id`) ON DELETE CASCADE,
	CONSTRAINT "citations_one_subject_ck" CHECK(("event_id" IS NOT NULL) + ("document_id" IS NOT NULL) + ("statement_id" IS NOT NULL) + ("partnership_id" IS NOT NULL) + ("project_mention_id" IS NOT NULL) + ("office_id" IS NOT NULL) = 1)
);
--> statement-breakpoint
CREATE TABLE `countries` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`code` text NOT NULL UNIQUE,
	`alpha3` text NOT NULL UNIQUE,
	`numeric` text NOT NULL UNIQUE,
	`name_en` text NOT NULL,
	`name_zh` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `document_parties` (
	`document_id` integer NOT NULL,
	`country_id` integer NOT NULL,
	`organization_id` integer,
	CONSTRAINT `document_parties_pk` PRIMARY KEY(`document_id`, `country_id`),
	CONSTRAINT `fk_document_parties_document_id_documents_id_fk` FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_document_parties_country_id_countries_id_fk` FOREIGN KEY (`country_id`) REFERENCES `countries`(`id`),
	CONSTRAINT `fk_document_parties_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`)
);
--> statement-breakpoint
CREATE TABLE `documents` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`kind` text NOT NULL,
	`title_en` text NOT NULL,
	`title_zh` text NOT NULL,
	`signed_on` text,
	`event_id` integer,
	`valid_from` text,
	`valid_to` text,
	`summary_en` text,
	`summary_zh` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_documents_event_id_events_id_fk` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE SET NULL
);
--> statement-breakpoint
CREATE TABLE `event_participants` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`event_id` integer NOT NULL,
	`person_id` integer NOT NULL,
	`country_id` integer,
	`role` text NOT NULL,
	`position` integer DEFAULT 0 NOT NULL,
	CONSTRAINT `fk_event_participants_event_id_events_id_fk` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_event_participants_person_id_people_id_fk` FOREIGN KEY (`person_id`) REFERENCES `people`(`id`),
	CONSTRAINT `fk_event_participants_country_id_countries_id_fk` FOREIGN KEY (`country_id`) REFERENCES `countries`(`id`)
);
--> statement-breakpoint
CREATE TABLE `event_topics` (
	`event_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	CONSTRAINT `event_topics_pk` PRIMARY KEY(`event_id`, `topic_id`),
	CONSTRAINT `fk_event_topics_event_id_events_id_fk` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_event_topics_topic_id_topics_id_fk` FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`)
);
--> statement-breakpoint
CREATE TABLE `event_types` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`cameo` text NOT NULL,
	`label_en` text NOT NULL,
	`label_zh` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`relationship_id` integer NOT NULL,
	`type_id` integer NOT NULL,
	`status` text DEFAULT 'held' NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`host_country_id` integer,
	`place_en` text,
	`place_zh` text,
	`title_en` text NOT NULL,
	`title_zh` text NOT NULL,
	`summary_en` text,
	`summary_zh` text,
	`first_of_kind` integer DEFAULT false NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_events_relationship_id_relationships_id_fk` FOREIGN KEY (`relationship_id`) REFERENCES `relationships`(`id`),
	CONSTRAINT `fk_events_type_id_event_types_id_fk` FOREIGN KEY (`type_id`) REFERENCES `event_types`(`id`),
	CONSTRAINT `fk_events_host_country_id_countries_id_fk` FOREIGN KEY (`host_country_id`) REFERENCES `countries`(`id`)
);
--> statement-breakpoint
CREATE TABLE `offices` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`person_id` integer NOT NULL,
	`title_en` text NOT NULL,
	`title_zh` text NOT NULL,
	`organization_id` integer,
	`start_date` text,
	`end_date` text,
	CONSTRAINT `fk_offices_person_id_people_id_fk` FOREIGN KEY (`person_id`) REFERENCES `people`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_offices_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`)
);
--> statement-breakpoint
CREATE TABLE `organizations` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`kind` text NOT NULL,
	`abbreviation` text,
	`name_en` text NOT NULL,
	`name_zh` text NOT NULL,
	`country_id` integer,
	CONSTRAINT `fk_organizations_country_id_countries_id_fk` FOREIGN KEY (`country_id`) REFERENCES `countries`(`id`)
);
--> statement-breakpoint
CREATE TABLE `partnerships` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`relationship_id` integer NOT NULL,
	`level` text NOT NULL,
	`rank` integer NOT NULL,
	`label_en` text NOT NULL,
	`label_zh` text NOT NULL,
	`since` text NOT NULL,
	`note_en` text,
	`note_zh` text,
	CONSTRAINT `fk_partnerships_relationship_id_relationships_id_fk` FOREIGN KEY (`relationship_id`) REFERENCES `relationships`(`id`) ON DELETE CASCADE
);
--> statement-breakpoint
CREATE TABLE `people` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`name_en` text NOT NULL,
	`name_zh` text NOT NULL,
	`country_id` integer,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_people_country_id_countries_id_fk` FOREIGN KEY (`country_id`) REFERENCES `countries`(`id`)
);
--> statement-breakpoint
CREATE TABLE `project_countries` (
	`project_id` integer NOT NULL,
	`country_id` integer NOT NULL,
	CONSTRAINT `project_countries_pk` PRIMARY KEY(`project_id`, `country_id`),
	CONSTRAINT `fk_project_countries_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_project_countries_country_id_countries_id_fk` FOREIGN KEY (`country_id`) REFERENCES `countries`(`id`)
);
--> statement-breakpoint
CREATE TABLE `project_mentions` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`project_id` integer NOT NULL,
	`event_id` integer,
	`mentioned_on` text NOT NULL,
	`status` text,
	`note_en` text NOT NULL,
	`note_zh` text NOT NULL,
	CONSTRAINT `fk_project_mentions_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_project_mentions_event_id_events_id_fk` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE CASCADE
);
--> statement-breakpoint
CREATE TABLE `project_topics` (
	`project_id` integer NOT NULL,
	`topic_id` integer NOT NULL,
	CONSTRAINT `project_topics_pk` PRIMARY KEY(`project_id`, `topic_id`),
	CONSTRAINT `fk_project_topics_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON DELETE CASCADE,
	CONSTRAINT `fk_project_topics_topic_id_topics_id_fk` FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`)
);
--> statement-breakpoint
CREATE TABLE `projects` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`status` text NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text NOT NULL,
	`summary_en` text,
	`summary_zh` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `relationships` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`country_a_id` integer NOT NULL,
	`country_b_id` integer NOT NULL,
	`summary_en` text,
	`summary_zh` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_relationships_country_a_id_countries_id_fk` FOREIGN KEY (`country_a_id`) REFERENCES `countries`(`id`),
	CONSTRAINT `fk_relationships_country_b_id_countries_id_fk` FOREIGN KEY (`country_b_id`) REFERENCES `countries`(`id`),
	CONSTRAINT "relationships_distinct_ck" CHECK("country_a_id" <> "country_b_id")
);
--> statement-breakpoint
CREATE TABLE `sources` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`publication_en` text NOT NULL,
	`publication_zh` text NOT NULL,
	`title_en` text NOT NULL,
	`title_zh` text NOT NULL,
	`language` text NOT NULL,
	`published_on` text NOT NULL,
	`page` text,
	`url` text,
	`note_en` text,
	`note_zh` text
);
--> statement-breakpoint
CREATE TABLE `statements` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`kind` text NOT NULL,
	`country_id` integer NOT NULL,
	`speaker_id` integer,
	`event_id` integer,
	`topic_id` integer NOT NULL,
	`organization_id` integer,
	`project_id` integer,
	`stated_on` text NOT NULL,
	`text_en` text NOT NULL,
	`text_zh` text NOT NULL,
	`quote_zh` text,
	`quote_en` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	`updated_at` text DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) NOT NULL,
	CONSTRAINT `fk_statements_country_id_countries_id_fk` FOREIGN KEY (`country_id`) REFERENCES `countries`(`id`),
	CONSTRAINT `fk_statements_speaker_id_people_id_fk` FOREIGN KEY (`speaker_id`) REFERENCES `people`(`id`),
	CONSTRAINT `fk_statements_event_id_events_id_fk` FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON DELETE SET NULL,
	CONSTRAINT `fk_statements_topic_id_topics_id_fk` FOREIGN KEY (`topic_id`) REFERENCES `topics`(`id`),
	CONSTRAINT `fk_statements_organization_id_organizations_id_fk` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`),
	CONSTRAINT `fk_statements_project_id_projects_id_fk` FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`)
);
--> statement-breakpoint
CREATE TABLE `topics` (
	`id` integer PRIMARY KEY AUTOINCREMENT,
	`key` text NOT NULL UNIQUE,
	`kind` text NOT NULL,
	`name_en` text NOT NULL,
	`name_zh` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `citations_source_idx` ON `citations` (`source_id`);--> statement-breakpoint
CREATE INDEX `citations_event_idx` ON `citations` (`event_id`);--> statement-breakpoint
CREATE INDEX `citations_document_idx` ON `citations` (`document_id`);--> statement-breakpoint
CREATE INDEX `citations_statement_idx` ON `citations` (`statement_id`);--> statement-breakpoint
CREATE INDEX `citations_partnership_idx` ON `citations` (`partnership_id`);--> statement-breakpoint
CREATE INDEX `citations_mention_idx` ON `citations` (`project_mention_id`);--> statement-breakpoint
CREATE INDEX `citations_office_idx` ON `citations` (`office_id`);--> statement-breakpoint
CREATE INDEX `document_parties_country_idx` ON `document_parties` (`country_id`);--> statement-breakpoint
CREATE INDEX `documents_event_idx` ON `documents` (`event_id`);--> statement-breakpoint
CREATE INDEX `documents_signed_idx` ON `documents` (`signed_on`);--> statement-breakpoint
CREATE UNIQUE INDEX `event_participants_uq` ON `event_participants` (`event_id`,`person_id`);--> statement-breakpoint
CREATE INDEX `event_participants_person_idx` ON `event_participants` (`person_id`);--> statement-breakpoint
CREATE INDEX `event_topics_topic_idx` ON `event_topics` (`topic_id`);--> statement-breakpoint
CREATE INDEX `events_relationship_date_idx` ON `events` (`relationship_id`,`start_date`,`id`);--> statement-breakpoint
CREATE INDEX `events_date_idx` ON `events` (`start_date`,`id`);--> statement-breakpoint
CREATE INDEX `events_type_idx` ON `events` (`type_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `offices_person_title_uq` ON `offices` (`person_id`,`title_en`);--> statement-breakpoint
CREATE UNIQUE INDEX `partnerships_since_uq` ON `partnerships` (`relationship_id`,`since`);--> statement-breakpoint
CREATE INDEX `people_country_idx` ON `people` (`country_id`);--> statement-breakpoint
CREATE INDEX `project_countries_country_idx` ON `project_countries` (`country_id`);--> statement-breakpoint
CREATE INDEX `project_mentions_project_idx` ON `project_mentions` (`project_id`,`mentioned_on`);--> statement-breakpoint
CREATE INDEX `project_mentions_event_idx` ON `project_mentions` (`event_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `relationships_pair_uq` ON `relationships` (`country_a_id`,`country_b_id`);--> statement-breakpoint
CREATE INDEX `relationships_b_idx` ON `relationships` (`country_b_id`);--> statement-breakpoint
CREATE INDEX `statements_event_idx` ON `statements` (`event_id`);--> statement-breakpoint
CREATE INDEX `statements_country_idx` ON `statements` (`country_id`,`stated_on`);--> statement-breakpoint
CREATE INDEX `statements_topic_idx` ON `statements` (`topic_id`);