import type { ReactNode } from "react";

const tones = {
  success: "border-emerald-700 bg-emerald-50",
  error: "border-red-700 bg-red-50",
  warning: "border-amber-600 bg-amber-50",
} as const;

type BannerProps = {
  tone: keyof typeof tones;
  /** By default an error is an alert and the others a status; null for a box that is part of the page. */
  role?: "status" | "alert" | null;
  as?: "div" | "p";
  /** Spacing and anything else on top of the banner's own look. */
  className?: string;
  testId?: string;
  children: ReactNode;
};

/** A status banner: what just happened (success), what went wrong (error) or what to know (warning). */
export function Banner({ tone, role, as: Element = "div", className = "mt-4 p-4", testId, children }: BannerProps) {
  return (
    <Element
      role={role === null ? undefined : (role ?? (tone === "error" ? "alert" : "status"))}
      className={`${className} rounded border-l-4 ${tones[tone]}`}
      data-testid={testId}
    >
      {children}
    </Element>
  );
}
