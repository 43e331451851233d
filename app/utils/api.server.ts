import { json } from "@remix-run/node";

export function apiError(status: number, message: string, details?: string[]) {
  return json({ error: message, ...(details ? { details } : {}) }, { status, headers: { "Cache-Control": "no-store" } });
}
