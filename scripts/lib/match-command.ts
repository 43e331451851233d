// `exchange match NEED_SLUG... | --all [--limit N] [--json]`: the matching engine's ranked
// ideas for needs, best first. Registered on the exchange CLI by scripts/exchange.ts.
import { InvalidArgumentError, type Command } from "commander";
import {
  DEFAULT_MATCH_LIMIT,
  MAX_MATCH_LIMIT,
  rankIdeasForNeedSlug,
  matchesToJson,
  openNeedSlugs,
  parseMatchLimit,
  type NeedRanking,
} from "../../app/models/matching.server";
import type { ExchangeContext } from "../../app/utils/exchange.server";
import { embedIdeas } from "../../search/embeddings/idea-vectors";
import { drainOutbox } from "../../search/outbox-relay";
import { indexAllCorpusChanges } from "../../search/matching/corpus-index";

type MatchOptions = { all?: boolean; limit: number; json?: boolean };

function limitOption(value: string): number {
  const limit = parseMatchLimit(value);
  if (limit === null) throw new InvalidArgumentError(`must be a whole number from 1 to ${MAX_MATCH_LIMIT}`);
  return limit;
}

const clip = (text: string, width: number) => (text.length > width ? `${text.slice(0, width - 1)}…` : text);

/** A plain-text table per need: rank, score, idea, route fit, evidence, adoptions and matched terms. */
export function formatMatchTable(results: readonly NeedRanking[]): string {
  const lines: string[] = [];
  for (const { need, ranked: matches } of results) {
    lines.push(`${need.slug}: ${need.title}`);
    if (!matches.length) {
      lines.push("  no matching ideas", "");
      continue;
    }
    lines.push(
      `  ${"#".padStart(2)}  ${"score".padStart(5)}  ${"idea".padEnd(40)}  ${"route".padEnd(5)}  ${"evidence".padEnd(8)}  ${"adopted".padEnd(7)}  matched terms`,
    );
    matches.forEach((match, index) => {
      const evidence = match.reasons.find((reason) => reason.startsWith("evidence level "))?.match(/^evidence level (\d)/)?.[1];
      const adopted = match.reasons.find((reason) => reason.startsWith("adopted in "))?.match(/^adopted in (\d+)/)?.[1] ?? "0";
      lines.push(
        `  ${String(index + 1).padStart(2)}  ${match.score.toFixed(1).padStart(5)}  ${clip(match.idea, 40).padEnd(40)}  ${(match.fits ? "yes" : "NO").padEnd(5)}  ${(evidence ? `${evidence}/5` : "-").padEnd(8)}  ${adopted.padEnd(7)}  ${clip(match.matchedTerms.slice(0, 5).join(", "), 60)}`,
      );
    });
    lines.push("");
  }
  lines.push('route: offers one of the diffusion models the need accepts ("NO" ranks below every "yes"). Use --json for every reason.');
  return lines.join("\n");
}

/**
 * Ideas published since the site last ran have no vector yet: embed them (only those) and let
 * Meilisearch have them, so the CLI ranks as the site will. Without the model, the engine
 * ranks on the text signals and says so on stderr.
 */
async function embedMissingIdeas(context: ExchangeContext): Promise<void> {
  if (!context.embedder) return;
  try {
    const result = await embedIdeas(context.db, context.embedder, {
      onProgress: (done) => process.stderr.write(`\rEmbedding ideas: ${done}`),
    });
    if (result.embedded) {
      process.stderr.write(`\rEmbedded ${result.embedded} idea(s) in ${(result.ms / 1000).toFixed(1)} s\n`);
      await drainOutbox(context.db, context.meili, { timeoutMs: 600_000 });
    }
  } catch (error) {
    console.error(`The embedding model is unavailable (${error instanceof Error ? error.message : error}); matching on the text signals alone.`);
  }
}

export function registerMatchCommand(
  program: Command,
  helpers: { withExchange: <T>(work: (context: ExchangeContext) => Promise<T>) => Promise<T>; fail: (message: string) => Error },
): void {
  program
    .command("match")
    .description("Rank published ideas for needs with the matching engine: score and reasons, best first")
    .argument("[needs...]", "slugs of the needs to match")
    .option("--all", "match every open need")
    .option("--limit <n>", `matches per need, 1 to ${MAX_MATCH_LIMIT}`, limitOption, DEFAULT_MATCH_LIMIT)
    .option("--json", 'print JSON: [{ "need", "matches": [{ "idea", "score", "reasons" }] }]')
    .action(async (slugs: string[], options: MatchOptions) => {
      if (options.all && slugs.length) throw helpers.fail("give need slugs or --all, not both");
      if (!options.all && !slugs.length) throw helpers.fail("name at least one need slug, or use --all");
      await helpers.withExchange(async (context) => {
        await indexAllCorpusChanges(context.db);
        await embedMissingIdeas(context);
        const needSlugs = options.all ? openNeedSlugs(context.db) : [...new Set(slugs)];
        const results: NeedRanking[] = [];
        const unknown: string[] = [];
        for (const slug of needSlugs) {
          const result = await rankIdeasForNeedSlug(context.db, context.meili, slug, { limit: options.limit });
          if (result) results.push(result);
          else unknown.push(slug);
        }
        if (unknown.length) throw helpers.fail(`no need has the slug ${unknown.map((slug) => `"${slug}"`).join(", ")}`);
        if (options.json) {
          process.stdout.write(
            `${JSON.stringify(
              results.map((result) => matchesToJson(result.need.slug, result.ranked)),
              null,
              2,
            )}\n`,
          );
        } else {
          console.log(results.length ? formatMatchTable(results) : "There are no open needs to match.");
        }
      });
    });
}
