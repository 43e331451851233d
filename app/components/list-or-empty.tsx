import type { ReactNode } from "react";

/** A list of items, each drawn by `children` (an <li>), or the `empty` message when there are none. */
export function ListOrEmpty<Item>({
  items,
  empty,
  ordered = false,
  className,
  children,
}: {
  items: readonly Item[];
  empty: ReactNode;
  ordered?: boolean;
  className: string;
  children: (item: Item, index: number) => ReactNode;
}) {
  if (items.length === 0) return <>{empty}</>;
  const List = ordered ? "ol" : "ul";
  return <List className={className}>{items.map(children)}</List>;
}
