// Throttling of failed sign-ins (ASVS 5.0 6.3.1), kept in SQLite so it survives restarts and
// holds across the app's processes: at most 5 failures an account and 30 an address in any 15
// minutes. Past that, sign-in for that account or from that address waits until the oldest
// failure in the window ages out; the password is not even checked meanwhile.
import { and, asc, count, eq, gte, lt } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { signInFailures } from "../../db/schema";
import { normaliseEmail } from "./users.server";

export const signInThrottle = {
  windowMs: 15 * 60_000,
  maxFailuresPerAccount: 5,
  maxFailuresPerAddress: 30,
} as const;

export type SignInAttempt = { email: string; address: string | null };
export type SignInBlock = { scope: "account" | "address"; retryAfterSeconds: number };

function keys(attempt: SignInAttempt) {
  const list: { scope: "account" | "address"; key: string; max: number }[] = [
    { scope: "account", key: normaliseEmail(attempt.email), max: signInThrottle.maxFailuresPerAccount },
  ];
  if (attempt.address) list.push({ scope: "address", key: attempt.address, max: signInThrottle.maxFailuresPerAddress });
  return list;
}

/** Whether this attempt must wait, and for how long: checked before the password is. */
export function signInBlocked(db: ExchangeDb, attempt: SignInAttempt, now = new Date()): SignInBlock | null {
  const since = new Date(now.getTime() - signInThrottle.windowMs);
  for (const { scope, key, max } of keys(attempt)) {
    const where = and(eq(signInFailures.scope, scope), eq(signInFailures.key, key), gte(signInFailures.createdAt, since));
    const failures = db.select({ n: count() }).from(signInFailures).where(where).get()?.n ?? 0;
    if (failures < max) continue;
    // The window opens again when the failure that filled it ages out.
    const oldest = db
      .select({ at: signInFailures.createdAt })
      .from(signInFailures)
      .where(where)
      .orderBy(asc(signInFailures.createdAt))
      .limit(1)
      .offset(failures - max)
      .get();
    const until = (oldest?.at.getTime() ?? now.getTime()) + signInThrottle.windowMs;
    return { scope, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
  }
  return null;
}

export function recordSignInFailure(db: ExchangeDb, attempt: SignInAttempt, now = new Date()): void {
  db.transaction((tx) => {
    tx.delete(signInFailures)
      .where(lt(signInFailures.createdAt, new Date(now.getTime() - signInThrottle.windowMs)))
      .run();
    tx.insert(signInFailures)
      .values(keys(attempt).map(({ scope, key }) => ({ scope, key, createdAt: now })))
      .run();
  });
}

/** A successful sign-in clears its account's failures (not the address's: one good password does not vouch for the rest). */
export function clearAccountFailures(db: ExchangeDb, email: string): void {
  db.delete(signInFailures)
    .where(and(eq(signInFailures.scope, "account"), eq(signInFailures.key, normaliseEmail(email))))
    .run();
}

export function describeSignInBlock(block: SignInBlock): string {
  const minutes = Math.ceil(block.retryAfterSeconds / 60);
  const wait = `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return block.scope === "account"
    ? `Too many failed sign-ins for this account. To protect it, signing in is paused: try again in ${wait}.`
    : `Too many failed sign-ins from your network. Signing in is paused: try again in ${wait}.`;
}
