// Public-service vocabulary: British and American terms, jargon and plain speech.
// Multi-way groups are expanded into Meilisearch's one-to-many synonym map.
const groups: string[][] = [
  ["elderly", "older people", "seniors", "older adults", "ageing", "aging"],
  ["ageing", "aging"],
  ["loneliness", "social isolation", "isolation"],
  ["gp", "general practitioner", "primary care", "family doctor"],
  ["a&e", "emergency department", "er", "accident and emergency"],
  ["homelessness", "rough sleeping", "homeless"],
  ["unemployment", "worklessness", "jobless", "out of work"],
  ["reoffending", "recidivism", "re-offending"],
  ["offenders", "ex-offenders", "prisoners", "people leaving prison"],
  ["neighbourhood", "neighborhood", "community"],
  ["programme", "program"],
  ["organisation", "organization"],
  ["council", "local authority", "municipality"],
  ["police", "policing", "law enforcement"],
  ["young people", "youth", "teenagers", "adolescents"],
  ["children", "kids"],
  ["parents", "families", "parenting"],
  ["mental health", "wellbeing", "emotional health"],
  ["antisocial behaviour", "anti-social behaviour", "antisocial behavior", "asb"],
  ["carers", "caregivers", "unpaid carers"],
  ["social care", "adult social care", "care services"],
  ["dementia", "alzheimer's", "memory loss"],
  ["volunteers", "volunteering"],
  ["social prescribing", "community referral", "link worker"],
  ["housing", "accommodation", "tenancy"],
  ["school", "schools", "pupils", "students"],
  ["learning disability", "learning disabilities", "intellectual disability"],
  ["nhs", "health service"],
  ["carbon", "emissions", "net zero"],
  ["bus", "public transport", "transit"],
];

function buildSynonyms(): Record<string, string[]> {
  const map: Record<string, Set<string>> = {};
  for (const group of groups) {
    for (const term of group) {
      map[term] ??= new Set();
      for (const other of group) if (other !== term) map[term].add(other);
    }
  }
  return Object.fromEntries(Object.entries(map).map(([term, others]) => [term, [...others]]));
}

export const publicServiceSynonyms = buildSynonyms();
