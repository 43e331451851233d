// The broker's item page's screen model: a queue item of any type (idea, need, case study,
// outcome update) as headings, facts, pending changes and its case studies, in words. Pure.
import type { ReviewItem } from "../models/review.server";
import { formatDate } from "./broker-queue";
import { outcomeMilestoneLabel } from "./living-case-studies";
import { budgetText, deadlineText } from "./need-display";
import { diffusionDetailRows, fieldLabel, formatFieldValue, pendingChangeRows, type DetailRow, type FieldChange } from "./review-display";
import { ideaReviewKindLabel } from "./review-workflow";
import {
  caseStudyStatusLabels,
  fundingRouteLabels,
  ideaStatusLabels,
  needStatusLabels,
  reviewStatusLabels,
  type FundingRoute,
  type ReviewOutcome,
} from "./vocabulary";
export type Fact = { label: string; value: string; long?: boolean };

export type ReviewItemView = {
  heading: string;
  subheading: string;
  status: string;
  lastReason: string | null;
  submitter: string | null;
  submittedAt: Date | null;
  publicLink: string | null;
  facts: Fact[];
  detailRows: DetailRow[];
  pendingChanges: FieldChange[];
  caseStudies: {
    id: number;
    heading: string;
    status: string;
    reviewStatus: string;
    reviewStatusLabel: string;
    outcomes: string | null;
    lessons: string | null;
  }[];
  parentIdea: { title: string; link: string } | null;
  evidenceDefaults: { evidenceLevel: string; evidenceJustification: string } | null;
};

/** An idea's or need's status with the broker's last decision on it, in words. */
function statusWithLastDecision(statusLabel: string, lastDecision: ReviewOutcome | null) {
  return `${statusLabel}${lastDecision ? ` (last decision: ${reviewStatusLabels[lastDecision].toLowerCase()})` : ""}`;
}

const parentIdeaOf = (idea: { title: string; slug: string } | undefined) => (idea ? { title: idea.title, link: `/ideas/${idea.slug}` } : null);

const contactText = (person: { name: string; email: string } | null | undefined) => (person ? `${person.name} (${person.email})` : null);

/** What only ideas have: an item of another type shows none of it. */
const noIdeaParts = { detailRows: [], pendingChanges: [], caseStudies: [], evidenceDefaults: null } satisfies Partial<ReviewItemView>;

