import { Fragment } from "react";

const PRE = "\u0002";
const POST = "\u0003";

/** Renders Meilisearch's highlight markers as <mark>, escaping everything else through React. */
export function Highlight({ text }: { text: string }) {
  const parts = text.split(PRE);
  return (
    <>
      {parts.map((part, index) => {
        if (index === 0) return <Fragment key={index}>{part.replaceAll(POST, "")}</Fragment>;
        const [marked, ...rest] = part.split(POST);
        return (
          <Fragment key={index}>
            <mark>{marked}</mark>
            {rest.join("")}
          </Fragment>
        );
      })}
    </>
  );
}
