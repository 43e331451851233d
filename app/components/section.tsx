import type { ReactNode } from "react";

/** A part of a page under its own h2, the heading naming the region for screen readers. */
export function Section({
  id,
  title,
  className,
  headingClassName = "text-2xl font-semibold",
  children,
}: {
  /** The heading's id. */
  id: string;
  title: ReactNode;
  className?: string;
  headingClassName?: string;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={id} className={className}>
      <h2 id={id} className={headingClassName}>
        {title}
      </h2>
      {children}
    </section>
  );
}
