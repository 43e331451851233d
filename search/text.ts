// Tokenising, stopwords, British/American spelling and public-service abbreviations: the
// text handling shared by key-term extraction and the corpus statistics. The tokeniser
// splits where Meilisearch's does (spaces, punctuation, hyphens, apostrophes), so a word
// counted here is a word Meilisearch counts against its 10-word query limit.

/** Lower-cased words with diacritics removed; a possessive 's is dropped. */
export function tokenize(text: string): string[] {
  return normalize(text)
    .replace(/['’]s\b/g, "")
    .split(/[^a-z0-9&]+/)
    .flatMap((token) => (token.includes("&") && token !== "a&e" ? token.split("&") : [token]))
    .filter(Boolean);
}

export function normalize(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ø/g, "o")
    .toLowerCase();
}

/**
 * Splits text into runs of words that may form a phrase: sentence punctuation, brackets and
 * stopwords end a run (a hyphen does not: "night-time economy" is one run).
 */
export function phraseRuns(text: string): string[][] {
  const runs: string[][] = [];
  for (const chunk of normalize(text).split(/[.,;:!?()[\]{}"“”/…–—]+|\s-\s/)) {
    let run: string[] = [];
    for (const token of tokenize(chunk)) {
      if (isStopword(token) || /\d/.test(token)) {
        if (run.length) runs.push(run);
        run = [];
      } else {
        run.push(token);
      }
    }
    if (run.length) runs.push(run);
  }
  return runs;
}

// English function words plus the filler of commissioners' prose ("we want", "our area",
// "tell us"): words that say nothing about which idea fits.
const stopwords = new Set(
  `a about above across after again against all almost along already also although always am among an and another any anyone
  anything are around as at away back be became because become becomes been before being below between both but by can
  cannot could did do does doing done down during each either else enough especially etc even ever every everyone
  everything few for from further get gets getting give given go goes going gone got had has have having he her here hers
  herself him himself his how however i if in into is it its itself just keep keeps kept know known least less let lot lots
  made make makes making many may me might more most mostly much must my myself near need needed needs neither never no nor
  not nothing now of off often on once one only or other others otherwise our ours ourselves out over own per perhaps put
  quite rather really said same say says see seem seems seen several shall she should since so some someone something
  sometimes still such take takes taking than that the their theirs them themselves then there these they thing things this
  those though through throughout thus to together too toward towards try trying under until up upon us use used using very
  via want wanted wants was way ways we well were what whatever when where whether which while who whole whom whose why will
  with within without would yet you your yours yourself
  ago already anyway able like likely unlikely tell told telling think thought feel felt ask asked asking seems keen happy
  currently recently especially particularly simply actually basically really just etc e.g. eg ie i.e. around approximately
  year years month months week weeks new third last next per cent percent
  dont doesnt didnt wont cant isnt arent havent hasnt shouldnt wouldnt couldnt theyre were weve ive im youre thats theres`.split(/\s+/),
);

export function isStopword(token: string): boolean {
  return token.length < 2 || stopwords.has(token);
}

// Whole-word British/American pairs that the suffix rules below do not produce.
const spellingPairs: [string, string][] = [
  ["ageing", "aging"],
  ["paediatric", "pediatric"],
  ["paediatrics", "pediatrics"],
  ["anaemia", "anemia"],
  ["programme", "program"],
  ["programmes", "programs"],
  ["enrol", "enroll"],
  ["enrolment", "enrollment"],
  ["fulfil", "fulfill"],
  ["licence", "license"],
  ["defence", "defense"],
  ["offence", "offense"],
  ["offences", "offenses"],
  ["practise", "practice"],
  ["mould", "mold"],
  ["kerb", "curb"],
  ["tyre", "tire"],
  ["cheque", "check"],
  ["grey", "gray"],
  ["sceptical", "skeptical"],
  ["manoeuvre", "maneuver"],
  ["oestrogen", "estrogen"],
  ["foetal", "fetal"],
  ["diarrhoea", "diarrhea"],
  ["judgement", "judgment"],
  ["acknowledgement", "acknowledgment"],
  ["towards", "toward"],
  ["storey", "story"],
  ["mum", "mom"],
  ["mums", "moms"],
];

const britishOf = new Map<string, string>();
const americanOf = new Map<string, string>();
for (const [british, american] of spellingPairs) {
  britishOf.set(american, british);
  americanOf.set(british, american);
}

// Suffix rules, each written British -> American, with the stems they hold for (the -our,
// -tre and -ll rules would otherwise turn "doctor" into "doctour" or "water" into "watre").
type SuffixRule = { british: RegExp; toAmerican: string; american: RegExp; toBritish: string; stems?: RegExp };
const suffixRules: SuffixRule[] = [
  { british: /isation(s?)$/, toAmerican: "ization$1", american: /ization(s?)$/, toBritish: "isation$1" },
  { british: /is(e|ed|es|ing|er|ers)$/, toAmerican: "iz$1", american: /iz(e|ed|es|ing|er|ers)$/, toBritish: "is$1" },
  { british: /yse(d|s)?$/, toAmerican: "yze$1", american: /yze(d|s)?$/, toBritish: "yse$1" },
  {
    british: /our(s|ed|ing|hood|hoods|ly|able|ite|ites|al)?$/,
    toAmerican: "or$1",
    american: /or(s|ed|ing|hood|hoods|ly|able|ite|ites|al)?$/,
    toBritish: "our$1",
    stems: /^(behavi|neighb|lab|col|fav|hon|harb|hum|rum|vig|vap|sav|flav|endeav|odo|armo|parl|cand|clam|glam|rig|splend|tum|val)/,
  },
  { british: /tre(s)?$/, toAmerican: "ter$1", american: /ter(s)?$/, toBritish: "tre$1", stems: /^(cen|thea|lit|fib|calib|sab|spec|mea|lus)/ },
  { british: /ogue(s)?$/, toAmerican: "og$1", american: /og(s)?$/, toBritish: "ogue$1", stems: /^(catal|dial|anal|monol|prol|epil)/ },
  {
    british: /ll(ed|ing|er|ers)$/,
    toAmerican: "l$1",
    american: /([^l])l(ed|ing|er|ers)$/,
    toBritish: "$1ll$2",
    stems: /^(travel|counsel|model|label|cancel|signal|fuel|marshal|channel|level|total|dial|equal|pedal)/,
  },
];

/** Spelling variants of a word (British and American), not including the word itself. */
export function spellingVariants(word: string): string[] {
  const variants = new Set<string>();
  const whole = britishOf.get(word) ?? americanOf.get(word);
  if (whole) variants.add(whole);
  if (word.length >= 5) {
    for (const rule of suffixRules) {
      if (rule.stems && !rule.stems.test(word)) continue;
      if (rule.british.test(word)) variants.add(word.replace(rule.british, rule.toAmerican));
      if (rule.american.test(word)) variants.add(word.replace(rule.american, rule.toBritish));
    }
  }
  variants.delete(word);
  return [...variants];
}

/**
 * Public-service abbreviations, expanded to the words ideas are written in. They are only
 * expanded when written in capitals (or with digits, as s136), so "Ed" or "er" in prose stay
 * as they are.
 */
export const abbreviations: Record<string, string> = {
  "a&e": "emergency department",
  ed: "emergency department",
  er: "emergency department",
  asb: "antisocial behaviour",
  nte: "night-time economy",
  s136: "section 136",
  cmht: "community mental health team",
  cmhts: "community mental health teams",
  camhs: "child mental health services",
  smi: "severe mental illness",
  eip: "early intervention psychosis",
  neet: "not in education employment training",
  lac: "looked after children",
  cla: "children looked after",
  dv: "domestic violence",
  dva: "domestic abuse",
  ipv: "domestic violence",
  pcn: "primary care network",
  pcns: "primary care networks",
  icb: "integrated care board",
  icbs: "integrated care boards",
  ics: "integrated care system",
  gps: "gp",
  ltc: "long-term conditions",
  ltcs: "long-term conditions",
  dtoc: "delayed transfers of care",
  vcse: "voluntary community sector",
  vcs: "voluntary community sector",
  pbr: "payment by results",
  sib: "social impact bond",
  sibs: "social impact bonds",
  pcc: "police crime commissioner",
  iom: "integrated offender management",
  yos: "youth offending service",
  yot: "youth offending team",
  ks1: "key stage",
  ks2: "key stage",
  fsm: "free school meals",
  ips: "individual placement support",
  arrs: "additional roles",
  mecc: "making every contact count",
  wemwbs: "wellbeing",
  nel: "emergency admissions",
  asc: "adult social care",
  mdt: "multidisciplinary team",
  mdts: "multidisciplinary teams",
  phm: "population health",
  uc: "universal credit benefits",
  snap: "food assistance",
  ebt: "food assistance",
  tanf: "welfare benefits",
  ssi: "disability benefits",
  hud: "public housing",
  ptsd: "trauma",
  aod: "drug and alcohol",
  sud: "substance use",
  sen: "special educational needs",
  send: "special educational needs",
  ehcp: "special educational needs",
};

/**
 * Expands abbreviations written in capitals (A&E, ICB, S136) in a text, leaving the rest of it
 * as written.
 */
export function expandAbbreviations(text: string): string {
  return text.replace(/\b(?:A&E|[A-Z][A-Z0-9]{1,5}s?|[A-Za-z]{1,2}\d{1,3})\b/g, (match) => {
    const expansion = abbreviations[match.toLowerCase()];
    return expansion ? ` ${expansion} ` : match;
  });
}

/**
 * The distinctive words of a text in order of first use: tokenised as Meilisearch splits,
 * no stopwords, no bare numbers, at least `minLength` letters, each once. The query words for
 * "similar ideas" and "similar needs" (Meilisearch reads at most 10 words of a query).
 */
export function distinctWords(text: string, max = 10, minLength = 3): string[] {
  const seen = new Set<string>();
  for (const token of tokenize(text)) {
    if (token.length < minLength || isStopword(token) || /^\d+$/.test(token)) continue;
    seen.add(token);
    if (seen.size >= max) break;
  }
  return [...seen];
}

/** A crude stem, enough to let "carers" meet "carer" and "visits" meet "visiting" where no search engine ranks. */
export function stem(word: string): string {
  return word.replace(/(ing|ers|er|es|s)$/, "").slice(0, 8);
}
