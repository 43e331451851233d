import type { ButtonHTMLAttributes } from "react";

const looks = {
  primary: "rounded bg-brand-700 px-4 py-2 font-semibold text-white hover:bg-brand-800 disabled:opacity-70",
  secondary: "rounded border-2 border-slate-700 bg-white px-4 py-2 font-semibold hover:bg-slate-100 disabled:opacity-70",
} as const;

/** A form's submit button in the site's primary (filled) or secondary (outlined) look. */
export function SubmitButton({ look = "primary", className, ...props }: Omit<ButtonHTMLAttributes<HTMLButtonElement>, "type"> & { look?: keyof typeof looks }) {
  return <button type="submit" className={className ? `${looks[look]} ${className}` : looks[look]} {...props} />;
}
