/** The sign-in page's "Sign in with …" buttons, one per enabled provider (links: starting is safe). */
import type { Translator } from '../../i18n/translator.js';

export function SignInProviders(props: {
  t: Translator;
  next: string;
  providers: { slug: string; label: string }[];
}) {
  const { t } = props;
  if (props.providers.length === 0) return null;
  const next = props.next === '/' ? '' : `?next=${encodeURIComponent(props.next)}`;
  return (
    <section aria-labelledby="sso-heading" class="stack sso-buttons">
      <h2 id="sso-heading">{t.t('sso.signIn.heading')}</h2>
      <ul class="stack">
        {props.providers.map((p) => (
          <li>
            <a class="button" href={`/signin/${encodeURIComponent(p.slug)}${next}`}>
              {t.t('sso.signIn.with', { provider: `\u2068${p.label}\u2069` })}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
