ALTER TABLE `needs` ADD `who_is_affected` text;--> statement-breakpoint
ALTER TABLE `needs` ADD `current_phase` text;--> statement-breakpoint
ALTER TABLE `needs` ADD `constraints` text;