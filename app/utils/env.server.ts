import path from "node:path";
import { z } from "zod";

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // Where the SQLite file, the Meilisearch data and its master key live.
  DATA_DIR: z.string().min(1).default("./data"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  // remix-serve style servers listen on every interface; we default to loopback.
  HOST: z.string().min(1).default("127.0.0.1"),
  // An external Meilisearch server (or cluster front). Unset: the app runs the bundled binary.
  MEILI_HOST: z.url().optional(),
  MEILI_MASTER_KEY: z.string().optional(),
  // "0" stops `npm start` from loading the demo data into an empty database.
  DEMO_DATA: z.enum(["0", "1"]).default("1"),
  // Secure cookies: on by default in production; "0" for plain-HTTP deployments on a LAN.
  COOKIE_SECURE: z.enum(["0", "1"]).optional(),
  // Service level of the broker review queues, in working days.
  REVIEW_SERVICE_LEVEL_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  // SMTP for notification emails (nodemailer); unset, emails stay in the admins' dev mailbox.
  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default("Innovation Exchange <no-reply@exchange.example>"),
  // The public address of the site (e.g. https://exchange.example.org), so links in emails are absolute.
  PUBLIC_URL: z.url().optional(),
  // Where people report accessibility problems or ask for another format (the accessibility statement shows it).
  CONTACT_EMAIL: z.email().optional(),
  // Interval of the safety-net pass of the search outbox relay.
  OUTBOX_INTERVAL_MS: z.coerce.number().int().min(50).default(1000),
  // How often the bundled Meilisearch is checked and, if it died, started again.
  MEILI_WATCHDOG_MS: z.coerce.number().int().min(100).default(3000),
  // How often the app compares SQLite with the search indexes and repairs drift.
  // "0" turns off the sentence-embedding model (the matching engine's semantic signal); matching then uses the text signals alone.
  EMBEDDINGS: z.enum(["0", "1"]).default("1"),
  RECONCILE_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(10 * 60_000),
});

export type ExchangeEnv = z.infer<typeof schema> & { dataDir: string; cookieSecure: boolean };

export function readEnv(source: NodeJS.ProcessEnv = process.env): ExchangeEnv {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  const env = parsed.data;
  return {
    ...env,
    dataDir: path.resolve(env.DATA_DIR),
    cookieSecure: env.COOKIE_SECURE ? env.COOKIE_SECURE === "1" : env.NODE_ENV === "production",
  };
}
