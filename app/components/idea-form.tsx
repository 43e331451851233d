// The sectioned idea form. Works without JavaScript (every section is shown and the server
// validates); with JavaScript, route-specific sections follow the chosen diffusion models
// and similar published ideas are suggested while the title and summary are written.
import { getFormProps, type FieldMetadata, type SubmissionResult } from "@conform-to/react";
import { Form, Link, useFetcher } from "@remix-run/react";
import { useEffect, useState, type ReactNode } from "react";
import { ideaFormSchemaFor } from "../domain/idea-form";
import { ideaFacetRegistry, type IdeaFacet } from "../domain/idea-facets";
import type { DiffusionModel } from "../domain/vocabulary";
import { CheckboxGroup, SelectField, TextareaField } from "./form-controls";
import { DraftFormButtons, FormErrorSummary, TextField } from "./forms";
import { Banner } from "./banner";
import { useDraftForm } from "./form-hooks";
import { FormSection } from "./form-section";

/** The detail asked of one route to adoption, shown while that route is chosen. */
function RouteDetails({ shown, heading, children }: { shown: boolean; heading: string; children: ReactNode }) {
  if (!shown) return null;
  return (
    <div className="mb-4 border-l-4 border-slate-300 pl-4">
      <h3 className="mb-2 font-semibold">{heading}</h3>
      {children}
    </div>
  );
}

/** An idea is classified by the public search's facets: the same choices, with the same labels. */
const facetOptions = Object.fromEntries(ideaFacetRegistry.map((entry) => [entry.field, [...entry.options]])) as Record<
  IdeaFacet,
  { value: string; label: string }[]
>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any>;

type SimilarIdea = { slug: string; title: string; summary: string };

