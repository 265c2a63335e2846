import "server-only";
import { z } from "zod";

// Keyset cursors: the position after the last row of a page, opaque to the browser (base64url JSON),
// so a page never skips or repeats rows while new failures arrive on top.
const cursorSchema = z.object({ t: z.number().int(), k: z.string().max(2100), r: z.number().int().min(0).default(0) });

/** A position in a newest-first list: time, then key, then redrive count as tie-breakers. */
export type Cursor = z.infer<typeof cursorSchema>;

/** Encodes a cursor for a URL. */
export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");
}

/** Decodes a cursor; null when it is not one of ours (the route answers 400). */
export function decodeCursor(text: string): Cursor | null {
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(text, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
