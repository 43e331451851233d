import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OwnItemsList, ownNeeds } from "../../components/own-items";
import { listOwnNeeds } from "../../models/need-editor.server";
import { ownNeedView } from "../../models/own-items.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Your needs | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["commissioner"]);
  return json({ needs: listOwnNeeds(getExchange().db, user.id).map(ownNeedView) }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function MyNeeds() {
  const { needs } = useLoaderData<typeof loader>();
  return (
    <OwnItemsList
      place={ownNeeds}
      newItemLabel="Post a new need"
      note="You have not posted a need yet. Describe a problem you must solve; a broker checks it before it opens."
      caption="Your needs and their status"
      itemColumn="Need"
      items={needs}
    />
  );
}
