import { describe, expect, it } from "vitest";
import type { CaseStudyRow, IdeaRow, NeedRow } from "../../db/schema";
import { ideaToDocument, needToDocument } from "../../search/documents";

const updatedAt = new Date("2025-05-01T10:00:00.000Z");

const ideaRow = (overrides: Partial<IdeaRow> = {}): IdeaRow => ({
  id: 7,
  slug: "men-in-sheds",
  title: "Men in Sheds",
  summary: "Community workshops where older men make things together.",
  problem: "Loneliness among retired men",
  solution: "A shared workshop run by members",
  evidence: "Before-and-after wellbeing scores",
  evidenceLevel: 2,
  sectors: ["ageing", "mental-health"],
  typology: ["social"],
  diffusionModels: ["franchise", "uncontrolled"],
  lifecyclePhase: "embedding",
  originLocality: "Goolwa, South Australia",
  originCountry: "AU",
  organisation: "UK Men's Sheds Association",
  costs: "A building and tools",
  tags: ["loneliness", "woodwork"],
  diffusionDetails: { franchise: { feeModel: "Annual membership" } },
  evidenceJustification: null,
  status: "published",
  reviewOutcome: null,
  reviewReason: null,
  pendingChanges: null,
  submittedAt: null,
  ownerId: null,
  organisationId: null,
  publishedAt: updatedAt,
  createdAt: updatedAt,
  updatedAt,
  ...overrides,
});

const study = (overrides: Partial<CaseStudyRow>): CaseStudyRow => ({
  id: 1,
  ideaId: 7,
  position: 0,
  locality: "Hackney",
  country: "GB",
  matchId: null,
  year: 2013,
  status: "adopted",
  outcomes: null,
  lessons: null,
  reviewStatus: "published",
  reviewReason: null,
  submittedById: null,
  submittedAt: null,
  createdAt: updatedAt,
  ...overrides,
});

describe("ideaToDocument", () => {
  it("maps an idea row and its case studies to a search document", () => {
    const studies = [
      study({ id: 1, position: 0, locality: "Hackney", status: "adopted", outcomes: "40 members", lessons: "Needs a host" }),
      study({ id: 2, position: 1, locality: "Cardiff", status: "piloting", outcomes: null, lessons: "Funding ran out" }),
      study({ id: 3, position: 2, locality: "Belfast", status: "adopted", outcomes: "Fewer GP visits", lessons: null }),
      study({ id: 4, position: 3, locality: "Derry", status: "stopped" }),
    ];
    expect(ideaToDocument(ideaRow(), studies)).toEqual({
      id: 7,
      slug: "men-in-sheds",
      title: "Men in Sheds",
      summary: "Community workshops where older men make things together.",
      problem: "Loneliness among retired men",
      solution: "A shared workshop run by members",
      evidence: "Before-and-after wellbeing scores",
      evidenceLevel: 2,
      takeoverTransfers: [],
      sectors: ["ageing", "mental-health"],
      typology: ["social"],
      diffusionModels: ["franchise", "uncontrolled"],
      lifecyclePhase: "embedding",
      country: "AU",
      originLocality: "Goolwa, South Australia",
      organisation: "UK Men's Sheds Association",
      tags: ["loneliness", "woodwork"],
      caseStudyLocalities: ["Hackney", "Cardiff", "Belfast", "Derry"],
      caseStudyOutcomes: ["40 members", "Fewer GP visits"],
      caseStudyLessons: ["Needs a host", "Funding ran out"],
      adoptionCount: 2,
      status: "published",
      updatedAt: updatedAt.getTime(),
    });
  });

  it("keeps nulls for unknown fields and empty lists without case studies", () => {
    const document = ideaToDocument(ideaRow({ problem: null, evidenceLevel: null, lifecyclePhase: null, originCountry: null, status: "draft" }), []);
    expect(document).toMatchObject({
      problem: null,
      evidenceLevel: null,
      lifecyclePhase: null,
      country: null,
      caseStudyLocalities: [],
      caseStudyOutcomes: [],
      caseStudyLessons: [],
      adoptionCount: 0,
      status: "draft",
    });
  });

  it("leaves out case studies that are not published (awaiting review, rejected)", () => {
    const document = ideaToDocument(ideaRow(), [
      study({ id: 1, locality: "Hackney", status: "adopted", lessons: "Public lesson" }),
      study({ id: 2, locality: "Secretville", status: "adopted", lessons: "Unreviewed claim", reviewStatus: "submitted" }),
      study({ id: 3, locality: "Nopeton", status: "adopted", outcomes: "Rejected claim", reviewStatus: "rejected" }),
    ]);
    expect(document.caseStudyLocalities).toEqual(["Hackney"]);
    expect(document.caseStudyLessons).toEqual(["Public lesson"]);
    expect(document.caseStudyOutcomes).toEqual([]);
    expect(document.adoptionCount).toBe(1);
  });

  it("does not carry fields the index has no use for", () => {
    const document = ideaToDocument(ideaRow(), []);
    for (const key of ["costs", "ownerId", "organisationId", "publishedAt", "createdAt", "pendingChanges", "reviewReason"])
      expect(document).not.toHaveProperty(key);
  });

  it("produces JSON-safe documents (dates as epoch milliseconds)", () => {
    const document = ideaToDocument(ideaRow(), [study({})]);
    expect(JSON.parse(JSON.stringify(document))).toEqual(document);
    expect(typeof document.updatedAt).toBe("number");
  });
});

describe("needToDocument", () => {
  it("maps a need row to a search document", () => {
    const row: NeedRow = {
      id: 3,
      slug: "fewer-falls-at-home",
      title: "Fewer falls at home",
      problem: "Older residents fall and wait hours for help",
      outcomes: "Half as many admissions",
      sectors: ["ageing", "health"],
      locality: "Kirklees",
      country: "GB",
      budgetMin: 10000,
      budgetMax: 50000,
      fundingRoutes: ["small-grant"],
      diffusionModels: ["franchise"],
      deadline: "2027-03-31",
      whoIsAffected: "People over 75 living alone",
      lifecyclePhase: "latent",
      constraints: null,
      status: "open",
      reviewOutcome: null,
      reviewReason: null,
      submittedAt: null,
      ownerId: "user-1",
      organisationId: 4,
      createdAt: updatedAt,
      updatedAt,
    };
    expect(needToDocument(row)).toEqual({
      id: 3,
      slug: "fewer-falls-at-home",
      title: "Fewer falls at home",
      problem: "Older residents fall and wait hours for help",
      outcomes: "Half as many admissions",
      sectors: ["ageing", "health"],
      locality: "Kirklees",
      country: "GB",
      fundingRoutes: ["small-grant"],
      diffusionModels: ["franchise"],
      budgetMax: 50000,
      deadline: "2027-03-31",
      status: "open",
      updatedAt: updatedAt.getTime(),
    });
  });
});
