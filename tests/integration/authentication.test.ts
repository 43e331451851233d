// Authentication (issue 6, item 6; ASVS 5.0 chapters 6 and 7): the password rules, argon2id's
// cost, sessions that start afresh on sign-in and end on sign-out, idle and absolute timeouts,
// other sessions ended by a change of password, and throttled sign-in failures. The routes'
// actions are called in-process with real requests and real session cookies.
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sessions, signInFailures, users } from "../../db/schema";
import { signInThrottle } from "../../app/models/sign-in-throttle.server";
import { createUser } from "../../app/models/users.server";
import { createLucia } from "../../app/utils/exchange.server";
import { readEnv } from "../../app/utils/env.server";
import { hashPassword, verifyPassword } from "../../app/utils/password.server";
import { isCommonPassword } from "../../app/utils/password-policy.server";
import { absoluteSessionTimeoutMs } from "../../app/utils/session.server";
import { countRows } from "./helpers";
import { buildRequest, classify, fixturePassword, importRoute, openHarness, type Harness, type RouteModule } from "./route-harness";

let harness: Harness;
let signin: RouteModule;
let signup: RouteModule;
let signout: RouteModule;
let account: RouteModule;
let changePassword: RouteModule;
let counter = 0;

const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  harness = await openHarness();
  [signin, signup, signout, account, changePassword] = await Promise.all(
    ["signin.tsx", "signup.tsx", "signout.tsx", "account.tsx", "account_.password.tsx"].map(importRoute),
  );
});

afterAll(async () => {
  await harness?.dispose();
});

afterEach(() => {
  vi.useRealTimers();
});

async function newUser(password = fixturePassword) {
  const email = `person-${++counter}@auth.example`;
  const user = await createUser(harness.exchange.db, { email, password, displayName: `Person ${counter}`, role: "innovator" });
  return { user, email, password };
}

function cookieFrom(response: Response): string {
  const header = response.headers.get("Set-Cookie");
  if (!header) throw new Error("no Set-Cookie");
  return header.split(";")[0];
}

function sessionIdOf(cookie: string): string {
  return cookie.slice(cookie.indexOf("=") + 1);
}

