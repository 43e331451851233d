// The accessibility statement, in the form GOV.UK's model statement sets out for public
// sector websites (the Public Sector Bodies Accessibility Regulations 2018).
import type { MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { GeneralErrorBoundary } from "../components/error-boundary";
import { getExchange } from "../utils/exchange.server";

export const meta: MetaFunction = () => [
  { title: "Accessibility statement | Innovation Exchange" },
  { name: "description", content: "How accessible the Innovation Exchange is, what we know is not yet accessible, and how to report a problem." },
];

/** When the statement was prepared and the site last tested (update both when re-testing). */
const PREPARED = "23 November 2026";
const LAST_TESTED = "23 November 2026";

export async function loader() {
  return json({ contactEmail: getExchange().env.CONTACT_EMAIL ?? null }, { headers: { "Cache-Control": "public, max-age=300" } });
}

function H2({ id, children }: { id: string; children: ReactNode }) {
  return (
    <h2 id={id} className="mt-10 text-2xl font-semibold">
      {children}
    </h2>
  );
}

const list = "mt-3 list-disc space-y-1 pl-6";
const external = "text-brand-700 underline";

export default function AccessibilityStatement() {
  const { contactEmail } = useLoaderData<typeof loader>();
  const contact = contactEmail ? (
    <a href={`mailto:${contactEmail}`} className={external}>
      {contactEmail}
    </a>
  ) : (
    "the organisation that runs this exchange"
  );
  return (
    <article className="max-w-3xl leading-relaxed">
      <h1 className="text-3xl font-bold">Accessibility statement for the Innovation Exchange</h1>
      <p className="mt-4 text-lg">This accessibility statement applies to the Innovation Exchange website, including its downloads and JSON API.</p>
      <p className="mt-3">
        This website is run by the organisation that operates this exchange. We want as many people as possible to be able to use it. For example, that means
        you should be able to:
      </p>
      <ul className={list}>
        <li>change colours, contrast levels and fonts using browser or device settings</li>
        <li>zoom in up to 300% without the text spilling off the screen</li>
        <li>navigate most of the website using just a keyboard</li>
        <li>navigate most of the website using speech recognition software</li>
        <li>listen to most of the website using a screen reader (including the most recent versions of JAWS, NVDA and VoiceOver)</li>
        <li>use every page without JavaScript: search, filters, sorting and forms all work as plain links and forms</li>
      </ul>
      <p className="mt-3">We’ve also made the website text as simple as possible to understand.</p>
      <p className="mt-3">
        <a href="https://mcmw.abilitynet.org.uk/" className={external}>
          AbilityNet
        </a>{" "}
        has advice on making your device easier to use if you have a disability.
      </p>

      <H2 id="how-accessible">How accessible this website is</H2>
      <p className="mt-3">We know some parts of this website are not fully accessible:</p>
      <ul className={list}>
        <li>
          the diagram on the{" "}
          <Link to="/network" className={external}>
            adopter network
          </Link>{" "}
          page is one stop for the Tab key, with the arrow keys moving between its nodes; without JavaScript, each of its up to 300 nodes is a stop of its own.
          A “skip the diagram” link comes before it, and the table below it holds the same information
        </li>
        <li>the positions of the shapes in that diagram show which groups are close together, and there is no text that describes the layout itself</li>
        <li>text written by innovators and commissioners (for example, headings inside an idea’s description) may not always follow a logical structure</li>
        <li>the CSV downloads are plain data: how accessible they are depends on the spreadsheet program you open them in</li>
        <li>we have not yet tested the website with people who use screen readers or other assistive technology</li>
      </ul>

      <H2 id="feedback">Feedback and contact information</H2>
      <p className="mt-3">
        If you need information on this website in a different format, such as accessible PDF, large print, easy read, audio recording or braille, contact{" "}
        {contact}. Tell us the web address of the page, your name and email address, and the format you need. We’ll consider your request and get back to you as
        soon as we can.
      </p>
      <p className="mt-3">
        All the published data is also available as{" "}
        <Link to="/data" className={external}>
          CSV and JSON downloads
        </Link>
        , which you can open in the software that works best for you.
      </p>

      <H2 id="reporting">Reporting accessibility problems with this website</H2>
      <p className="mt-3">
        We’re always looking to improve the accessibility of this website. If you find any problems not listed on this page or think we’re not meeting
        accessibility requirements, contact {contact}.
      </p>

      <H2 id="enforcement">Enforcement procedure</H2>
      <p className="mt-3">
        The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
        Accessibility Regulations 2018 (the “accessibility regulations”). If you’re not happy with how we respond to your complaint,{" "}
        <a href="https://www.equalityadvisoryservice.com/" className={external}>
          contact the Equality Advisory and Support Service (EASS)
        </a>
        .
      </p>

      <H2 id="technical">Technical information about this website’s accessibility</H2>
      <p className="mt-3">
        We are committed to making this website accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility
        Regulations 2018.
      </p>
      <h3 className="mt-6 text-xl font-semibold">Compliance status</h3>
      <p className="mt-3">
        This website is partially compliant with the{" "}
        <a href="https://www.w3.org/TR/WCAG22/" className={external}>
          Web Content Accessibility Guidelines version 2.2
        </a>{" "}
        AA standard, due to the non-compliances and the limits of our testing listed below.
      </p>

      <H2 id="non-accessible">Non-accessible content</H2>
      <p className="mt-3">The content listed below is non-accessible for the following reasons.</p>
      <h3 className="mt-6 text-xl font-semibold">Non-compliance with the accessibility regulations</h3>
      <ul className={list}>
        <li>
          Descriptions that innovators write in Markdown can contain headings out of order or links whose text does not make sense on its own. Where they do,
          this fails WCAG 2.2 success criteria 1.3.1 (Info and Relationships) and 2.4.4 (Link Purpose). Brokers check every idea before it is published and can
          ask for changes.
        </li>
      </ul>
      <h3 className="mt-6 text-xl font-semibold">Content that’s not within the scope of the accessibility regulations</h3>
      <p className="mt-3">Linked web pages on other organisations’ websites (for example, evaluations of an idea) are not ours to make accessible.</p>

      <H2 id="charts">Charts and diagrams</H2>
      <p className="mt-3">
        The charts on the{" "}
        <Link to="/insights" className={external}>
          insights
        </Link>{" "}
        pages are images with a title and a description of what they show, and every chart is followed by a table with the same figures. Chart lines differ in
        pattern as well as colour, and the shapes in the network diagram differ in form (circle, square, diamond) as well as colour.
      </p>

      <H2 id="improving">What we’re doing to improve accessibility</H2>
      <p className="mt-3">
        Every page template is checked automatically against the WCAG 2.0, 2.1 and 2.2 A and AA rules of axe-core in our end-to-end tests, which must report no
        violations before a change is released, and the main journeys (searching, signing in, following an idea, exploring and sorting the adopter network) are
        tested with a keyboard only. We plan to test with users of assistive technology, and to describe the groups in the network diagram in words.
      </p>

      <H2 id="preparation">Preparation of this accessibility statement</H2>
      <p className="mt-3">
        This statement was prepared on {PREPARED}. It was last reviewed on {PREPARED}.
      </p>
      <p className="mt-3">
        This website was last tested on {LAST_TESTED}. The test was carried out by the team that builds the exchange, using automated checks (axe-core) on every
        page template and keyboard-only journeys through the main tasks, in Chromium.
      </p>
    </article>
  );
}

export const ErrorBoundary = GeneralErrorBoundary;
