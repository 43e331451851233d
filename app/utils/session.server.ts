// Session and role guards. Call one at the top of every loader and action that needs an
// account: a layout route is not a security boundary in Remix.
import { redirect } from "@remix-run/node";
import type { Session, User } from "lucia";
import type { Role } from "../domain/vocabulary";
import { getExchange } from "./exchange.server";

export type SessionUser = User;

/** A session ends this long after sign-in however active it is (the idle timeout is lucia's sessionExpiresIn). */
export const absoluteSessionTimeoutMs = 12 * 60 * 60 * 1000;

function pastAbsoluteTimeout(session: Session, now = Date.now()): boolean {
  return !session.createdAt || now - session.createdAt.getTime() >= absoluteSessionTimeoutMs;
}

export async function getSessionUser(request: Request): Promise<{ user: User | null; session: Session | null; headers: Headers }> {
  const { lucia } = getExchange();
  const headers = new Headers();
  const sessionId = lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
  if (!sessionId) return { user: null, session: null, headers };
  const { user, session } = await lucia.validateSession(sessionId);
  if (session && pastAbsoluteTimeout(session)) {
    await lucia.invalidateSession(session.id);
    headers.append("Set-Cookie", lucia.createBlankSessionCookie().serialize());
    return { user: null, session: null, headers };
  }
  if (session?.fresh) headers.append("Set-Cookie", lucia.createSessionCookie(session.id).serialize());
  if (!session) headers.append("Set-Cookie", lucia.createBlankSessionCookie().serialize());
  return { user, session, headers };
}

export async function getOptionalUser(request: Request): Promise<User | null> {
  return (await getSessionUser(request)).user;
}

export async function requireUser(request: Request): Promise<User> {
  const { user } = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/signin?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return user;
}

export async function requireRole(request: Request, allowed: readonly Role[]): Promise<User> {
  const user = await requireUser(request);
  if (!allowed.includes(user.role)) {
    throw new Response(`This page is for ${allowed.join(" or ")} accounts.`, { status: 403, statusText: "Forbidden" });
  }
  return user;
}

/**
 * A new session (a new id) for every sign-in: the session this request came with, if any,
 * is ended first, so an id fixed before sign-in never becomes a signed-in one.
 */
export async function startSession(userId: string, request?: Request): Promise<Headers> {
  const { lucia } = getExchange();
  const previous = request ? lucia.readSessionCookie(request.headers.get("Cookie") ?? "") : null;
  if (previous) await lucia.invalidateSession(previous);
  const session = await lucia.createSession(userId, { createdAt: new Date() });
  return new Headers({ "Set-Cookie": lucia.createSessionCookie(session.id).serialize() });
}

/** Ends every session of a user (after a password change, or an admin's intervention). */
export async function endAllSessions(userId: string): Promise<void> {
  await getExchange().lucia.invalidateUserSessions(userId);
}

export async function endSession(request: Request): Promise<Headers> {
  const { lucia } = getExchange();
  const { session } = await getSessionUser(request);
  if (session) await lucia.invalidateSession(session.id);
  return new Headers({ "Set-Cookie": lucia.createBlankSessionCookie().serialize() });
}
