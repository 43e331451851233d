import { describe, expect, it } from "vitest";
import { buildCorpusStats } from "../../search/matching/corpus";
import { extractKeyTerms } from "../../search/matching/key-terms";
import { rulesOut, sentences, withoutRuledOut } from "../../search/matching/negation";
import { sectorFactor } from "../../search/matching/rank";
import { publicServiceSynonyms } from "../../search/synonyms";

describe("approaches a need rules out", () => {
  it("recognises statements of stance, not plain negation or contrast", () => {
    expect(rulesOut("Some councillors want to bring back prison visits to scare kids straight, which we are wary of.")).toBe(true);
    expect(rulesOut("We want neighbour-to-neighbour programmes, not another expensive contracted service.")).toBe(true);
    expect(rulesOut("We don't want another big-bang IT vendor contract.")).toBe(true);
    expect(rulesOut("Members have ruled out a congestion charge.")).toBe(true);
    expect(rulesOut("We are not asking for more electronic monitoring.")).toBe(true);
    // Plain negation describes the problem; contrast often names what is wanted.
    expect(rulesOut("They can't give up work to go to college.")).toBe(false);
    expect(rulesOut("Staff do things for people rather than helping them do things for themselves.")).toBe(false);
    expect(rulesOut("Officers act as a welfare service instead of policing.")).toBe(false);
    expect(rulesOut("Many detentions could be avoided.")).toBe(false);
  });

  it("splits prose into sentences and outcome lists into items", () => {
    expect(sentences("One. Two? Three; four\nfive")).toEqual(["One.", "Two?", "Three;", "four", "five"]);
  });

  it("drops only the sentences that rule an approach out", () => {
    expect(withoutRuledOut("Knife carrying is rising. Councillors want prison visits, which we are wary of. We want prevention.")).toBe(
      "Knife carrying is rising. We want prevention.",
    );
    expect(withoutRuledOut("")).toBe("");
  });

  it("keeps the rejected approach out of the need's key terms unless the need also seeks it", () => {
    const stats = buildCorpusStats([
      { fields: ["Scared Straight", "prison visits. deterrence", "Young people visit prisons to be deterred from offending."], sectors: ["criminal-justice"] },
      {
        fields: ["Violence Reduction Unit", "violence. prevention", "A public health approach to violence prevention among young people."],
        sectors: ["community-safety"],
      },
      { fields: ["Mentoring", "young people. prevention", "Mentors support young people at risk."], sectors: ["children-families"] },
    ]);
    const need = {
      title: "Teenagers carrying knives",
      problem: "Violence among young people is rising. Councillors want prison visits to scare them, which we are wary of.",
    };
    const queries = (options: { dropRuledOut?: boolean }) =>
      extractKeyTerms(need, stats, { synonyms: publicServiceSynonyms, ...options }).map((term) => term.query);
    expect(queries({})).not.toContain("prison");
    expect(queries({})).toContain("violence");
    expect(queries({ dropRuledOut: false })).toContain("prison");
  });
});

describe("out-of-sector factor", () => {
  it("stays at the factor for an ordinary text match and rises to 1 for the strongest", () => {
    expect(sectorFactor(0.5, 0.3, 0.6)).toBe(0.5);
    expect(sectorFactor(0.5, 0.6, 0.6)).toBe(0.5);
    expect(sectorFactor(0.5, 0.8, 0.6)).toBeCloseTo(0.75);
    expect(sectorFactor(0.5, 1, 0.6)).toBe(1);
    // A threshold of 1 switches the softening off.
    expect(sectorFactor(0.5, 1, 1)).toBe(0.5);
  });
});
