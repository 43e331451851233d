// `exchange suggest NEED_SLUG... | --all | --wanting [--limit N] [--json]`: records the matching
// engine's top ideas for open needs as `suggested` matches in the brokers' match queue (the
// site does this when a broker opens a need, and on a schedule). Pairs that already have a
// match are left as they are, so it can run any number of times.
import { InvalidArgumentError, type Command } from "commander";
import { inArray } from "drizzle-orm";
import { needs } from "../../db/schema";
import { DEFAULT_SUGGESTIONS_PER_NEED, needsWantingSuggestions, runSuggestionPass } from "../../app/models/match-suggestions.server";
import { MAX_MATCH_LIMIT, openNeedSlugs, parseMatchLimit } from "../../app/models/matching.server";
import type { ExchangeContext } from "../../app/utils/exchange.server";

type SuggestOptions = { all?: boolean; wanting?: boolean; limit: number; json?: boolean };

function limitOption(value: string): number {
  const limit = parseMatchLimit(value);
  if (limit === null) throw new InvalidArgumentError(`must be a whole number from 1 to ${MAX_MATCH_LIMIT}`);
  return limit;
}

export function registerSuggestCommand(
  program: Command,
  helpers: { withExchange: <T>(work: (context: ExchangeContext) => Promise<T>) => Promise<T>; fail: (message: string) => Error },
): void {
  program
    .command("suggest")
    .description("Record the matching engine's top ideas for open needs as suggested matches in the brokers' match queue")
    .argument("[needs...]", "slugs of open needs")
    .option("--all", "every open need")
    .option("--wanting", `only open needs with fewer than --limit engine suggestions (what the site's scheduled pass does)`)
    .option("--limit <n>", `ideas per need, 1 to ${MAX_MATCH_LIMIT}`, limitOption, DEFAULT_SUGGESTIONS_PER_NEED)
    .option("--json", 'print JSON: { "created": n, "needs": [{ "need", "created", "ranked" }], "failed": [...] }')
    .action(async (slugs: string[], options: SuggestOptions) => {
      const modes = [slugs.length > 0, !!options.all, !!options.wanting].filter(Boolean).length;
      if (modes !== 1) throw helpers.fail("give need slugs, --all or --wanting (one of them)");
      await helpers.withExchange(async ({ db, meili }) => {
        let needIds: number[];
        if (options.wanting) needIds = needsWantingSuggestions(db, options.limit).map((need) => need.id);
        else {
          const wanted = options.all ? openNeedSlugs(db) : [...new Set(slugs)];
          const rows = wanted.length
            ? db.select({ id: needs.id, slug: needs.slug, status: needs.status }).from(needs).where(inArray(needs.slug, wanted)).all()
            : [];
          const open = new Map(rows.filter((row) => row.status === "open").map((row) => [row.slug, row.id]));
          const notOpen = wanted.filter((slug) => !open.has(slug));
          if (notOpen.length) throw helpers.fail(`no open need has the slug ${notOpen.map((slug) => `"${slug}"`).join(", ")}`);
          needIds = wanted.map((slug) => open.get(slug)!);
        }
        const pass = await runSuggestionPass(db, meili, { limit: options.limit, needIds });
        if (options.json) {
          const report = {
            created: pass.created,
            needs: pass.results.map(({ slug, created, ranked }) => ({ need: slug, created, ranked })),
            failed: pass.errors,
          };
          process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
        } else {
          for (const result of pass.results) console.log(`${result.slug}: ${result.created} new suggestion(s) of the engine's top ${result.ranked}`);
          console.log(
            needIds.length ? `Recorded ${pass.created} new suggestion(s) for ${pass.results.length} need(s).` : "No open needs to suggest ideas for.",
          );
        }
        if (pass.failed) throw helpers.fail(`${pass.failed} need(s) failed (is search running?): ${pass.errors.join("; ")}`);
      });
    });
}
