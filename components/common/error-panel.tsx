import type { ReactNode } from "react";
import styles from "./states.module.css";

/** A way on from an error: a page of ours, or the AWS console (opened in a new tab). */
export interface ErrorLink {
  href: string;
  label: string;
  external?: boolean;
}

interface Props {
  title: string;
  /** What happened, in our words (never AWS's or the SDK's raw text: lib/server/http.ts clientMessageFor). */
  message: ReactNode;
  /** What the dashboard still shows despite it (cached data and its age), if anything. */
  still?: ReactNode;
  /** What to do next. */
  todo?: ReactNode;
  /** Pages this error names: the state machine, the fleet, the console. */
  links?: ErrorLink[];
  /** What a valid input looks like. */
  expected?: string;
  /** The input that failed, echoed as text (never as HTML). */
  query?: string;
}

/** An explanatory error page body: what went wrong, what is still shown, what to do, and a way on. */
export function ErrorPanel({ title, message, still, todo, links, expected, query }: Props) {
  return (
    <section className={`error-page ${styles.errorPanel}`} role="alert" aria-labelledby="error-title" data-testid="error-panel">
      <h1 id="error-title">{title}</h1>
      <p>{message}</p>
      {still ? (
        <p>
          <span className={styles.label}>Still shown: </span>
          {still}
        </p>
      ) : null}
      {todo ? (
        <p>
          <span className={styles.label}>What to do: </span>
          {todo}
        </p>
      ) : null}
      {query ? (
        <p>
          You gave: <code>{query.length > 300 ? `${query.slice(0, 300)}…` : query}</code>
        </p>
      ) : null}
      {expected ? (
        <p>
          Expected: <code>{expected}</code>
        </p>
      ) : null}
      {links && links.length > 0 ? (
        <ul className={styles.links} aria-label="Where to go from here">
          {links.map((link) => (
            <li key={link.href}>
              {link.external ? (
                <a href={link.href} target="_blank" rel="noreferrer noopener">
                  {link.label} <span aria-hidden="true">↗</span>
                </a>
              ) : (
                <a href={link.href}>{link.label}</a>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      <form action="/go" method="get" role="search" aria-label="Search again" className={styles.search}>
        <label htmlFor="error-go-q">Try again:</label>
        <input id="error-go-q" name="q" defaultValue="" placeholder="arn:aws:states:…, a console link or an alarm name" autoComplete="off" />
        <button type="submit">Go</button>
      </form>
    </section>
  );
}
