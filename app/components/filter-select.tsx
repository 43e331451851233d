import { SelectOptions } from "./select-options";

/** A labelled select in a GET filter form (a plain form: it works without JavaScript). */
export function FilterSelect({
  id,
  name,
  label,
  defaultValue,
  options,
  className,
  selectClassName = "mt-1 rounded border-2 border-slate-700 bg-white px-2 py-1",
}: {
  id: string;
  name: string;
  label: string;
  defaultValue: string;
  options: readonly { value: string; label: string }[];
  className?: string;
  selectClassName?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block font-semibold">
        {label}
      </label>
      <select id={id} name={name} defaultValue={defaultValue} className={selectClassName}>
        <SelectOptions options={options} />
      </select>
    </div>
  );
}
