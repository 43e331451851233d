// `exchange reminders [--now ISO-DATE]`: asks commissioners for the outcome updates of adopted
// matches that have fallen due (the app does this hourly). Safe to run at any time: each
// reminder is sent once. Registered on the exchange CLI by scripts/exchange.ts.
import { InvalidArgumentError, type Command } from "commander";
import { sendDueOutcomeReminders } from "../../app/models/living-case-studies.server";
import type { ExchangeContext } from "../../app/utils/exchange.server";

function dateOption(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime()))
    throw new InvalidArgumentError("must be a date such as 2027-01-31 or 2027-01-31T09:00:00Z");
  return date;
}

export function registerRemindersCommand(program: Command, helpers: { withExchange: <T>(work: (context: ExchangeContext) => Promise<T>) => Promise<T> }): void {
  program
    .command("reminders")
    .description("Send the outcome reminders of adopted matches that are due (6, 12 and 24 months after adoption); each is sent once")
    .option("--now <date>", "treat this instant as now (default: the current time)", dateOption)
    .action(async (options: { now?: Date }) => {
      await helpers.withExchange(async (context) => {
        const run = sendDueOutcomeReminders(context.db, options.now ?? new Date());
        console.log(`Outcome reminders: ${run.remindersDue} due, ${run.notified} commissioner(s) asked for an update.`);
      });
    });
}