async function run(mod: RouteModule, kind: "loader" | "action", request: Request, address = "198.51.100.1"): Promise<Response> {
  const fn = kind === "loader" ? mod.loader! : mod.action!;
  try {
    const result = await fn({ request, params: {}, context: { clientAddress: address } });
    if (!(result instanceof Response)) return new Response(JSON.stringify(result), { status: 200 });
    return result;
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

async function signIn(email: string, password: string, options: { cookie?: string; address?: string } = {}) {
  return run(signin, "action", buildRequest("POST", "/signin", { cookie: options.cookie, form: { email, password } }), options.address);
}

async function isSignedIn(cookie: string): Promise<boolean> {
  const response = await run(account, "loader", buildRequest("GET", "/account", { cookie }));
  return response.status === 200;
}

function signupForm(password: string) {
  return { displayName: "Sam Signup", email: `signup-${++counter}@auth.example`, password, role: "commissioner" };
}

async function errorsOf(response: Response): Promise<string> {
  return JSON.stringify(await response.json());
}

describe("passwords", () => {
  it("accept 8 to 128 characters with no composition rules, and refuse shorter or longer ones", async () => {
    const usersBefore = countRows(harness.exchange.db, users);
    const tooShort = await run(signup, "action", buildRequest("POST", "/signup", { form: signupForm("seven77") }));
    expect(tooShort.status).toBe(400);
    expect(await errorsOf(tooShort)).toContain("Password must be at least 8 characters");
    const tooLong = await run(signup, "action", buildRequest("POST", "/signup", { form: signupForm("x".repeat(129)) }));
    expect(tooLong.status).toBe(400);
    expect(await errorsOf(tooLong)).toContain("Password must be 128 characters or fewer");
    expect(countRows(harness.exchange.db, users)).toBe(usersBefore);

    // Only lower-case letters, no digit or symbol: allowed. So are 128 characters and spaces.
    for (const password of ["tangerinebicycle", "y".repeat(127) + "z", "four words with spaces"]) {
      const response = await run(signup, "action", buildRequest("POST", "/signup", { form: signupForm(password) }));
      expect(response.status, password).toBe(302);
    }
    expect(countRows(harness.exchange.db, users)).toBe(usersBefore + 3);
  });

  it("refuse the most common passwords, whatever their case", async () => {
    expect(isCommonPassword("password")).toBe(true);
    expect(isCommonPassword("Sunshine")).toBe(true);
    expect(isCommonPassword("correct horse battery staple")).toBe(false);
    for (const password of ["password", "PASSWORD", "12345678", "iloveyou", "trustno1", "qwertyuiop"]) {
      const response = await run(signup, "action", buildRequest("POST", "/signup", { form: signupForm(password) }));
      expect(response.status, password).toBe(400);
      expect(await errorsOf(response)).toContain("one of the most common passwords");
    }
  });

  it("are hashed with argon2id at or above OWASP's floor (19 MiB, t=2, p=1)", async () => {
    const hash = await hashPassword("a perfectly fine passphrase");
    const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(hash);
    expect(match).not.toBeNull();
    const [memory, time, parallelism] = match!.slice(1).map(Number);
    expect(memory).toBeGreaterThanOrEqual(19 * 1024);
    expect(time).toBeGreaterThanOrEqual(2);
    expect(parallelism).toBeGreaterThanOrEqual(1);
    expect(await verifyPassword(hash, "a perfectly fine passphrase")).toBe(true);
    expect(await verifyPassword(hash, "a perfectly fine passphrasE")).toBe(false);
  });
});

describe("sessions", () => {
  it("start with a new id on every sign-in, ending the one the browser came with", async () => {
    const { email, password } = await newUser();
    const before = await harness.cookieFor("commissioner");
    const response = await signIn(email, password, { cookie: before });
    expect(response.status).toBe(302);
    const after = cookieFrom(response);
    expect(sessionIdOf(after)).not.toBe(sessionIdOf(before));
    expect(
      harness.exchange.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sessionIdOf(before)))
        .get(),
    ).toBeUndefined();
    expect(await isSignedIn(after)).toBe(true);
  });

  it("end on sign-out: the old cookie no longer signs anyone in", async () => {
    const { email, password } = await newUser();
    const cookie = cookieFrom(await signIn(email, password));
    expect(await isSignedIn(cookie)).toBe(true);
    const response = await run(signout, "action", buildRequest("POST", "/signout", { cookie }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Set-Cookie")).toMatch(/Max-Age=0/);
    expect(
      harness.exchange.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sessionIdOf(cookie)))
        .get(),
    ).toBeUndefined();
    expect(await isSignedIn(cookie)).toBe(false);
  });

  it("end after 2 hours without a request (idle timeout), but not while in use", async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start);
    const { email, password } = await newUser();
    const idle = cookieFrom(await signIn(email, password));
    const active = cookieFrom(await signIn(email, password));

    vi.setSystemTime(start + 1.5 * HOUR);
    expect(await isSignedIn(active)).toBe(true);
    vi.setSystemTime(start + 2 * HOUR + 60_000);
    expect(await isSignedIn(idle)).toBe(false);
    // The active one was used 30 minutes ago: its expiry moved on.
    expect(await isSignedIn(active)).toBe(true);
  });

  it("end 12 hours after sign-in however active they are (absolute timeout)", async () => {
    expect(absoluteSessionTimeoutMs).toBe(12 * HOUR);
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start);
    const { email, password } = await newUser();
    const cookie = cookieFrom(await signIn(email, password));
    for (let hour = 1; hour < 12; hour++) {
      vi.setSystemTime(start + hour * HOUR);
      expect(await isSignedIn(cookie), `after ${hour} h`).toBe(true);
    }
    vi.setSystemTime(start + 12 * HOUR + 1000);
    expect(await isSignedIn(cookie)).toBe(false);
    expect(
      harness.exchange.db
        .select()
        .from(sessions)
        .where(eq(sessions.id, sessionIdOf(cookie)))
        .get(),
    ).toBeUndefined();
  });

  it("from before the absolute timeout existed (no created time) count as expired", async () => {
    const { email, password } = await newUser();
    const cookie = cookieFrom(await signIn(email, password));
    harness.exchange.db
      .update(sessions)
      .set({ createdAt: null })
      .where(eq(sessions.id, sessionIdOf(cookie)))
      .run();
    expect(await isSignedIn(cookie)).toBe(false);
  });

  it("other than the current browser's all end when the password changes", async () => {
    const { email, password } = await newUser();
    const here = cookieFrom(await signIn(email, password));
    const elsewhere = cookieFrom(await signIn(email, password));
    const form = { currentPassword: password, newPassword: "a brand new passphrase", confirmPassword: "a brand new passphrase" };
    const response = await run(changePassword, "action", buildRequest("POST", "/account/password", { cookie: here, form }));
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/account/password?changed=1");
    const fresh = cookieFrom(response);
    expect(await isSignedIn(elsewhere)).toBe(false);
    expect(await isSignedIn(here)).toBe(false);
    expect(await isSignedIn(fresh)).toBe(true);
    expect((await signIn(email, password)).status).toBe(400);
    expect((await signIn(email, "a brand new passphrase")).status).toBe(302);
  });

  it("keep the password when the change is refused (wrong current password, common or mismatched new one)", async () => {
    const { user, email, password } = await newUser();
    const cookie = cookieFrom(await signIn(email, password));
    const hashBefore = harness.exchange.db.select().from(users).where(eq(users.id, user.id)).get()!.passwordHash;
    const attempts: [Record<string, string>, string][] = [
      [
        { currentPassword: "not my password", newPassword: "another good passphrase", confirmPassword: "another good passphrase" },
        "Your current password is not correct",
      ],
      [{ currentPassword: password, newPassword: "sunshine", confirmPassword: "sunshine" }, "one of the most common passwords"],
      [{ currentPassword: password, newPassword: "another good passphrase", confirmPassword: "another good passphrasf" }, "The two new passwords do not match"],
      [{ currentPassword: password, newPassword: "short", confirmPassword: "short" }, "at least 8 characters"],
    ];
    for (const [form, message] of attempts) {
      const response = await run(changePassword, "action", buildRequest("POST", "/account/password", { cookie, form }));
      expect(response.status).toBe(400);
      expect(await errorsOf(response)).toContain(message);
    }
    expect(harness.exchange.db.select().from(users).where(eq(users.id, user.id)).get()!.passwordHash).toBe(hashBefore);
    expect(await isSignedIn(cookie)).toBe(true);
  });
});

