import crypto from "node:crypto";
import { eq } from "drizzle-orm";
import type { ExchangeDb } from "../../db/client";
import { organisations, users, type UserRow } from "../../db/schema";
import { organisationSlug } from "../domain/admin-forms";
import type { Role } from "../domain/vocabulary";
import { hashPassword, verifyPassword } from "../utils/password.server";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function findOrCreateOrganisation(db: ExchangeDb, name: string): number {
  const slug = organisationSlug(name);
  const existing = db.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, slug)).get();
  if (existing) return existing.id;
  return db.insert(organisations).values({ slug, name: name.trim() }).returning({ id: organisations.id }).get().id;
}

export function getUserByEmail(db: ExchangeDb, email: string): UserRow | undefined {
  return db
    .select()
    .from(users)
    .where(eq(users.email, normaliseEmail(email)))
    .get();
}

export class EmailTakenError extends Error {
  constructor() {
    super("An account with this email address already exists");
  }
}

export async function createUser(
  db: ExchangeDb,
  input: { email: string; password: string; displayName: string; role: Role; organisationName?: string },
): Promise<UserRow> {
  const email = normaliseEmail(input.email);
  if (getUserByEmail(db, email)) throw new EmailTakenError();
  const passwordHash = await hashPassword(input.password);
  return db.transaction((tx) => {
    const organisationId = input.organisationName?.trim() ? findOrCreateOrganisation(tx as unknown as ExchangeDb, input.organisationName) : null;
    return tx
      .insert(users)
      .values({
        id: crypto.randomUUID(),
        email,
        displayName: input.displayName.trim(),
        passwordHash,
        role: input.role,
        organisationId,
      })
      .returning()
      .get();
  });
}

/** Returns the user when the password matches; hashes anyway on unknown emails so timing does not reveal accounts. */
export async function verifyUserPassword(db: ExchangeDb, email: string, password: string): Promise<UserRow | null> {
  const user = getUserByEmail(db, email);
  if (!user) {
    await hashPassword(password);
    return null;
  }
  return (await verifyPassword(user.passwordHash, password)) ? user : null;
}

/** Replaces a user's password hash. The caller ends the user's other sessions. */
export async function setUserPassword(db: ExchangeDb, userId: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}
