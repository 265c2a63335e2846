import { CircleAlert, Info, TriangleAlert, type LucideIcon } from "lucide-react";
import type { FindingView } from "@/lib/domain/triage";

const ICON: Record<FindingView["severity"], LucideIcon> = { error: CircleAlert, warning: TriangleAlert, info: Info };
const ORDER = { error: 0, warning: 1, info: 2 } as const;

/** Definition findings, most severe first, each with its severity (icon and word), code, state path and fix. */
export function FindingsList({ findings }: { findings: FindingView[] }) {
  if (findings.length === 0) return <p className="muted">No findings: the definition has none of the known risks.</p>;
  const sorted = [...findings].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  return (
    <ul aria-label="Findings" className="findings">
      {sorted.map((f, i) => {
        const Icon = ICON[f.severity];
        return (
          <li key={`${f.code}|${f.path}|${i}`} data-code={f.code} data-severity={f.severity}>
            <strong className={`sev-${f.severity}`}>
              <Icon size={14} aria-hidden className="icon" /> {f.severity}
            </strong>{" "}
            <code>{f.code}</code> {f.path ? <>at <code>{f.path}</code></> : null}: {f.message}
            {f.fix ? <div className="muted">Fix: {f.fix}</div> : null}
          </li>
        );
      })}
    </ul>
  );
}
