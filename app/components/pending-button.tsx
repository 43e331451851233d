import { useNavigation } from "@remix-run/react";
import type { ComponentProps } from "react";
import { SubmitButton } from "./submit-button";

/**
 * A submit button that is disabled, and says `pendingLabel`, while its form is being sent. Its
 * form is told apart from the page's other forms by the fields it sends (`pendingWhen`, usually
 * its intent).
 */
export function PendingButton({
  pendingWhen,
  pendingLabel,
  children,
  ...props
}: ComponentProps<typeof SubmitButton> & { pendingWhen: Record<string, string>; pendingLabel: string }) {
  const navigation = useNavigation();
  const pending = navigation.state === "submitting" && Object.entries(pendingWhen).every(([name, value]) => navigation.formData?.get(name) === value);
  return (
    <SubmitButton disabled={pending} {...props}>
      {pending ? pendingLabel : children}
    </SubmitButton>
  );
}
