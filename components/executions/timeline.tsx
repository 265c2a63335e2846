import type { TimelineEvent } from "@/lib/domain/triage";
import { formatBytes } from "../common/format";
import { Time } from "../common/time";
import { PayloadViewer } from "../payloads/payload-viewer";

interface Props {
  executionArn: string;
  events: TimelineEvent[];
  truncated: boolean;
  payloadsHidden: boolean;
}

const ERROR_TYPES = /(Failed|TimedOut|Aborted)$/;

/** The history events, newest first, each with its state, error and payload size. */
export function Timeline({ executionArn, events, truncated, payloadsHidden }: Props) {
  return (
    <>
      {truncated ? <p className="muted">Showing the newest {events.length} events; the counts above cover all of them.</p> : null}
      <table aria-label="Event timeline">
        <thead>
          <tr>
            <th className="num">#</th>
            <th>Time (UTC)</th>
            <th>Event</th>
            <th>State</th>
            <th>Error</th>
            <th className="num">Payload</th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} data-type={e.type}>
              <td className="num">{e.id}</td>
              <td><Time iso={e.timestamp} /></td>
              <td className={ERROR_TYPES.test(e.type) ? "status status-FAILED" : undefined}>{e.type}</td>
              <td>{e.state ?? <span className="muted">—</span>}</td>
              <td>
                {e.error ? <code>{e.error}</code> : null}
                {e.cause ? <div className="muted">{e.cause.length > 200 ? `${e.cause.slice(0, 200)}…` : e.cause}</div> : null}
              </td>
              <td className="num">
                {e.payloadBytes === null ? (
                  <span className="muted">—</span>
                ) : (
                  <>
                    {formatBytes(e.payloadBytes)}
                    {!payloadsHidden && e.payloadField ? (
                      <PayloadViewer executionArn={executionArn} eventId={e.id} field={e.payloadField} bytes={e.payloadBytes} />
                    ) : null}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
