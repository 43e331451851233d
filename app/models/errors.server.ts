// The domain's refusals, shared by every model, and the one place they become HTTP statuses.
// A model throws one of these; a loader or action either shows a conflict on its form (409) or
// throws `domainErrorResponse(error)` for the error boundary.

/** There is no such thing at this address (or the actor may not know it exists): 404. */
export class NotFoundError extends Error {}

/** The actor's role or ownership does not allow this: 403. */
export class NotAllowedError extends Error {}

/** The item's state refuses the step now (already claimed, answered, no longer open…): 409. */
export class ConflictError extends Error {}

export type DomainErrorStatus = 404 | 403 | 409;

/** The HTTP status of a domain error; null for any other error. */
export function domainErrorStatus(error: unknown): DomainErrorStatus | null {
  if (error instanceof NotFoundError) return 404;
  if (error instanceof NotAllowedError) return 403;
  if (error instanceof ConflictError) return 409;
  return null;
}

/**
 * The response for a domain error (throw it: the route's error boundary shows the message),
 * with the page's own wording where `messages` gives one for its status. Any other error is
 * rethrown as it is.
 */
export function domainErrorResponse(error: unknown, messages: Partial<Record<DomainErrorStatus, string>> = {}): Response {
  const status = domainErrorStatus(error);
  if (status === null) throw error;
  return new Response(messages[status] ?? (error as Error).message, { status });
}
