-- Full-text index over titles, names, summaries and quotes in both languages.
-- The trigram tokenizer matches Chinese without word segmentation (queries of 3+ characters;
-- shorter ones are answered by a LIKE scan in src/search). Each entity owns the rowid
-- id * 16 + kind, so the triggers replace its entry by rowid, without scanning the index.
CREATE VIRTUAL TABLE `search_index` USING fts5(kind UNINDEXED, entity_id UNINDEXED, title, body, tokenize = 'trigram');
--> statement-breakpoint
CREATE TRIGGER `events_search_ai` AFTER INSERT ON `events` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 1, 'event', new.id, new.title_en || ' ' || new.title_zh, coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, '') || ' ' || coalesce(new.place_en, '') || ' ' || coalesce(new.place_zh, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `events_search_au` AFTER UPDATE ON `events` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 1;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 1, 'event', new.id, new.title_en || ' ' || new.title_zh, coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, '') || ' ' || coalesce(new.place_en, '') || ' ' || coalesce(new.place_zh, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `events_search_ad` AFTER DELETE ON `events` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 1;
END;
--> statement-breakpoint
CREATE TRIGGER `documents_search_ai` AFTER INSERT ON `documents` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 2, 'document', new.id, new.title_en || ' ' || new.title_zh, coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `documents_search_au` AFTER UPDATE ON `documents` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 2;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 2, 'document', new.id, new.title_en || ' ' || new.title_zh, coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `documents_search_ad` AFTER DELETE ON `documents` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 2;
END;
--> statement-breakpoint
CREATE TRIGGER `statements_search_ai` AFTER INSERT ON `statements` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 3, 'statement', new.id, new.text_en || ' ' || new.text_zh, coalesce(new.quote_zh, '') || ' ' || coalesce(new.quote_en, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `statements_search_au` AFTER UPDATE ON `statements` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 3;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 3, 'statement', new.id, new.text_en || ' ' || new.text_zh, coalesce(new.quote_zh, '') || ' ' || coalesce(new.quote_en, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `statements_search_ad` AFTER DELETE ON `statements` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 3;
END;
--> statement-breakpoint
CREATE TRIGGER `projects_search_ai` AFTER INSERT ON `projects` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 4, 'project', new.id, new.name_en || ' ' || new.name_zh, coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `projects_search_au` AFTER UPDATE ON `projects` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 4;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 4, 'project', new.id, new.name_en || ' ' || new.name_zh, coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `projects_search_ad` AFTER DELETE ON `projects` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 4;
END;
--> statement-breakpoint
CREATE TRIGGER `people_search_ai` AFTER INSERT ON `people` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 5, 'person', new.id, new.name_en || ' ' || new.name_zh, '');
END;
--> statement-breakpoint
CREATE TRIGGER `people_search_au` AFTER UPDATE ON `people` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 5;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 5, 'person', new.id, new.name_en || ' ' || new.name_zh, '');
END;
--> statement-breakpoint
CREATE TRIGGER `people_search_ad` AFTER DELETE ON `people` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 5;
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_search_ai` AFTER INSERT ON `organizations` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 6, 'organization', new.id, new.name_en || ' ' || new.name_zh || ' ' || coalesce(new.abbreviation, ''), '');
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_search_au` AFTER UPDATE ON `organizations` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 6;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 6, 'organization', new.id, new.name_en || ' ' || new.name_zh || ' ' || coalesce(new.abbreviation, ''), '');
END;
--> statement-breakpoint
CREATE TRIGGER `organizations_search_ad` AFTER DELETE ON `organizations` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 6;
END;
--> statement-breakpoint
CREATE TRIGGER `topics_search_ai` AFTER INSERT ON `topics` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 7, 'topic', new.id, new.name_en || ' ' || new.name_zh, '');
END;
--> statement-breakpoint
CREATE TRIGGER `topics_search_au` AFTER UPDATE ON `topics` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 7;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 7, 'topic', new.id, new.name_en || ' ' || new.name_zh, '');
END;
--> statement-breakpoint
CREATE TRIGGER `topics_search_ad` AFTER DELETE ON `topics` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 7;
END;
--> statement-breakpoint
CREATE TRIGGER `countries_search_ai` AFTER INSERT ON `countries` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 8, 'country', new.id, new.name_en || ' ' || new.name_zh || ' ' || new.code || ' ' || new.alpha3, '');
END;
--> statement-breakpoint
CREATE TRIGGER `countries_search_au` AFTER UPDATE ON `countries` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 8;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 8, 'country', new.id, new.name_en || ' ' || new.name_zh || ' ' || new.code || ' ' || new.alpha3, '');
END;
--> statement-breakpoint
CREATE TRIGGER `countries_search_ad` AFTER DELETE ON `countries` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 8;
END;
--> statement-breakpoint
CREATE TRIGGER `sources_search_ai` AFTER INSERT ON `sources` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 9, 'source', new.id, new.title_en || ' ' || new.title_zh, new.publication_en || ' ' || new.publication_zh || ' ' || coalesce(new.note_en, '') || ' ' || coalesce(new.note_zh, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `sources_search_au` AFTER UPDATE ON `sources` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 9;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 9, 'source', new.id, new.title_en || ' ' || new.title_zh, new.publication_en || ' ' || new.publication_zh || ' ' || coalesce(new.note_en, '') || ' ' || coalesce(new.note_zh, ''));
END;
--> statement-breakpoint
CREATE TRIGGER `sources_search_ad` AFTER DELETE ON `sources` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 9;
END;
