import type { CostEstimate } from "@/lib/domain/report";

const usd = (n: number) => `$${n < 0.01 ? n.toFixed(6) : n.toFixed(2)}`;

/** Transitions and what they cost, Standard against Express, with the assumptions spelled out. */
export function CostPanel({ cost }: { cost: CostEstimate }) {
  return (
    <section aria-labelledby="cost-title">
      <h2 id="cost-title">Transitions and cost</h2>
      <p>
        <strong>{cost.transitions.toLocaleString("en-US")}</strong> state transitions → {usd(cost.standardUsd)} on Standard at $
        {cost.pricePerThousandTransitionsUsd} per 1,000 {cost.region ? `in ${cost.region}` : ""}{" "}
        <span className="muted">(prices checked {cost.priceCheckedOn})</span>
      </p>
      {cost.monthly ? (
        <p>
          At {cost.monthly.executionsPerMonth.toLocaleString("en-US")} executions a month: {usd(cost.monthly.standardUsd)} Standard vs{" "}
          {usd(cost.monthly.expressUsd)} Express.
        </p>
      ) : null}
      <p>Express estimate for this execution: {usd(cost.express.usd)}</p>
      <ul className="muted">
        {[...cost.express.assumptions, ...cost.notes].map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
    </section>
  );
}
