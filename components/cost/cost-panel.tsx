import type { CostEstimate } from "@/lib/domain/report";
import { formatCount, formatUsd } from "@/lib/analysis/format";
import styles from "./cost-panel.module.css";

/** Transitions and what they cost, Standard against Express, with the assumptions spelled out. */
export function CostPanel({ cost }: { cost: CostEstimate }) {
  const region = cost.priceRegion ?? cost.region;
  return (
    <section aria-labelledby="cost-title">
      <h2 id="cost-title">Transitions and cost</h2>
      <dl className={styles.figures} data-testid="cost-figures">
        <div>
          <dt>State transitions</dt>
          <dd data-testid="cost-transitions">{formatCount(cost.transitions)}</dd>
        </div>
        <div>
          <dt>This execution on Standard</dt>
          <dd data-testid="cost-standard">{formatUsd(cost.standardUsd)}</dd>
        </div>
        <div>
          <dt>The same on Express (estimate)</dt>
          <dd>{formatUsd(cost.express.usd)}</dd>
        </div>
        {cost.monthly ? (
          <div>
            <dt>At {formatCount(cost.monthly.executionsPerMonth)} executions a month</dt>
            <dd>
              {formatUsd(cost.monthly.standardUsd)} Standard · {formatUsd(cost.monthly.expressUsd)} Express
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="muted">
        {/* Quoted per million: per 1,000 ($0.025) would round to a cent it isn't. */}
        Standard: {formatUsd(cost.pricePerThousandTransitionsUsd * 1000)} per million transitions{region ? ` in ${region}` : ""}, prices checked {cost.priceCheckedOn}.
      </p>
      <ul className="muted">
        {[...cost.express.assumptions, ...cost.notes].map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}
