-- Every character of an indexed text starts a trigram: each title and body ends with two spaces,
-- so a term of one or two characters at the very end of a column still has a trigram that starts
-- with it. src/search answers such short terms from the trigrams that start with them (read from
-- `search_index_vocab`, a range on its `term`) instead of a LIKE scan of every row. Any trigger
-- that writes `search_index` must keep the `|| '  '` on title and body.
CREATE VIRTUAL TABLE `search_index_vocab` USING fts5vocab(search_index, 'row');
--> statement-breakpoint
DROP TRIGGER `events_search_ai`;
--> statement-breakpoint
CREATE TRIGGER `events_search_ai` AFTER INSERT ON `events` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 1, 'event', new.id, (new.title_en || ' ' || new.title_zh) || '  ', (coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, '') || ' ' || coalesce(new.place_en, '') || ' ' || coalesce(new.place_zh, '')) || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `events_search_au`;
--> statement-breakpoint
CREATE TRIGGER `events_search_au` AFTER UPDATE ON `events` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 1;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 1, 'event', new.id, (new.title_en || ' ' || new.title_zh) || '  ', (coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, '') || ' ' || coalesce(new.place_en, '') || ' ' || coalesce(new.place_zh, '')) || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `documents_search_ai`;
--> statement-breakpoint
CREATE TRIGGER `documents_search_ai` AFTER INSERT ON `documents` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 2, 'document', new.id, (new.title_en || ' ' || new.title_zh) || '  ', (coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, '')) || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `documents_search_au`;
--> statement-breakpoint
CREATE TRIGGER `documents_search_au` AFTER UPDATE ON `documents` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 2;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 2, 'document', new.id, (new.title_en || ' ' || new.title_zh) || '  ', (coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, '')) || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `statements_search_ai`;
--> statement-breakpoint
CREATE TRIGGER `statements_search_ai` AFTER INSERT ON `statements` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 3, 'statement', new.id, (new.text_en || ' ' || new.text_zh) || '  ', (coalesce(new.quote_zh, '') || ' ' || coalesce(new.quote_en, '')) || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `statements_search_au`;
--> statement-breakpoint
CREATE TRIGGER `statements_search_au` AFTER UPDATE ON `statements` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 3;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 3, 'statement', new.id, (new.text_en || ' ' || new.text_zh) || '  ', (coalesce(new.quote_zh, '') || ' ' || coalesce(new.quote_en, '')) || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `projects_search_ai`;
--> statement-breakpoint
CREATE TRIGGER `projects_search_ai` AFTER INSERT ON `projects` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 4, 'project', new.id, (new.name_en || ' ' || new.name_zh) || '  ', (coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, '')) || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `projects_search_au`;
--> statement-breakpoint
CREATE TRIGGER `projects_search_au` AFTER UPDATE ON `projects` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 4;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 4, 'project', new.id, (new.name_en || ' ' || new.name_zh) || '  ', (coalesce(new.summary_en, '') || ' ' || coalesce(new.summary_zh, '')) || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `people_search_ai`;
--> statement-breakpoint
CREATE TRIGGER `people_search_ai` AFTER INSERT ON `people` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 5, 'person', new.id, (new.name_en || ' ' || new.name_zh) || '  ', ('') || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `people_search_au`;
--> statement-breakpoint
CREATE TRIGGER `people_search_au` AFTER UPDATE ON `people` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 5;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 5, 'person', new.id, (new.name_en || ' ' || new.name_zh) || '  ', ('') || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `organizations_search_ai`;
--> statement-breakpoint
CREATE TRIGGER `organizations_search_ai` AFTER INSERT ON `organizations` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 6, 'organization', new.id, (new.name_en || ' ' || new.name_zh || ' ' || coalesce(new.abbreviation, '')) || '  ', ('') || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `organizations_search_au`;
--> statement-breakpoint
CREATE TRIGGER `organizations_search_au` AFTER UPDATE ON `organizations` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 6;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 6, 'organization', new.id, (new.name_en || ' ' || new.name_zh || ' ' || coalesce(new.abbreviation, '')) || '  ', ('') || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `topics_search_ai`;
--> statement-breakpoint
CREATE TRIGGER `topics_search_ai` AFTER INSERT ON `topics` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 7, 'topic', new.id, (new.name_en || ' ' || new.name_zh) || '  ', ('') || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `topics_search_au`;
--> statement-breakpoint
CREATE TRIGGER `topics_search_au` AFTER UPDATE ON `topics` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 7;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 7, 'topic', new.id, (new.name_en || ' ' || new.name_zh) || '  ', ('') || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `countries_search_ai`;
--> statement-breakpoint
CREATE TRIGGER `countries_search_ai` AFTER INSERT ON `countries` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 8, 'country', new.id, (new.name_en || ' ' || new.name_zh || ' ' || new.code || ' ' || new.alpha3) || '  ', ('') || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `countries_search_au`;
--> statement-breakpoint
CREATE TRIGGER `countries_search_au` AFTER UPDATE ON `countries` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 8;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 8, 'country', new.id, (new.name_en || ' ' || new.name_zh || ' ' || new.code || ' ' || new.alpha3) || '  ', ('') || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `sources_search_ai`;
--> statement-breakpoint
CREATE TRIGGER `sources_search_ai` AFTER INSERT ON `sources` BEGIN
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 9, 'source', new.id, (new.title_en || ' ' || new.title_zh) || '  ', (new.publication_en || ' ' || new.publication_zh || ' ' || coalesce(new.note_en, '') || ' ' || coalesce(new.note_zh, '')) || '  ');
END;
--> statement-breakpoint
DROP TRIGGER `sources_search_au`;
--> statement-breakpoint
CREATE TRIGGER `sources_search_au` AFTER UPDATE ON `sources` BEGIN
  DELETE FROM search_index WHERE rowid = old.id * 16 + 9;
  INSERT INTO search_index(rowid, kind, entity_id, title, body) VALUES (new.id * 16 + 9, 'source', new.id, (new.title_en || ' ' || new.title_zh) || '  ', (new.publication_en || ' ' || new.publication_zh || ' ' || coalesce(new.note_en, '') || ' ' || coalesce(new.note_zh, '')) || '  ');
END;
--> statement-breakpoint
UPDATE search_index SET title = title || '  ', body = body || '  ';
