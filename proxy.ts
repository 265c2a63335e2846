import { NextResponse, type NextRequest } from "next/server";
import { ArnError, parseStatesArn } from "@/lib/analysis/links/arn";
import { resolveQuery } from "@/lib/analysis/links/resolve-query";

/**
 * Bad links get a real 400 before any page renders: App Router pages can only set 404 themselves,
 * and a runbook's broken link must not look like a working page to monitors or to people.
 */
export function proxy(request: NextRequest) {
  const { pathname, searchParams } = request.nextUrl;
  const problem = findProblem(pathname, searchParams);
  if (!problem) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = "/bad-link";
  url.search = new URLSearchParams({ message: problem.message, expected: problem.expected, q: problem.input.slice(0, 2000) }).toString();
  // The route handler at /bad-link answers 400 itself; a rewrite to a page would answer 200.
  return NextResponse.rewrite(url);
}

const PAGE_KINDS: Record<string, string[]> = {
  executions: ["execution", "map-run-execution"],
  "state-machines": ["state-machine", "state-machine-qualified"],
};

function findProblem(pathname: string, params: URLSearchParams): { message: string; expected: string; input: string } | null {
  if (pathname === "/go") {
    const q = params.get("q");
    if (!q) return null;
    const target = resolveQuery(q);
    return target.kind === "invalid" ? { message: target.message, expected: target.expected, input: q } : null;
  }
  const [, section, segment, ...rest] = pathname.split("/");
  const kinds = section ? PAGE_KINDS[section] : undefined;
  if (!kinds || segment === undefined || rest.length > 0) return null;
  let input = segment;
  try {
    input = decodeURIComponent(segment);
    const arn = parseStatesArn(input);
    if (!kinds.includes(arn.kind)) {
      return { message: `That is a ${arn.kind} ARN; this page shows ${section === "executions" ? "executions" : "state machines"}.`, expected: new ArnError("").expected, input };
    }
    return null;
  } catch (error) {
    if (error instanceof ArnError) return { message: error.message, expected: error.expected, input };
    return { message: "The ARN in the link is not valid URL encoding.", expected: new ArnError("").expected, input };
  }
}

export const config = { matcher: ["/executions/:path*", "/state-machines/:path*", "/go"] };
