CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_type` text NOT NULL,
	`item_id` integer NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`before` text,
	`after` text,
	`reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_item_idx` ON `audit_log` (`item_type`,`item_id`,`id`);--> statement-breakpoint
CREATE TABLE `broker_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_type` text NOT NULL,
	`item_id` integer NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `broker_notes_item_idx` ON `broker_notes` (`item_type`,`item_id`);--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`kind` text DEFAULT 'immediate' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `email_outbox_pending_idx` ON `email_outbox` (`sent_at`,`id`);--> statement-breakpoint
CREATE TABLE `idea_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`idea_id` integer NOT NULL,
	`actor_id` text,
	`changes` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`idea_id`) REFERENCES `ideas`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `idea_revisions_idea_idx` ON `idea_revisions` (`idea_id`,`id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text,
	`link` text,
	`read_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_idx` ON `notifications` (`user_id`,`read_at`,`id`);--> statement-breakpoint
CREATE TABLE `review_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`item_type` text NOT NULL,
	`item_id` integer NOT NULL,
	`broker_id` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`broker_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `review_claims_item_idx` ON `review_claims` (`item_type`,`item_id`);--> statement-breakpoint
ALTER TABLE `case_studies` ADD `review_status` text DEFAULT 'published' NOT NULL;--> statement-breakpoint
ALTER TABLE `case_studies` ADD `review_reason` text;--> statement-breakpoint
ALTER TABLE `case_studies` ADD `submitted_by_id` text REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `case_studies` ADD `submitted_at` integer;--> statement-breakpoint
ALTER TABLE `ideas` ADD `diffusion_details` text DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE `ideas` ADD `evidence_justification` text;--> statement-breakpoint
ALTER TABLE `ideas` ADD `review_outcome` text;--> statement-breakpoint
ALTER TABLE `ideas` ADD `review_reason` text;--> statement-breakpoint
ALTER TABLE `ideas` ADD `pending_changes` text;--> statement-breakpoint
ALTER TABLE `ideas` ADD `submitted_at` integer;--> statement-breakpoint
ALTER TABLE `needs` ADD `review_outcome` text;--> statement-breakpoint
ALTER TABLE `needs` ADD `review_reason` text;--> statement-breakpoint
ALTER TABLE `needs` ADD `submitted_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `notification_preference` text DEFAULT 'immediately' NOT NULL;