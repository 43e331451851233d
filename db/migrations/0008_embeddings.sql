CREATE TABLE `embeddings` (
	`model` text NOT NULL,
	`text_hash` text NOT NULL,
	`vector` blob NOT NULL,
	`dimensions` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`model`, `text_hash`)
);
