// Controlled vocabularies of the exchange (shared/DOMAIN.md). Keys are used verbatim
// in the schema, the exchange format, the search index and the UI.

export const diffusionModels = ["uncontrolled", "franchise", "takeover", "growth"] as const;
export type DiffusionModel = (typeof diffusionModels)[number];
export const diffusionModelLabels: Record<DiffusionModel, string> = {
  uncontrolled: "Uncontrolled (free to copy)",
  franchise: "Franchise (licensing, federation)",
  takeover: "Takeover (adopted wholesale)",
  growth: "Growth (owner expands)",
};

export const lifecyclePhases = ["latent", "discovery", "mobilisation", "mainstream", "embedding"] as const;
export type LifecyclePhase = (typeof lifecyclePhases)[number];
export const lifecyclePhaseLabels: Record<LifecyclePhase, string> = {
  latent: "Latent",
  discovery: "Discovery",
  mobilisation: "Mobilisation",
  mainstream: "Mainstream",
  embedding: "Embedding",
};

export const typologies = ["service", "delivery", "organisational", "conceptual", "social"] as const;
export type Typology = (typeof typologies)[number];
export const typologyLabels: Record<Typology, string> = {
  service: "Service",
  delivery: "Delivery",
  organisational: "Organisational",
  conceptual: "Conceptual",
  social: "Social",
};

export const evidenceLevels = [1, 2, 3, 4, 5] as const;
export type EvidenceLevel = (typeof evidenceLevels)[number];
export const evidenceLevelLabels: Record<EvidenceLevel, string> = {
  1: "1: clear account of what it does",
  2: "2: data showing change",
  3: "3: evidence it caused the change",
  4: "4: independent replicated evaluation",
  5: "5: manuals and systems for scale",
};

export const fundingRoutes = ["small-grant", "experimental-zone", "parallel-pilots", "social-venture-fund", "procurement", "invest-to-save"] as const;
export type FundingRoute = (typeof fundingRoutes)[number];
export const fundingRouteLabels: Record<FundingRoute, string> = {
  "small-grant": "Small grant",
  "experimental-zone": "Experimental zone",
  "parallel-pilots": "Parallel pilots",
  "social-venture-fund": "Social venture fund",
  procurement: "Procurement",
  "invest-to-save": "Invest to save",
};

export const sectors = [
  "health",
  "mental-health",
  "social-care",
  "ageing",
  "children-families",
  "education",
  "employment-skills",
  "housing",
  "community-safety",
  "criminal-justice",
  "environment-climate",
  "transport",
  "local-economy",
  "community-neighbourhoods",
  "digital-data",
  "public-health",
] as const;
export type Sector = (typeof sectors)[number];
export const sectorLabels: Record<Sector, string> = {
  health: "Health",
  "mental-health": "Mental health",
  "social-care": "Social care",
  ageing: "Ageing",
  "children-families": "Children and families",
  education: "Education",
  "employment-skills": "Employment and skills",
  housing: "Housing",
  "community-safety": "Community safety",
  "criminal-justice": "Criminal justice",
  "environment-climate": "Environment and climate",
  transport: "Transport",
  "local-economy": "Local economy",
  "community-neighbourhoods": "Community and neighbourhoods",
  "digital-data": "Digital and data",
  "public-health": "Public health",
};

export const matchStatuses = ["suggested", "shortlisted", "introduced", "piloting", "adopted", "declined"] as const;
export type MatchStatus = (typeof matchStatuses)[number];
export const matchStatusLabels: Record<MatchStatus, string> = {
  suggested: "Suggested",
  shortlisted: "Shortlisted",
  introduced: "Introduced",
  piloting: "Piloting",
  adopted: "Adopted",
  declined: "Declined",
};

/** Who put a match forward: the matching engine or a person in one of these roles. */
export const matchSources = ["engine", "broker", "commissioner", "innovator"] as const;
export type MatchSource = (typeof matchSources)[number];

export const caseStudyStatuses = ["piloting", "adopted", "stopped"] as const;
export type CaseStudyStatus = (typeof caseStudyStatuses)[number];
export const caseStudyStatusLabels: Record<CaseStudyStatus, string> = { piloting: "Piloting", adopted: "Adopted", stopped: "Stopped" };

export const ideaStatuses = ["draft", "submitted", "published", "archived"] as const;
export type IdeaStatus = (typeof ideaStatuses)[number];
export const ideaStatusLabels: Record<IdeaStatus, string> = { draft: "Draft", submitted: "Waiting for review", published: "Published", archived: "Archived" };

export const needStatuses = ["draft", "submitted", "open", "closed"] as const;
export type NeedStatus = (typeof needStatuses)[number];
export const needStatusLabels: Record<NeedStatus, string> = { draft: "Draft", submitted: "Waiting for a broker", open: "Open", closed: "Closed" };

export const roles = ["innovator", "commissioner", "broker", "admin"] as const;
export type Role = (typeof roles)[number];
/** Roles a person may choose when signing up; brokers and admins are appointed. */
export const selfServiceRoles = ["innovator", "commissioner"] as const satisfies readonly Role[];

export const reviewOutcomes = ["published", "changes-requested", "rejected"] as const;
export type ReviewOutcome = (typeof reviewOutcomes)[number];
/** Where a submission (a case study, an outcome update, a decision on an idea or need) stands in review, in words. */
export const reviewStatusLabels: Record<"submitted" | ReviewOutcome, string> = {
  submitted: "Waiting for a broker",
  published: "Published",
  "changes-requested": "Changes requested",
  rejected: "Rejected",
};

/** What a broker review queue holds. */
export const reviewItemTypes = ["idea", "need", "case-study", "outcome-update"] as const;
export type ReviewItemType = (typeof reviewItemTypes)[number];
/** What the audit log and brokers' notes can be about: queue items, and matches. */
export const auditItemTypes = [...reviewItemTypes, "match"] as const;
export type AuditItemType = (typeof auditItemTypes)[number];

/** A clarification question on a need: waiting for the commissioner, answered (public), or hidden by a broker. */
export const needQuestionStatuses = ["open", "answered", "hidden"] as const;
export type NeedQuestionStatus = (typeof needQuestionStatuses)[number];

export const notificationPreferences = ["immediately", "daily", "off"] as const;
export type NotificationPreference = (typeof notificationPreferences)[number];

/** What can transfer when an existing organisation takes an idea over wholesale. */
export const takeoverTransfers = ["staff", "assets", "data", "intellectual-property"] as const;
export type TakeoverTransfer = (typeof takeoverTransfers)[number];

/** Route-specific detail for each diffusion model an idea offers (issue: innovators). */
export type DiffusionDetails = {
  uncontrolled?: { licence?: string; replicationPack?: string };
  franchise?: { feeModel?: string; coreElements?: string; adaptableElements?: string; adoptersPerYear?: number };
  takeover?: { transfers?: TakeoverTransfer[]; terms?: string };
  growth?: { capacity?: string; investmentNeeded?: string };
};
