import { Link } from "@remix-run/react";
import type { ReactNode } from "react";

/** A link on a line of its own: a way back above a page's heading, or onwards at the end of a part. */
export function LinkParagraph({ to, className, children }: { to: string; className?: string; children: ReactNode }) {
  return (
    <p className={className}>
      <Link to={to} className="link">
        {children}
      </Link>
    </p>
  );
}
