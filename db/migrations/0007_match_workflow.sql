CREATE TABLE `match_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`match_id` integer NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `match_messages_match_idx` ON `match_messages` (`match_id`,`id`);--> statement-breakpoint
CREATE TABLE `outcome_reminders` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`match_id` integer NOT NULL,
	`case_study_id` integer NOT NULL,
	`months_after_adoption` integer NOT NULL,
	`due_at` integer NOT NULL,
	`sent_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`case_study_id`) REFERENCES `case_studies`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outcome_reminders_match_months_idx` ON `outcome_reminders` (`match_id`,`months_after_adoption`);--> statement-breakpoint
CREATE INDEX `outcome_reminders_due_idx` ON `outcome_reminders` (`sent_at`,`due_at`);--> statement-breakpoint
CREATE TABLE `outcome_updates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`case_study_id` integer NOT NULL,
	`match_id` integer,
	`months_after_adoption` integer,
	`outcomes` text NOT NULL,
	`review_status` text DEFAULT 'submitted' NOT NULL,
	`review_reason` text,
	`submitted_by_id` text,
	`submitted_at` integer,
	`reviewed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`case_study_id`) REFERENCES `case_studies`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`submitted_by_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `outcome_updates_case_study_idx` ON `outcome_updates` (`case_study_id`,`id`);--> statement-breakpoint
CREATE INDEX `outcome_updates_review_idx` ON `outcome_updates` (`review_status`,`submitted_at`);--> statement-breakpoint
ALTER TABLE `case_studies` ADD `match_id` integer;--> statement-breakpoint
ALTER TABLE `matches` ADD `source` text DEFAULT 'engine' NOT NULL;--> statement-breakpoint
ALTER TABLE `matches` ADD `reasons` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `matches` ADD `declined_from` text;--> statement-breakpoint
ALTER TABLE `matches` ADD `declined_by_id` text REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `matches` ADD `confirmed_by_id` text REFERENCES users(id) ON DELETE set null;--> statement-breakpoint
ALTER TABLE `matches` ADD `confirmed_at` integer;--> statement-breakpoint
ALTER TABLE `matches` ADD `commissioner_consent_at` integer;--> statement-breakpoint
ALTER TABLE `matches` ADD `innovator_consent_at` integer;--> statement-breakpoint
ALTER TABLE `matches` ADD `status_changed_at` integer;--> statement-breakpoint
ALTER TABLE `matches` ADD `due_at` integer;--> statement-breakpoint
CREATE INDEX `matches_idea_idx` ON `matches` (`idea_id`);--> statement-breakpoint
CREATE INDEX `matches_status_due_idx` ON `matches` (`status`,`due_at`);