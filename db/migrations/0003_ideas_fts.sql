-- Full-text index of idea text in SQLite itself: the fallback when Meilisearch is
-- unreachable (degraded mode). Kept in step with the ideas table by triggers.
CREATE VIRTUAL TABLE `ideas_fts` USING fts5(title, summary, body, tokenize = 'porter unicode61 remove_diacritics 2');
--> statement-breakpoint
INSERT INTO `ideas_fts` (rowid, title, summary, body)
  SELECT id, title, summary, concat_ws(' ', problem, solution, evidence, organisation, origin_locality, tags) FROM `ideas`;
--> statement-breakpoint
CREATE TRIGGER `ideas_fts_insert` AFTER INSERT ON `ideas` BEGIN
  INSERT INTO `ideas_fts` (rowid, title, summary, body)
  VALUES (new.id, new.title, new.summary, concat_ws(' ', new.problem, new.solution, new.evidence, new.organisation, new.origin_locality, new.tags));
END;
--> statement-breakpoint
CREATE TRIGGER `ideas_fts_update` AFTER UPDATE OF title, summary, problem, solution, evidence, organisation, origin_locality, tags ON `ideas` BEGIN
  DELETE FROM `ideas_fts` WHERE rowid = old.id;
  INSERT INTO `ideas_fts` (rowid, title, summary, body)
  VALUES (new.id, new.title, new.summary, concat_ws(' ', new.problem, new.solution, new.evidence, new.organisation, new.origin_locality, new.tags));
END;
--> statement-breakpoint
CREATE TRIGGER `ideas_fts_delete` AFTER DELETE ON `ideas` BEGIN
  DELETE FROM `ideas_fts` WHERE rowid = old.id;
END;
