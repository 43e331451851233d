import { Link } from "@remix-run/react";
import { Fragment } from "react";

/** Links on one line above a page's heading, separated by dots: the way back first, then related pages. */
export function LinkTrail({ links }: { links: { to: string; label: string }[] }) {
  return (
    <p className="text-sm">
      {links.map((link, index) => (
        <Fragment key={link.to}>
          {index ? " · " : null}
          <Link to={link.to} className="link">
            {link.label}
          </Link>
        </Fragment>
      ))}
    </p>
  );
}
