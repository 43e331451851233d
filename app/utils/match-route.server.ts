// What the match pages share: reading the match id from the URL and loading the viewer's
// view of the match, as 404 (no such match) or 403 (not a party to it) responses.
import type { Params } from "@remix-run/react";
import { parseItemId } from "../domain/broker-queue";
import { getMatchView, type MatchActor } from "../models/match-workflow.server";
import { getExchange } from "./exchange.server";
import { domainErrorResponse } from "../models/errors.server";

export function matchIdFrom(params: Params): number {
  const id = parseItemId(params.id);
  if (id === null) throw new Response("There is no match at this address.", { status: 404 });
  return id;
}

export function matchViewOrThrow(actor: MatchActor, matchId: number) {
  try {
    return getMatchView(getExchange().db, actor, matchId);
  } catch (error) {
    throw domainErrorResponse(error, {
      404: "There is no match at this address.",
      403: "This match is visible only to its commissioner, its innovator and brokers.",
    });
  }
}
