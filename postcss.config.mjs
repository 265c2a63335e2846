// Tailwind CSS 4 runs as a PostCSS plugin in Next's CSS pipeline; the tokens live in app/globals.css.
const config = { plugins: { "@tailwindcss/postcss": {} } };
export default config;
