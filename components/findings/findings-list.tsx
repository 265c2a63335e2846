import type { FindingView } from "@/lib/domain/triage";

const ICON: Record<string, string> = { error: "✕", warning: "⚠", info: "ℹ" };

/** Definition findings, most severe first, each with its code, state path and fix. */
export function FindingsList({ findings }: { findings: FindingView[] }) {
  if (findings.length === 0) return <p className="muted">No findings: the definition has none of the known risks.</p>;
  const order = { error: 0, warning: 1, info: 2 } as const;
  const sorted = [...findings].sort((a, b) => order[a.severity] - order[b.severity]);
  return (
    <ul aria-label="Findings" className="findings">
      {sorted.map((f, i) => (
        <li key={`${f.code}|${f.path}|${i}`} data-code={f.code} data-severity={f.severity}>
          <strong>
            {ICON[f.severity]} {f.severity}
          </strong>{" "}
          <code>{f.code}</code> {f.path ? <>at <code>{f.path}</code></> : null}: {f.message}
          {f.fix ? <div className="muted">Fix: {f.fix}</div> : null}
        </li>
      ))}
    </ul>
  );
}