/** A queue item as the broker's item page shows it, whatever its type. */
export function reviewItemView(item: ReviewItem): ReviewItemView {
  if (item.itemType === "idea") {
    const { idea } = item;
    const facts: Fact[] = (
      [
        "summary",
        "problem",
        "solution",
        "evidence",
        "evidenceLevel",
        "evidenceJustification",
        "sectors",
        "typology",
        "diffusionModels",
        "lifecyclePhase",
        "originLocality",
        "originCountry",
        "organisation",
        "costs",
        "tags",
      ] as const
    ).map((field) => ({
      label: fieldLabel(field),
      value: formatFieldValue(field, idea[field]),
      long: ["summary", "problem", "solution", "evidence", "costs"].includes(field),
    }));
    const pending = (idea.pendingChanges ?? null) as Record<string, unknown> | null;
    return {
      heading: idea.title,
      subheading: ideaReviewKindLabel(idea.status),
      status: statusWithLastDecision(ideaStatusLabels[idea.status], idea.reviewOutcome),
      lastReason: idea.reviewReason,
      submitter: contactText(item.owner),
      submittedAt: idea.submittedAt,
      publicLink: idea.status === "published" ? `/ideas/${idea.slug}` : null,
      facts,
      detailRows: diffusionDetailRows(idea.diffusionDetails),
      pendingChanges: pendingChangeRows(idea as unknown as Record<string, unknown>, pending),
      caseStudies: item.caseStudies.map((study) => ({
        id: study.id,
        heading: [study.locality, study.country].filter(Boolean).join(", ") + (study.year ? ` (${study.year})` : ""),
        status: caseStudyStatusLabels[study.status],
        reviewStatus: study.reviewStatus,
        reviewStatusLabel: reviewStatusLabels[study.reviewStatus].toLowerCase(),
        outcomes: study.outcomes,
        lessons: study.lessons,
      })),
      parentIdea: null,
      evidenceDefaults: {
        evidenceLevel: String((pending?.evidenceLevel as number | undefined) ?? idea.evidenceLevel ?? ""),
        evidenceJustification: idea.evidenceJustification ?? "",
      },
    };
  }
  if (item.itemType === "need") {
    const { need } = item;
    const facts: Fact[] = [
      { label: "The problem", value: need.problem, long: true },
      { label: "What success looks like", value: need.outcomes ?? "(none)", long: true },
      { label: "Sectors", value: formatFieldValue("sectors", need.sectors) },
      { label: "Place", value: [need.locality, need.country].filter(Boolean).join(", ") || "(none)" },
      { label: "Budget", value: budgetText(need.budgetMin, need.budgetMax) ?? "(none)" },
      { label: "Funding routes", value: need.fundingRoutes.map((route) => fundingRouteLabels[route as FundingRoute] ?? route).join(", ") || "(none)" },
      { label: "Diffusion models accepted", value: formatFieldValue("diffusionModels", need.diffusionModels) },
      { label: "Deadline", value: deadlineText(need.deadline) ?? "(none)" },
    ];
    return {
      heading: need.title,
      subheading: "New need",
      status: statusWithLastDecision(needStatusLabels[need.status], need.reviewOutcome),
      lastReason: need.reviewReason,
      submitter: contactText(item.owner),
      submittedAt: need.submittedAt,
      publicLink: need.status === "open" ? `/needs/${need.slug}` : null,
      facts,
      parentIdea: null,
      ...noIdeaParts,
    };
  }
  if (item.itemType === "outcome-update") {
    const { update, caseStudy } = item;
    const place = [caseStudy.locality, caseStudy.country].filter(Boolean).join(", ");
    const facts: Fact[] = [
      { label: "Case study", value: `${place}${caseStudy.year ? ` (${caseStudy.year})` : ""}, ${caseStudy.status}` },
      {
        label: "Case study review",
        value:
          caseStudy.reviewStatus === "published"
            ? "Published"
            : `${caseStudy.reviewStatus}: this update shows on the idea's page only once the case study itself is published`,
      },
      { label: "Milestone", value: outcomeMilestoneLabel(update.monthsAfterAdoption) },
      { label: "Outcomes reported", value: update.outcomes, long: true },
      { label: "The case study's outcomes", value: caseStudy.outcomes ?? "(none yet)", long: true },
      ...item.others.map((other) => ({
        label: `Other update: ${outcomeMilestoneLabel(other.monthsAfterAdoption).toLowerCase()} (${other.reviewStatus}${other.submittedAt ? `, ${formatDate(other.submittedAt)}` : ""})`,
        value: other.outcomes,
        long: true,
      })),
    ];
    return {
      heading: `Outcome update: ${caseStudy.locality}`,
      subheading: item.idea ? `${outcomeMilestoneLabel(update.monthsAfterAdoption)}: “${item.idea.title}”` : outcomeMilestoneLabel(update.monthsAfterAdoption),
      status: update.reviewStatus,
      lastReason: update.reviewReason,
      submitter: contactText(item.submitter),
      submittedAt: update.submittedAt,
      publicLink:
        update.reviewStatus === "published" && caseStudy.reviewStatus === "published" && item.idea?.status === "published"
          ? `/ideas/${item.idea.slug}#case-studies`
          : null,
      facts,
      parentIdea: parentIdeaOf(item.idea),
      ...noIdeaParts,
    };
  }
  const study = item.caseStudy;
  const facts: Fact[] = [
    { label: "Place", value: [study.locality, study.country].filter(Boolean).join(", ") },
    { label: "Year", value: study.year ? String(study.year) : "(none)" },
    { label: "Status", value: caseStudyStatusLabels[study.status] },
    { label: "Outcomes", value: study.outcomes ?? "(none)", long: true },
    { label: "Lessons (including what failed)", value: study.lessons ?? "(none)", long: true },
  ];
  return {
    heading: `Case study: ${study.locality}`,
    subheading: item.idea ? `A case study of “${item.idea.title}”` : "Case study",
    status: study.reviewStatus,
    lastReason: study.reviewReason,
    submitter: contactText(item.submitter),
    submittedAt: study.submittedAt,
    publicLink: null,
    facts,
    parentIdea: parentIdeaOf(item.idea),
    ...noIdeaParts,
  };
}
