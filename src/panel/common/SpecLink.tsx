import './SpecLink.css';

/** A link to a spec or docs page; only https URLs become links (the rest render as text). */
export function SpecLink({ href, label }: { href: string; label: string }) {
  if (!href.startsWith('https://')) return <span class="spec-link">{label}</span>;
  return (
    <a class="spec-link" href={href} target="_blank" rel="noreferrer noopener" title={href}>
      {label}
    </a>
  );
}
