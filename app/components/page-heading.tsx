import type { ReactNode } from "react";
import { LinkParagraph } from "./link-paragraph";

/** A page's h1, with the way back to the page above it when there is one. */
export function PageHeading({ back, children }: { back?: { to: string; label: string }; children: ReactNode }) {
  return (
    <>
      {back ? (
        <LinkParagraph to={back.to} className="text-sm">
          {back.label}
        </LinkParagraph>
      ) : null}
      <h1 className={back ? "mt-2 text-3xl font-bold" : "text-3xl font-bold"}>{children}</h1>
    </>
  );
}
