import type { StateMachineView } from "@/lib/domain/state-machine-view";
import { formatCount, formatDecimal, formatUsd } from "@/lib/analysis/format";

/** Transitions per execution and what they cost, Standard against Express, at the observed rate. */
export function CostSummary({ cost }: { cost: StateMachineView["cost"] }) {
  return (
    <section className="panel" aria-labelledby="cost-title" data-testid="cost-summary">
      <h2 id="cost-title">Cost</h2>
      {cost.transitionsPerExecution === null ? (
        <p className="muted">No executions analysed yet.</p>
      ) : (
        <table aria-label="Cost estimate">
          <tbody>
            <tr>
              <th scope="row">Transitions per execution</th>
              <td className="num">{formatDecimal(cost.transitionsPerExecution)}</td>
            </tr>
            <tr>
              <th scope="row">Standard, per execution</th>
              <td className="num">{formatUsd(cost.standardUsdPerExecution)}</td>
            </tr>
            {cost.executionsPerMonth !== null ? (
              <>
                <tr>
                  <th scope="row">Executions per month (observed rate)</th>
                  <td className="num">{formatCount(cost.executionsPerMonth)}</td>
                </tr>
                <tr>
                  <th scope="row">Standard, per month</th>
                  <td className="num">{formatUsd(cost.standardUsdPerMonth)}</td>
                </tr>
                <tr>
                  <th scope="row">Express, per month</th>
                  <td className="num">{formatUsd(cost.expressUsdPerMonth)}</td>
                </tr>
              </>
            ) : null}
          </tbody>
        </table>
      )}
      {cost.assumptions.length > 0 ? (
        <ul className="muted">
          {cost.assumptions.map((a) => (
            <li key={a}>{a}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
