import { getFormProps, type SubmissionResult, type FieldMetadata } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { GeneralErrorBoundary } from "../../components/error-boundary";
import { Section } from "../../components/section";
import { useSchemaForm } from "../../components/form-hooks";
import { SubmitButton } from "../../components/submit-button";
import { OwnItemHeader, ownIdeas } from "../../components/own-items";
import { ownIdeaView } from "../../models/own-items.server";
import { caseStudyFields, type CaseStudyFields } from "../../domain/case-study-fields";
import { FormErrorSummary, TextField } from "../../components/forms";
import { RadioGroup, TextareaField } from "../../components/form-controls";
import { IdeaForm } from "../../components/idea-form";
import { Badge } from "../../components/tags";
import { caseStudyFormSchema, ideaFormSchemaFor, routesMissingDetail, type CaseStudyFormValues } from "../../domain/idea-form";
import { caseStudyStatuses, caseStudyStatusLabels, reviewStatusLabels, type DiffusionDetails, type DiffusionModel } from "../../domain/vocabulary";
import { parseItemId } from "../../domain/broker-queue";
import {
  addCaseStudy,
  formDefaultsForIdea,
  getOwnIdea,
  listOwnCaseStudies,
  resubmitCaseStudy,
  updateOwnIdea,
  type IdeaUpdateOutcome,
} from "../../models/idea-editor.server";
import { getExchange } from "../../utils/exchange.server";
import { requireOwnItem } from "../../utils/owner-pages.server";
import { NotAllowedError, NotFoundError } from "../../models/errors.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.idea.title ?? "Idea"}: edit | Innovation Exchange` }];

const ownIdea = { role: "innovator", get: getOwnIdea, notFound: "There is no idea at this address." } as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { item: idea } = await requireOwnItem(request, params, ownIdea);
  const caseStudies = listOwnCaseStudies(getExchange().db, idea.id);
  return json(
    {
      idea: { ...ownIdeaView(idea), status: idea.status },
      defaults: formDefaultsForIdea(idea),
      validation: ideaValidation(idea),
      caseStudies: caseStudies.map((study) => ({
        id: study.id,
        ...caseStudyFields(study),
        reviewStatus: study.reviewStatus,
        reviewReason: study.reviewReason,
      })),
    },
    { headers: { "Cache-Control": "private, no-store" } },
  );
}

/** How the form is checked: in full once brokers have seen the idea, sparing routes it went live without detail for. */
function ideaValidation(idea: { status: string; diffusionModels: DiffusionModel[]; diffusionDetails: DiffusionDetails }) {
  return {
    alwaysComplete: idea.status !== "draft",
    routesWithoutDetail: idea.status === "published" ? routesMissingDetail(idea.diffusionModels, idea.diffusionDetails) : [],
  };
}

const outcomeMessages: Record<IdeaUpdateOutcome | "draft", string> = {
  saved: "Your changes are saved.",
  draft: "Your draft is saved.",
  submitted: "Submitted for review. A broker will look at it within 5 working days.",
  "published-at-once": "Your changes are published.",
  "sent-for-review": "Saved. Changes to how it spreads or its evidence go to a broker before they are published; the idea stays live meanwhile.",
  unchanged: "Nothing had changed.",
};

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, item: idea } = await requireOwnItem(request, params, ownIdea);
  const slug = idea.slug;
  const formData = await request.formData();
  const intent = formData.get("intent");
  const { db, relay } = getExchange();
  try {
    if (intent === "add-case-study") {
      const submission = parseWithZod(formData, { schema: caseStudyFormSchema });
      if (submission.status !== "success") return json({ form: "case-study" as const, result: submission.reply(), message: null }, { status: 400 });
      const study = addCaseStudy(db, user.id, slug, submission.value);
      relay?.kick();
      return json({
        form: "case-study" as const,
        result: submission.reply({ resetForm: true }),
        message: study.reviewStatus === "submitted" ? "Case study sent to a broker for review." : "Case study added to your draft.",
      });
    }
    if (intent === "resubmit-case-study") {
      const caseStudyId = parseItemId(String(formData.get("caseStudyId") ?? ""));
      const submission = parseWithZod(formData, { schema: caseStudyFormSchema });
      if (submission.status !== "success" || caseStudyId === null) {
        return json(
          {
            form: "resubmit-case-study" as const,
            caseStudyId,
            result: submission.reply(caseStudyId === null ? { formErrors: ["That case study was not found."] } : undefined),
            message: null,
          },
          { status: 400 },
        );
      }
      try {
        resubmitCaseStudy(db, user.id, slug, caseStudyId, submission.value);
      } catch (error) {
        if (error instanceof NotFoundError || error instanceof NotAllowedError) {
          return json(
            { form: "resubmit-case-study" as const, caseStudyId, result: submission.reply({ formErrors: [error.message] }), message: null },
            { status: 409 },
          );
        }
        throw error;
      }
      relay?.kick();
      return json({
        form: "resubmit-case-study" as const,
        caseStudyId,
        result: submission.reply({ resetForm: true }),
        message: "Case study sent to a broker for review again.",
      });
    }
    const validation = ideaValidation(idea);
    const submission = parseWithZod(formData, {
      schema: ideaFormSchemaFor({ complete: validation.alwaysComplete || intent === "submit", routesWithoutDetail: validation.routesWithoutDetail }),
    });
    if (submission.status !== "success") return json({ form: "idea" as const, result: submission.reply(), message: null }, { status: 400 });
    const outcome = updateOwnIdea(db, user.id, slug, submission.value, intent === "submit");
    relay?.kick();
    return json({ form: "idea" as const, result: submission.reply(), message: outcomeMessages[outcome] });
  } catch (error) {
    if (error instanceof NotAllowedError) return json({ form: "idea" as const, result: null, message: error.message }, { status: 403 });
    throw error;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyField = FieldMetadata<any>;

/** A case study's fields; the add and resubmit forms share them (the resubmit form fills them from the study). */
function CaseStudyFields({ fields }: { fields: Record<keyof CaseStudyFormValues, AnyField> }) {
  return (
    <>
      <TextField label="Place" hint="The locality where it was tried" field={fields.locality} />
      <TextField label="Country code (optional)" field={fields.country} />
      <TextField label="Year (optional)" field={fields.year} />
      <RadioGroup legend="Status" field={fields.status} options={caseStudyStatuses.map((status) => ({ value: status, label: status }))} />
      <TextareaField label="Outcomes" field={fields.outcomes} rows={3} />
      <TextareaField label="Lessons, including what failed" field={fields.lessons} rows={3} />
    </>
  );
}

function CaseStudyForm({ lastResult }: { lastResult: SubmissionResult<string[]> | null | undefined }) {
  const [form, fields] = useSchemaForm(caseStudyFormSchema, { id: "case-study-form", lastResult });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 rounded border border-slate-300 p-4">
      <h3 className="mb-4 text-lg font-semibold">Add a case study</h3>
      <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
      <CaseStudyFields fields={fields} />
      <SubmitButton look="secondary" name="intent" value="add-case-study">
        Add case study
      </SubmitButton>
    </Form>
  );
}

