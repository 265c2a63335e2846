/** Our URL contract (DESIGN.md: URLs): ARNs go into paths URL-encoded. */
export const routes = {
  fleet: () => "/",
  stateMachine: (arn: string, query?: Record<string, string | undefined>) => `/state-machines/${encodeURIComponent(arn)}${toQuery(query)}`,
  execution: (arn: string) => `/executions/${encodeURIComponent(arn)}`,
  /** The alarm view: `at` the state change, `from`/`to` its breach window (stable: alarms and runbooks hold these). */
  alarm: (region: string, alarmName: string, query?: Record<string, string | undefined>) => `/alarms/${region}/${encodeURIComponent(alarmName)}${toQuery(query)}`,
  signature: (id: string, query?: Record<string, string | undefined>) => `/signatures/${encodeURIComponent(id)}${toQuery(query)}`,
};

function toQuery(query?: Record<string, string | undefined>): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : "";
}