function DuplicateWarning({ title, summary, exclude }: { title: string; summary: string; exclude?: string }) {
  const fetcher = useFetcher<{ ideas: SimilarIdea[] }>();
  const { load } = fetcher;
  useEffect(() => {
    if (title.trim().length < 4) return;
    const timer = setTimeout(() => {
      load(`/api/ideas/similar?${new URLSearchParams({ title, summary, ...(exclude ? { exclude } : {}) })}`);
    }, 400);
    return () => clearTimeout(timer);
  }, [title, summary, exclude, load]);
  const ideas = fetcher.data?.ideas ?? [];
  return (
    <div aria-live="polite" data-testid="similar-ideas">
      {ideas.length ? (
        <div className="mb-5 rounded border-l-4 border-sky-700 bg-sky-50 p-4">
          <h3 className="font-semibold">Similar ideas are already published</h3>
          <p className="text-sm">If yours is one of these, consider adding a case study to it instead, so support is not split.</p>
          <ul className="mt-2 list-disc pl-5">
            {ideas.map((idea) => (
              <li key={idea.slug}>
                <Link to={`/ideas/${idea.slug}`} target="_blank" className="link">
                  {idea.title}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}

export function IdeaForm({
  lastResult,
  defaultValue,
  slug,
  submitLabel,
  alwaysComplete = false,
  routesWithoutDetail = [],
}: {
  lastResult: SubmissionResult<string[]> | null | undefined;
  defaultValue?: Record<string, unknown>;
  slug?: string;
  submitLabel: string;
  /** An idea brokers have seen is checked in full on every save: there is no draft to keep. */
  alwaysComplete?: boolean;
  routesWithoutDetail?: DiffusionModel[];
}) {
  const [form, typedFields] = useDraftForm({
    id: "idea-form",
    lastResult,
    defaultValue,
    alwaysComplete,
    schemaFor: (complete) => ideaFormSchemaFor({ complete, routesWithoutDetail }),
  });
  const fields = typedFields as unknown as Record<string, AnyField>;
  const initialModels = ([] as string[]).concat((fields.diffusionModels.initialValue as string[] | string | undefined) ?? []);
  const [offered, setOffered] = useState<string[] | null>(null); // null until hydrated: show every section
  const [title, setTitle] = useState(String(fields.title.initialValue ?? ""));
  const [summary, setSummary] = useState(String(fields.summary.initialValue ?? ""));
  useEffect(() => setOffered(initialModels), []); // eslint-disable-line react-hooks/exhaustive-deps
  const shows = (model: string) => offered === null || offered.includes(model);

  return (
    <>
      <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
      {Object.values(fields).some((field) => field.errors?.length) ? (
        <Banner tone="error" className="mb-6 p-4">
          <h2 className="font-semibold">There is a problem: nothing was saved</h2>
          <p>Check the fields marked below.</p>
        </Banner>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormSection legend="About the idea">
          <div onInput={(event) => setTitle((event.target as HTMLInputElement).value)}>
            <TextField label="Title" field={fields.title} />
          </div>
          <div onInput={(event) => setSummary((event.target as HTMLTextAreaElement).value)}>
            <TextareaField label="Summary" hint="One paragraph: what it is and why it matters." field={fields.summary} rows={3} />
          </div>
          <DuplicateWarning title={title} summary={summary} exclude={slug} />
          <TextareaField label="The problem" hint="Markdown is allowed in the longer fields." field={fields.problem} />
          <TextareaField label="How it works" field={fields.solution} />
          <TextareaField label="Evidence" hint="What was measured, by whom, and what it showed. A broker sets the evidence level." field={fields.evidence} />
        </FormSection>
        <FormSection legend="Classification">
          <CheckboxGroup legend="Sectors" field={fields.sectors} options={facetOptions.sectors} />
          <CheckboxGroup legend="Typology (optional)" field={fields.typology} options={facetOptions.typology} />
          <SelectField label="Lifecycle phase (optional)" field={fields.lifecyclePhase} placeholder="Not stated" options={facetOptions.lifecyclePhase} />
          <TextField label="Tags (optional)" hint="Separated by commas, like: home visiting, early years" field={fields.tags} />
        </FormSection>
        <FormSection legend="How it can spread" hint="Choose every route you offer, then describe each one.">
          <CheckboxGroup legend="Diffusion models" field={fields.diffusionModels} columns={1} options={facetOptions.diffusionModels} onChange={setOffered} />
          <RouteDetails shown={shows("uncontrolled")} heading="Uncontrolled: free to copy">
            <TextField label="Licence" hint="For example CC BY 4.0" field={fields.uncontrolledLicence} />
            <TextareaField
              label="Replication pack"
              hint="What an adopter needs to copy it: guides, templates, training."
              field={fields.uncontrolledReplicationPack}
              rows={3}
            />
          </RouteDetails>
          <RouteDetails shown={shows("franchise")} heading="Franchise: licensing or federation">
            <TextareaField label="Fee model" hint="What adopters pay, and for what." field={fields.franchiseFeeModel} rows={2} />
            <TextareaField label="Core elements an adopter must keep" field={fields.franchiseCoreElements} rows={3} />
            <TextareaField label="What an adopter may adapt" field={fields.franchiseAdaptableElements} rows={3} />
            <TextField label="New adopters you can support a year" field={fields.franchiseAdoptersPerYear} />
          </RouteDetails>
          <RouteDetails shown={shows("takeover")} heading="Takeover: adopted wholesale">
            <CheckboxGroup legend="What transfers" field={fields.takeoverTransfers} options={facetOptions.takeoverTransfers} />
            <TextareaField label="Terms of transfer" field={fields.takeoverTerms} rows={3} />
          </RouteDetails>
          <RouteDetails shown={shows("growth")} heading="Growth: you expand to new places">
            <TextareaField label="Capacity to expand" field={fields.growthCapacity} rows={3} />
            <TextField label="Investment needed" field={fields.growthInvestmentNeeded} />
          </RouteDetails>
        </FormSection>
        <FormSection legend="Origin and costs">
          <TextField label="Organisation (optional)" field={fields.organisation} />
          <TextField label="Place of origin (optional)" field={fields.originLocality} />
          <TextField label="Country code (optional)" hint="Two letters, like GB" field={fields.originCountry} />
          <TextareaField label="Costs (optional)" field={fields.costs} rows={3} />
        </FormSection>
        <DraftFormButtons alwaysComplete={alwaysComplete} submitLabel={submitLabel} />
      </Form>
    </>
  );
}
