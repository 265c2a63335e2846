"use client";
import { useSearchParams } from "next/navigation";
import { useCallback } from "react";
import { hrefWithTab, parseTab, type ExecutionTab } from "./tabs";

/**
 * The open tab, kept in `?tab=`: read from the search params (so the server's first paint opens the linked
 * tab), written with history.pushState (Next keeps useSearchParams in step, the back button returns to the
 * previous tab, and switching costs no server render).
 */
export function useExecutionTab(fallback: ExecutionTab): [ExecutionTab, (tab: ExecutionTab) => void] {
  const params = useSearchParams();
  const tab = parseTab(params?.get("tab")) ?? fallback;
  const select = useCallback((next: ExecutionTab) => {
    // Radix selects on mouse-down and again on the focus that follows, before Next has re-rendered with the
    // new params: push once, or the back button would land on the same tab.
    if (parseTab(new URL(window.location.href).searchParams.get("tab")) === next) return;
    window.history.pushState(null, "", hrefWithTab(window.location.href, next));
  }, []);
  return [tab, select];
}
