// A synthetic but plausible corpus of ideas in the exchange format, for the benchmark.
// Text comes from a word-bigram chain trained on the demo data (so word frequencies, word
// lengths and phrase structure look like real entries), with sector words mixed in so that
// filters and text correlate as they do in real data. Field lengths follow the demo data's
// medians with a longer tail; facet values follow skewed, plausible distributions.
// Everything is seeded: the same (seed, count) always gives the same corpus.
import fs from "node:fs";
import path from "node:path";
import type { IdeaFormat } from "../app/domain/exchange-format";
import { diffusionModels, lifecyclePhases, sectors, typologies, type Sector } from "../app/domain/vocabulary";

export type Random = () => number;

/** mulberry32: small, fast, seedable. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)];

function weighted<T>(random: Random, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll <= 0) return value;
  }
  return entries[entries.length - 1][0];
}

/** Log-normal word count around a median, clamped: most entries are short, a few are long. */
function wordCount(random: Random, median: number, min: number, max: number): number {
  const gaussian = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  return Math.max(min, Math.min(max, Math.round(median * Math.exp(0.55 * gaussian))));
}

/** k distinct values, the first ones more likely (Zipf-like ranks). */
function distinctSkewed<T>(random: Random, values: readonly T[], k: number, skew = 1): T[] {
  const weights = values.map((value, rank) => [value, 1 / (rank + 1) ** skew] as const);
  const chosen = new Set<T>();
  for (let guard = 0; chosen.size < Math.min(k, values.length) && guard < 100; guard++) chosen.add(weighted(random, weights));
  return [...chosen];
}

const sectorWords: Record<Sector, string[]> = {
  health: ["patients", "GP", "clinic", "nurses", "hospital", "primary care", "urgent care", "waiting lists"],
  "mental-health": ["mental health", "wellbeing", "anxiety", "depression", "crisis support", "talking therapy"],
  "social-care": ["social care", "carers", "home care", "care homes", "personal budgets", "reablement"],
  ageing: ["older people", "loneliness", "dementia", "isolation", "retirement", "befriending"],
  "children-families": ["families", "children", "young parents", "home visiting", "early years", "foster care"],
  education: ["schools", "pupils", "teachers", "literacy", "attainment", "adult learning"],
  "employment-skills": ["jobs", "apprenticeships", "employment", "skills", "young people", "welfare to work"],
  housing: ["housing", "tenants", "homelessness", "rough sleeping", "social housing", "landlords"],
  "community-safety": ["antisocial behaviour", "police", "neighbourhood safety", "street lighting", "victims"],
  "criminal-justice": ["reoffending", "prison", "probation", "courts", "restorative justice", "offenders"],
  "environment-climate": ["carbon", "energy", "recycling", "retrofit", "climate", "green spaces"],
  transport: ["transport", "buses", "cycling", "community transport", "travel", "road safety"],
  "local-economy": ["local economy", "procurement", "social enterprise", "high street", "small business"],
  "community-neighbourhoods": ["volunteers", "community centre", "residents", "neighbourhood", "participatory budgeting"],
  "digital-data": ["digital", "open data", "online service", "app", "data sharing", "telephone triage"],
  "public-health": ["public health", "smoking", "obesity", "vaccination", "screening", "healthy eating"],
};

const tagPool = [
  ...new Set([
    ...Object.values(sectorWords).flat(),
    "prevention",
    "peer-led",
    "co-production",
    "early intervention",
    "payment by results",
    "asset-based",
    "pop-up",
    "social value",
    "community anchor",
    "design thinking",
    "self-management",
    "replication",
    "fidelity",
    "strengths-based",
    "innovation lab",
    "time banking",
    "mentoring",
    "outreach",
    "social prescribing",
    "micro-enterprise",
    "citizen science",
    "user research",
    "shared services",
    "open source",
    "volunteering",
  ]),
];

