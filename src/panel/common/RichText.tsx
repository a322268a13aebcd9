/**
 * Renders the evaluator's prose, where `backticks` mark literal values, as text and <code>
 * (never as HTML: header values are untrusted).
 */
export function RichText({ text }: { text: string }) {
  const parts = text.split('`');
  return (
    <>
      {parts.map((part, i) => (i % 2 === 1 && i < parts.length - 1 ? <code key={i}>{part}</code> : part))}
    </>
  );
}
