// The innovator's ideas and the commissioner's needs on their owners' pages: the list of one's
// own items, and the head of an item's editor (its status and what the broker said).
import { Link, useSearchParams } from "@remix-run/react";
import type { OwnItemView } from "../models/own-items.server";
import { Banner } from "./banner";
import { LinkTrail } from "./link-trail";
import { TableOrNote } from "./table-or-note";
import { Badge } from "./tags";

/** Live items are green; one the broker sent back, amber. */
function StatusBadge({ item }: { item: Pick<OwnItemView, "live" | "reviewOutcome" | "statusText"> }) {
  return <Badge tone={item.live ? "green" : item.reviewOutcome === "changes-requested" ? "amber" : "slate"}>{item.statusText}</Badge>;
}

/** Where one's own items of a kind live, and their words. */
export type OwnItemsPlace = {
  /** "/my/ideas": the list; each item's editor is below it. */
  path: string;
  /** "Your ideas". */
  heading: string;
};

export const ownIdeas: OwnItemsPlace = { path: "/my/ideas", heading: "Your ideas" };
export const ownNeeds: OwnItemsPlace = { path: "/my/needs", heading: "Your needs" };

export function OwnItemsList({
  place,
  newItemLabel,
  note,
  caption,
  itemColumn,
  items,
}: {
  place: OwnItemsPlace;
  newItemLabel: string;
  /** What to say when there are none yet. */
  note: string;
  caption: string;
  itemColumn: string;
  items: OwnItemView[];
}) {
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-4">
        <h1 className="text-3xl font-bold">{place.heading}</h1>
        <Link to={`${place.path}/new`} className="rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800">
          {newItemLabel}
        </Link>
      </div>
      <TableOrNote rows={items.length} note={note} caption={caption} columns={[itemColumn, "Status", "Broker’s reason"]} className="">
        {items.map((item) => (
          <tr key={item.slug} className="border-b border-slate-200 align-top">
            <td className="py-2 pr-4">
              <Link to={`${place.path}/${item.slug}`} className="link">
                {item.title}
              </Link>
            </td>
            <td className="py-2 pr-4">
              <StatusBadge item={item} />
            </td>
            <td className="py-2">{item.reviewReason ?? ""}</td>
          </tr>
        ))}
      </TableOrNote>
    </div>
  );
}

/**
 * The head of an idea's or a need's editor: the way back, the title, its status, the message
 * of the last save (from the action, or `?saved=` after a new item's first save) and the
 * broker's reason when it was sent back or rejected.
 */
export function OwnItemHeader({
  place,
  publicPath,
  item,
  actionMessage,
  savedMessages,
}: {
  place: OwnItemsPlace;
  publicPath: string;
  item: OwnItemView;
  actionMessage: string | null | undefined;
  savedMessages: { submitted: string; draft: string };
}) {
  const [searchParams] = useSearchParams();
  const saved = searchParams.get("saved");
  const message = actionMessage ?? (saved === "submitted" || saved === "draft" ? savedMessages[saved] : null);
  return (
    <>
      <LinkTrail links={[{ to: place.path, label: place.heading }, ...(item.live ? [{ to: publicPath, label: "Public page" }] : [])]} />
      <h1 className="mt-2 text-3xl font-bold">{item.title}</h1>
      <p className="mt-2">
        Status: <StatusBadge item={item} />
      </p>
      {message ? <Banner tone="success">{message}</Banner> : null}
      {item.reviewReason && item.reviewOutcome !== "published" ? (
        <Banner tone="warning" role={null} testId="review-reason">
          <h2 className="font-semibold">{item.reviewOutcome === "rejected" ? "The broker rejected this" : "The broker asked for changes"}</h2>
          <p className="mt-1 whitespace-pre-line">{item.reviewReason}</p>
          {item.reviewOutcome === "changes-requested" ? <p className="mt-2 text-sm">Make the changes below, then submit again.</p> : null}
        </Banner>
      ) : null}
    </>
  );
}
