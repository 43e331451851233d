CREATE TABLE `matching_corpus_ideas` (
	`idea_id` integer PRIMARY KEY NOT NULL,
	`sectors` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `matching_corpus_pending` (
	`idea_id` integer PRIMARY KEY NOT NULL
);
--> statement-breakpoint
-- Distinct words of each published idea's searchable text, and its adjacent word pairs (joined
-- by "_"), as the engine's tokeniser reads them (search/text.ts): only document counts and
-- postings are needed, so no content, no positions.
CREATE VIRTUAL TABLE `matching_corpus_words` USING fts5(terms, content = '', contentless_delete = 1, detail = none, tokenize = "unicode61 remove_diacritics 0 tokenchars '&'");
--> statement-breakpoint
CREATE VIRTUAL TABLE `matching_corpus_words_vocab` USING fts5vocab(`matching_corpus_words`, row);
--> statement-breakpoint
CREATE VIRTUAL TABLE `matching_corpus_bigrams` USING fts5(terms, content = '', contentless_delete = 1, detail = none, tokenize = "unicode61 remove_diacritics 0 tokenchars '&_'");
--> statement-breakpoint
CREATE VIRTUAL TABLE `matching_corpus_bigrams_vocab` USING fts5vocab(`matching_corpus_bigrams`, row);
--> statement-breakpoint
CREATE TRIGGER `matching_corpus_idea_insert` AFTER INSERT ON `ideas` BEGIN
  INSERT OR IGNORE INTO `matching_corpus_pending` (idea_id) VALUES (new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `matching_corpus_idea_update` AFTER UPDATE ON `ideas` BEGIN
  INSERT OR IGNORE INTO `matching_corpus_pending` (idea_id) VALUES (new.id);
END;
--> statement-breakpoint
CREATE TRIGGER `matching_corpus_idea_delete` AFTER DELETE ON `ideas` BEGIN
  INSERT OR IGNORE INTO `matching_corpus_pending` (idea_id) VALUES (old.id);
END;
--> statement-breakpoint
CREATE TRIGGER `matching_corpus_case_study_insert` AFTER INSERT ON `case_studies` BEGIN
  INSERT OR IGNORE INTO `matching_corpus_pending` (idea_id) VALUES (new.idea_id);
END;
--> statement-breakpoint
CREATE TRIGGER `matching_corpus_case_study_update` AFTER UPDATE ON `case_studies` BEGIN
  INSERT OR IGNORE INTO `matching_corpus_pending` (idea_id) VALUES (new.idea_id);
  INSERT OR IGNORE INTO `matching_corpus_pending` (idea_id) VALUES (old.idea_id);
END;
--> statement-breakpoint
CREATE TRIGGER `matching_corpus_case_study_delete` AFTER DELETE ON `case_studies` BEGIN
  INSERT OR IGNORE INTO `matching_corpus_pending` (idea_id) VALUES (old.idea_id);
END;
--> statement-breakpoint
INSERT INTO `matching_corpus_pending` (idea_id) SELECT id FROM `ideas`;
