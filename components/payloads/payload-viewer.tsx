"use client";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { payloadQuery } from "@/lib/queries/options";
import { formatBytesExact } from "@/lib/analysis/format";

interface Props {
  executionArn: string;
  eventId: number;
  field: string;
  bytes: number;
}

/** A payload's contents, fetched only when asked for, shown as text (never as HTML). */
export function PayloadViewer({ executionArn, eventId, field, bytes }: Props) {
  const [open, setOpen] = useState(false);
  const query = useQuery({ ...payloadQuery(executionArn, eventId, field), enabled: open });
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} aria-label={`Show ${field} of event ${eventId} (${formatBytesExact(bytes)})`}>
        Show {field}
      </button>
    );
  }
  return (
    <div>
      <button type="button" onClick={() => setOpen(false)}>
        Hide {field}
      </button>
      {query.isPending ? <span className="muted"> loading…</span> : null}
      {query.isError ? <span role="alert"> {query.error.message}</span> : null}
      {query.data ? <pre className="payload" data-testid="payload-text">{query.data.text}</pre> : null}
    </div>
  );
}
