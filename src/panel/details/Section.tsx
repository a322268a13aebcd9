import type { ComponentChildren } from 'preact';
import './Section.css';

/** A titled block of the Explanation tab. */
export function Section({ title, children, testId }: { title: string; children: ComponentChildren; testId?: string }) {
  const id = `section-${title.toLowerCase().replace(/[^a-z]+/g, '-')}`;
  return (
    <section class="section" aria-labelledby={id} data-testid={testId}>
      <h3 id={id}>{title}</h3>
      {children}
    </section>
  );
}