const placeStarts = [
  "Ash",
  "Brad",
  "Chester",
  "Dun",
  "Elm",
  "Fair",
  "Glen",
  "Hart",
  "Ing",
  "Kings",
  "Lang",
  "Mar",
  "North",
  "Oak",
  "Pen",
  "Ravens",
  "Stan",
  "Thorn",
  "Upper",
  "Wester",
  "Bright",
  "Cold",
  "Deer",
  "East",
  "Gold",
];
const placeEnds = ["ford", "ton", "ham", "bury", "by", "wick", "field", "ley", "mouth", "stead", "bridge", "worth", "combe", "port", "dale"];
const regions = [
  "Lancashire",
  "Yorkshire",
  "Kent",
  "Devon",
  "Cumbria",
  "Essex",
  "Norfolk",
  "Fife",
  "Gwynedd",
  "Antrim",
  "Surrey",
  "Durham",
  "Cornwall",
  "Somerset",
];
const countries = [
  ["GB", 70],
  ["US", 8],
  ["AU", 4],
  ["NL", 3],
  ["DK", 3],
  ["FI", 2],
  ["NZ", 2],
  ["CA", 2],
  ["DE", 2],
  ["FR", 1],
  ["SE", 1],
  ["BR", 1],
  ["IT", 1],
] as const;
const orgKinds = [
  "Council",
  "Trust",
  "Foundation",
  "Partnership",
  "Community Interest Company",
  "Housing Association",
  "Clinical Commissioning Group",
  "Police",
  "Network",
  "Co-operative",
];

type Chain = { starts: string[]; next: Map<string, string[]> };

function trainChain(texts: string[]): Chain {
  const starts: string[] = [];
  const next = new Map<string, string[]>();
  for (const text of texts) {
    for (const sentence of text.split(/(?<=[.!?])\s+/)) {
      const words = sentence.split(/\s+/).filter(Boolean);
      if (words.length < 3) continue;
      starts.push(words[0]);
      for (let i = 0; i < words.length - 1; i++) {
        const list = next.get(words[i]) ?? [];
        list.push(words[i + 1]);
        next.set(words[i], list);
      }
    }
  }
  return { starts, next };
}

function demoTexts(): string[] {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.resolve("db/demo", file), "utf8")) as Record<string, unknown>[];
  const texts: string[] = [];
  const collect = (value: unknown) => {
    if (typeof value === "string" && value.includes(" ")) texts.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === "object") Object.values(value).forEach(collect);
  };
  collect(read("ideas.json"));
  collect(read("needs.json"));
  return texts;
}

export class CorpusGenerator {
  private readonly chain: Chain;
  private readonly random: Random;

  constructor(seed: number) {
    this.chain = trainChain(demoTexts());
    this.random = seededRandom(seed);
  }

  /** Prose of about `words` words, sentence by sentence, with the sectors' words mixed in. */
  private prose(words: number, topics: string[]): string {
    const out: string[] = [];
    while (out.length < words) {
      let word = pick(this.random, this.chain.starts);
      for (let length = 0; length < 40; length++) {
        out.push(word);
        if (/[.!?]$/.test(word) || out.length >= words + 8) break;
        if (topics.length && this.random() < 0.06) out.push(pick(this.random, topics));
        const followers = this.chain.next.get(word);
        if (!followers) break;
        word = pick(this.random, followers);
      }
      if (!/[.!?]$/.test(out[out.length - 1])) out[out.length - 1] = `${out[out.length - 1].replace(/[,;:]$/, "")}.`;
    }
    return out.join(" ");
  }

  private title(topics: string[]): string {
    const words = this.prose(wordCount(this.random, 6, 2, 12), topics)
      .replace(/[.!?]+/g, "")
      .split(" ");
    const title = words.slice(0, Math.max(2, Math.min(12, words.length))).join(" ");
    return (title.charAt(0).toUpperCase() + title.slice(1)).slice(0, 180);
  }

  private place(): string {
    return `${pick(this.random, placeStarts)}${pick(this.random, placeEnds)}, ${pick(this.random, regions)}`;
  }

