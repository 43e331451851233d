// The site's public address for absolute links (downloads, the Atom feed): PUBLIC_URL when
// it is set, otherwise the origin the request came to.
import { getExchange } from "./exchange.server";

export function publicBaseUrl(request: Request): string {
  return getExchange().env.PUBLIC_URL ?? new URL(request.url).origin;
}
