import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { caseStudyStatusLabels } from "../domain/vocabulary";
import { caseStudyPath } from "../domain/case-studies";
import { Badge } from "../components/tags";
import { LinkParagraph } from "../components/link-paragraph";
import { Section } from "../components/section";
import { SubmitButton } from "../components/submit-button";
import { exchangeCounts, recentCaseStudies } from "../models/ideas.server";
import { getExchange } from "../utils/exchange.server";

export async function loader(_args: LoaderFunctionArgs) {
  const { db } = getExchange();
  return json({ counts: exchangeCounts(db), caseStudies: recentCaseStudies(db, 6) });
}

export default function Home() {
  const { counts, caseStudies } = useLoaderData<typeof loader>();
  const figures = [
    { label: "published ideas", value: counts.ideas },
    { label: "case studies", value: counts.caseStudies },
    { label: "places that tried them", value: counts.places },
    { label: "open needs", value: counts.needs },
  ];
  return (
    <div>
      <section className="max-w-3xl">
        <h1 className="text-4xl font-bold">Find public-service ideas that worked, and bring them to your place</h1>
        <p className="mt-4 text-lg">
          The Innovation Exchange connects the people who commission public services with documented innovations and the evidence of where they were tried.
          Innovators publish ideas and how they can spread; commissioners post needs; brokers connect the two and follow each match to adoption.
        </p>
        <Form method="get" action="/ideas" className="mt-6" role="search">
          <label htmlFor="home-q" className="block font-semibold">
            Search ideas
          </label>
          <div className="mt-1 flex gap-2">
            <input id="home-q" name="q" type="search" className="w-full rounded border-2 border-slate-700 px-3 py-2" />
            <SubmitButton>Search</SubmitButton>
          </div>
        </Form>
      </section>
      <Section id="figures" title="The exchange in figures" className="mt-10" headingClassName="sr-only">
        <ul className="grid grid-cols-2 gap-4 md:grid-cols-4">
          {figures.map((figure) => (
            <li key={figure.label} className="rounded border border-slate-300 p-4">
              <span className="block text-3xl font-bold text-brand-700">{figure.value}</span>
              {figure.label}
            </li>
          ))}
        </ul>
      </Section>
      <Section id="recent" title="Recent case studies" className="mt-10">
        {caseStudies.length === 0 ? (
          <p className="mt-2 text-slate-700">
            No case studies yet. Import ideas with <code>npm run exchange -- import ideas FILE</code>.
          </p>
        ) : (
          <ul className="mt-4 grid gap-4 md:grid-cols-2 lg:grid-cols-3">
            {caseStudies.map((study) => (
              <li key={study.id} className="rounded border border-slate-300 p-4">
                <h3 className="font-semibold">
                  <Link to={`/ideas/${study.ideaSlug}`} className="link">
                    {study.ideaTitle}
                  </Link>
                </h3>
                <p className="text-sm text-slate-700">
                  <Link to={caseStudyPath(study.ideaSlug, study.id)} className="link">
                    {study.locality}
                    {study.country ? `, ${study.country}` : ""}
                  </Link>
                  {study.year ? ` · ${study.year}` : ""}
                </p>
                <Badge tone={study.status === "adopted" ? "green" : study.status === "piloting" ? "blue" : "amber"}>
                  {caseStudyStatusLabels[study.status]}
                </Badge>
                {study.outcomes ? <p className="mt-2 text-sm">{study.outcomes}</p> : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
      <LinkParagraph to="/needs" className="mt-10">
        See what commissioners are looking for
      </LinkParagraph>
    </div>
  );
}