  idea(index: number, slugPrefix: string): IdeaFormat {
    const random = this.random;
    const ideaSectors = distinctSkewed(
      random,
      sectors,
      weighted(random, [
        [1, 45],
        [2, 40],
        [3, 15],
      ] as const),
      0.7,
    ) as Sector[];
    const topics = ideaSectors.flatMap((sector) => sectorWords[sector]);
    const maybe = (probability: number, make: () => string) => (random() < probability ? make() : undefined);
    const caseStudyCount = weighted(random, [
      [0, 20],
      [1, 35],
      [2, 25],
      [3, 10],
      [4, 6],
      [6, 3],
      [10, 1],
    ] as const);
    const item: IdeaFormat = {
      slug: `${slugPrefix}-${index.toString(36)}`,
      title: this.title(topics),
      summary: this.prose(wordCount(random, 54, 15, 250), topics).slice(0, 2000),
      problem: maybe(0.85, () => this.prose(wordCount(random, 25, 8, 300), topics)),
      solution: maybe(0.9, () => this.prose(wordCount(random, 35, 8, 500), topics)),
      evidence: maybe(0.7, () => this.prose(wordCount(random, 25, 8, 300), topics)),
      evidenceLevel:
        random() < 0.9
          ? weighted(random, [
              [1, 35],
              [2, 30],
              [3, 20],
              [4, 10],
              [5, 5],
            ] as const)
          : undefined,
      sectors: ideaSectors,
      typology: distinctSkewed(
        random,
        typologies,
        weighted(random, [
          [0, 10],
          [1, 55],
          [2, 35],
        ] as const),
        0.5,
      ),
      diffusionModels: distinctSkewed(
        random,
        diffusionModels,
        weighted(random, [
          [1, 70],
          [2, 25],
          [3, 5],
        ] as const),
        0.8,
      ),
      lifecyclePhase:
        random() < 0.9
          ? weighted(
              random,
              lifecyclePhases.map((phase, rank) => [phase, [5, 20, 35, 25, 15][rank]] as const),
            )
          : undefined,
      origin: random() < 0.85 ? { locality: this.place(), country: weighted(random, countries) } : undefined,
      organisation: maybe(0.8, () => `${pick(random, placeStarts)}${pick(random, placeEnds)} ${pick(random, orgKinds)}`),
      costs: maybe(0.5, () => this.prose(wordCount(random, 13, 5, 80), [])),
      tags: distinctSkewed(
        random,
        tagPool,
        weighted(random, [
          [0, 10],
          [2, 30],
          [3, 40],
          [5, 15],
          [8, 5],
        ] as const),
        0.6,
      ),
      caseStudies: Array.from({ length: caseStudyCount }, () => ({
        locality: this.place(),
        country: weighted(random, countries),
        year: 1998 + Math.floor(random() * 28),
        status: weighted(random, [
          ["adopted", 50],
          ["piloting", 35],
          ["stopped", 15],
        ] as const),
        outcomes: maybe(0.9, () => this.prose(wordCount(random, 15, 5, 120), topics)),
        lessons: maybe(0.8, () => this.prose(wordCount(random, 15, 5, 120), topics)),
      })),
    };
    return item;
  }

  ideas(count: number, slugPrefix: string): IdeaFormat[] {
    return Array.from({ length: count }, (_, index) => this.idea(index, slugPrefix));
  }
}

/** Writes `count` generated ideas as a JSON array, one at a time (100,000 ideas are ~230 MB). */
export function writeIdeasFile(file: string, count: number, make: (index: number) => IdeaFormat): number {
  const fd = fs.openSync(file, "w");
  try {
    fs.writeSync(fd, "[\n");
    for (let index = 0; index < count; index++) fs.writeSync(fd, `${index ? ",\n" : ""}${JSON.stringify(make(index))}`);
    fs.writeSync(fd, "\n]\n");
  } finally {
    fs.closeSync(fd);
  }
  return fs.statSync(file).size;
}
