import { cookieAttribute, type SetCookie } from '../../shared/cookies/parse.ts';

const FLAGS = ['Secure', 'HttpOnly', 'Partitioned'] as const;

/** The flag attributes a Set-Cookie line carries, as tags. */
export function CookieFlags({ cookie }: { cookie: SetCookie }) {
  const flags = FLAGS.filter((f) => cookieAttribute(cookie, f) !== undefined);
  return (
    <>
      {flags.map((f) => (
        <span key={f} class="tag">
          {f}
        </span>
      ))}
    </>
  );
}