type StudyDefaults = CaseStudyFields & { id: number };

/** Edit and resubmit a case study a broker sent back or rejected. */
function ResubmitCaseStudyForm({ study, lastResult }: { study: StudyDefaults; lastResult: SubmissionResult<string[]> | null | undefined }) {
  const [form, fields] = useSchemaForm(caseStudyFormSchema, {
    id: `resubmit-case-study-${study.id}`,
    lastResult,
    defaultValue: {
      locality: study.locality,
      country: study.country ?? "",
      year: study.year?.toString() ?? "",
      status: study.status,
      outcomes: study.outcomes ?? "",
      lessons: study.lessons ?? "",
    },
  });
  return (
    <details className="mt-2" open={!!lastResult?.error}>
      <summary className="cursor-pointer font-semibold link">Edit and resubmit this case study</summary>
      <Form method="post" {...getFormProps(form)} className="mt-2 rounded border border-slate-300 p-4">
        <FormErrorSummary id={form.errorId} errors={form.errors} formId={form.id} fieldErrors={form.allErrors} />
        <input type="hidden" name="caseStudyId" value={study.id} />
        <CaseStudyFields fields={fields} />
        <SubmitButton look="secondary" name="intent" value="resubmit-case-study">
          Resubmit for review
        </SubmitButton>
      </Form>
    </details>
  );
}

export default function EditIdea() {
  const { idea, defaults, validation, caseStudies } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const editable = idea.status !== "archived";
  return (
    <div className="max-w-3xl">
      <OwnItemHeader place={ownIdeas} publicPath={`/ideas/${idea.slug}`} item={idea} actionMessage={actionData?.message} savedMessages={outcomeMessages} />
      <div className="mt-8">
        {editable ? (
          <IdeaForm
            lastResult={actionData?.form === "idea" ? actionData.result : null}
            defaultValue={defaults}
            slug={idea.slug}
            alwaysComplete={validation.alwaysComplete}
            routesWithoutDetail={validation.routesWithoutDetail}
            submitLabel={idea.status !== "draft" ? "Save changes" : idea.reviewOutcome === "changes-requested" ? "Resubmit for review" : "Submit for review"}
          />
        ) : (
          <p className="rounded bg-slate-50 p-4">This idea can no longer be edited.</p>
        )}
      </div>
      <Section id="case-studies-heading" title="Case studies" className="mt-10">
        {caseStudies.length === 0 ? <p className="mt-2 text-slate-700">No case studies yet. Where has it been tried?</p> : null}
        <ul className="mt-2 space-y-2">
          {caseStudies.map((study) => (
            <li key={study.id} className="rounded border border-slate-200 p-3">
              <strong>{study.locality}</strong>
              {study.country ? `, ${study.country}` : ""}
              {study.year ? ` (${study.year})` : ""} · {caseStudyStatusLabels[study.status]} ·{" "}
              <Badge tone={study.reviewStatus === "published" ? "green" : study.reviewStatus === "submitted" ? "blue" : "amber"}>
                {reviewStatusLabels[study.reviewStatus]}
              </Badge>
              {study.reviewReason ? <p className="mt-1 text-sm">Broker’s reason: {study.reviewReason}</p> : null}
              {editable && (study.reviewStatus === "changes-requested" || study.reviewStatus === "rejected") ? (
                <ResubmitCaseStudyForm
                  study={study}
                  lastResult={
                    actionData?.form === "resubmit-case-study" && "caseStudyId" in actionData && actionData.caseStudyId === study.id ? actionData.result : null
                  }
                />
              ) : null}
            </li>
          ))}
        </ul>
        {editable ? <CaseStudyForm lastResult={actionData?.form === "case-study" ? actionData.result : null} /> : null}
      </Section>
    </div>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
