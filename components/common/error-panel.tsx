interface Props {
  title: string;
  message: string;
  /** What a valid input looks like. */
  expected?: string;
  /** The input that failed, echoed as text (never as HTML). */
  query?: string;
}

/** An explanatory error page body: what went wrong, what was expected, and a way on. */
export function ErrorPanel({ title, message, expected, query }: Props) {
  return (
    <section className="error-page" role="alert" aria-labelledby="error-title">
      <h1 id="error-title">{title}</h1>
      <p>{message}</p>
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
      <form action="/go" method="get" role="search" aria-label="Search again">
        <label>
          Try again: <input name="q" size={60} defaultValue="" placeholder="arn:aws:states:…" />
        </label>{" "}
        <button type="submit">Go</button>
      </form>
    </section>
  );
}
