"use client";
import { useState } from "react";

/** Copies this page's URL: the link to paste into the incident channel. */
export function CopyLink() {
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <button
      type="button"
      onClick={() =>
        navigator.clipboard.writeText(window.location.href).then(
          () => setCopied("copied"),
          () => setCopied("failed"),
        )
      }
    >
      {copied === "copied" ? "Link copied" : copied === "failed" ? "Copy failed — use the address bar" : "Copy link"}
    </button>
  );
}
