import { jsonError } from "@/lib/server/http";

/** Unknown API paths answer JSON, like every other API error, not an HTML page. */
function notFound(request: Request) {
  return jsonError(404, "not-found", `No API at ${new URL(request.url).pathname}.`);
}

export { notFound as GET, notFound as POST, notFound as PUT, notFound as DELETE, notFound as PATCH };