describe("failed sign-ins", () => {
  it("are throttled per account, with a clear message, even for the right password, until the window passes", async () => {
    const start = Date.now();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(start);
    const { email, password } = await newUser();
    for (let i = 0; i < signInThrottle.maxFailuresPerAccount; i++) {
      expect((await signIn(email, `wrong guess ${i}`, { address: `203.0.113.${i}` })).status).toBe(400);
    }
    const blocked = await signIn(email, password, { address: "203.0.113.200" });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    const message = await errorsOf(blocked);
    expect(message).toContain("Too many failed sign-ins for this account");
    expect(message).toContain("try again in 15 minutes");
    // Another account from the same addresses is not affected.
    const other = await newUser();
    expect((await signIn(other.email, other.password, { address: "203.0.113.1" })).status).toBe(302);

    vi.setSystemTime(start + signInThrottle.windowMs + 1000);
    expect((await signIn(email, password, { address: "203.0.113.200" })).status).toBe(302);
  });

  it("are throttled per address, across accounts", async () => {
    const address = "198.51.100.77";
    const target = await newUser();
    for (let i = 0; i < signInThrottle.maxFailuresPerAddress; i++) {
      expect((await signIn(`nobody-${i}@auth.example`, "a wrong password", { address })).status).toBe(400);
    }
    const blocked = await signIn(target.email, target.password, { address });
    expect(blocked.status).toBe(429);
    expect(await errorsOf(blocked)).toContain("Too many failed sign-ins from your network");
    expect((await signIn(target.email, target.password, { address: "198.51.100.78" })).status).toBe(302);
    // Old failures are pruned as new ones arrive: the table holds one window at most.
    expect(countRows(harness.exchange.db, signInFailures)).toBeGreaterThanOrEqual(signInThrottle.maxFailuresPerAddress);
  });

  it("reset the account's count after a successful sign-in", async () => {
    const { email, password } = await newUser();
    for (let i = 0; i < signInThrottle.maxFailuresPerAccount - 1; i++) await signIn(email, "wrong", { address: "192.0.2.50" });
    expect((await signIn(email, password, { address: "192.0.2.50" })).status).toBe(302);
    for (let i = 0; i < signInThrottle.maxFailuresPerAccount - 1; i++) await signIn(email, "wrong", { address: "192.0.2.51" });
    expect((await signIn(email, password, { address: "192.0.2.51" })).status).toBe(302);
  });
});

describe("session cookies", () => {
  it("are HttpOnly, SameSite=Lax, Path=/ and, when secure, Secure with the __Host- prefix", () => {
    const { db } = harness.exchange;
    const secure = createLucia(db, true).createSessionCookie("abc").serialize();
    expect(secure).toMatch(/^__Host-exchange_session=abc;/);
    for (const attribute of ["HttpOnly", "Secure", "SameSite=Lax", "Path=/"]) expect(secure).toContain(attribute);
    expect(secure).not.toMatch(/Domain=/i);
    const plain = createLucia(db, false).createSessionCookie("abc").serialize();
    expect(plain).toMatch(/^exchange_session=abc;/);
    expect(plain).not.toContain("Secure");
    expect(plain).toContain("HttpOnly");
    expect(plain).toContain("SameSite=Lax");
  });

  it("are secure by default in production, and COOKIE_SECURE=0 turns that off", () => {
    expect(readEnv({ NODE_ENV: "production" }).cookieSecure).toBe(true);
    expect(readEnv({ NODE_ENV: "production", COOKIE_SECURE: "0" }).cookieSecure).toBe(false);
    expect(readEnv({ NODE_ENV: "development" }).cookieSecure).toBe(false);
  });

  it("outcomes classify as the matrix expects (a denial is a redirect to /signin)", async () => {
    const outcome = await classify(() => run(account, "loader", buildRequest("GET", "/account")));
    expect(outcome.verdict).toBe("deny");
  });
});
