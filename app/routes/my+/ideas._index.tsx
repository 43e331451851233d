import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { OwnItemsList, ownIdeas } from "../../components/own-items";
import { listOwnIdeas } from "../../models/idea-editor.server";
import { ownIdeaView } from "../../models/own-items.server";
import { getExchange } from "../../utils/exchange.server";
import { requireRole } from "../../utils/session.server";

export const meta: MetaFunction = () => [{ title: "Your ideas | Innovation Exchange" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ["innovator"]);
  return json({ ideas: listOwnIdeas(getExchange().db, user.id).map(ownIdeaView) }, { headers: { "Cache-Control": "private, no-store" } });
}

export default function MyIdeas() {
  const { ideas } = useLoaderData<typeof loader>();
  return (
    <OwnItemsList
      place={ownIdeas}
      newItemLabel="Publish a new idea"
      note="You have not written any ideas yet. Start with a title and a one-paragraph summary; you can save a draft at any time."
      caption="Your ideas and their review status"
      itemColumn="Idea"
      items={ideas}
    />
  );
}
