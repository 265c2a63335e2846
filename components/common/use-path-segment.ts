"use client";
import { usePathname } from "next/navigation";

/** The path segment at `index` (after the leading "/"), decoded; "" when absent or malformed. For not-found pages, which get no params. */
export function usePathSegment(index: number): string {
  const segment = (usePathname() ?? "").split("/")[index + 1] ?? "";
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
