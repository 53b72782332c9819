/**
 * /translate/subscriptions: how often the translation digest is e-mailed, in which languages,
 * narrowed to which organizations, tags and authors; a preview of the digest it would send now;
 * and the public "needs translation" feed of each language.
 */
import { Layout } from '../../layouts/layout.js';
import type { Translator } from '../../../i18n/translator.js';
import type { ViewUser } from '../../view-types.js';

export interface DigestPreviewItem {
  title: string;
  sourceLanguage: string;
  href: string;
  /** Already worded ("3 of 8 segments translated", "from English"). */
  detail: string;
}

export interface DigestPreviewLanguage {
  tag: string;
  name: string;
  sections: { heading: string; items: DigestPreviewItem[] }[];
}

export interface SubscriptionsPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  saved: boolean;
  frequency: 'daily' | 'weekly' | 'off';
  lastSent: string | null;
  choices: { tag: string; autonym: string; checked: boolean }[];
  other: string;
  organizations: { id: string; name: string; chosen: boolean }[];
  tags: { id: string; name: string; chosen: boolean }[];
  authors: string;
  preview: DigestPreviewLanguage[];
  feeds: { href: string; label: string }[];
}

export function SubscriptionsPage(props: SubscriptionsPageProps) {
  const { t } = props;
  return (
    <Layout t={t} title={t.t('digest.page.title')} user={props.user} csrfToken={props.csrfToken}>
      <h1>{t.t('digest.page.title')}</h1>
      <p>{t.t('digest.page.intro')}</p>
      {props.saved ? (
        <p class="notice" role="status">
          {t.t('digest.saved')}
        </p>
      ) : null}
      <p class="meta">{props.lastSent ?? t.t('digest.neverSent')}</p>
      <form method="post" action="/translate/subscriptions" class="digest-form">
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <fieldset class="digest-frequency">
          <legend>{t.t('digest.form.frequency')}</legend>
          {(['daily', 'weekly', 'off'] as const).map((f) => (
            <label>
              <input type="radio" name="frequency" value={f} checked={props.frequency === f} />{' '}
              {t.t(`digest.frequency.${f}`)}
            </label>
          ))}
        </fieldset>
        <fieldset>
          <legend>{t.t('digest.form.languages')}</legend>
          <p class="hint">{t.t('digest.form.languages.hint')}</p>
          <div class="checkbox-grid">
            {props.choices.map((c) => (
              <label>
                <input type="checkbox" name="languages" value={c.tag} checked={c.checked} />{' '}
                <span lang={c.tag}>{c.autonym}</span>
              </label>
            ))}
          </div>
          <label class="digest-text">
            {t.t('digest.form.other')}{' '}
            <input name="languages" value={props.other} size={16} dir="ltr" />
          </label>
        </fieldset>
        <fieldset>
          <legend>{t.t('digest.form.narrow')}</legend>
          <p class="hint">{t.t('digest.form.narrow.hint')}</p>
          {props.organizations.length > 0 ? (
            <>
              <h3>{t.t('digest.form.organizations')}</h3>
              <div class="checkbox-grid">
                {props.organizations.map((o) => (
                  <label>
                    <input type="checkbox" name="organizations" value={o.id} checked={o.chosen} />{' '}
                    <bdi>{o.name}</bdi>
                  </label>
                ))}
              </div>
            </>
          ) : null}
          {props.tags.length > 0 ? (
            <>
              <h3>{t.t('digest.form.tags')}</h3>
              <div class="checkbox-grid">
                {props.tags.map((tag) => (
                  <label>
                    <input type="checkbox" name="tags" value={tag.id} checked={tag.chosen} />{' '}
                    <bdi>{tag.name}</bdi>
                  </label>
                ))}
              </div>
            </>
          ) : null}
          <label class="digest-text">
            {t.t('digest.form.authors')}{' '}
            <input name="authors" value={props.authors} size={30} maxLength={2000} />
          </label>
          <p class="hint">{t.t('digest.form.authors.hint')}</p>
        </fieldset>
        <button type="submit">{t.t('digest.form.submit')}</button>
      </form>
      <section aria-labelledby="digest-preview">
        <h2 id="digest-preview">{t.t('digest.preview.heading')}</h2>
        {props.preview.every((l) => l.sections.length === 0) ? (
          <p>{t.t('digest.preview.empty')}</p>
        ) : (
          props.preview
            .filter((l) => l.sections.length > 0)
            .map((l) => (
              <section class="hub-language">
                <h3>{t.t('digest.language.heading', { language: l.name })}</h3>
                {l.sections.map((s) => (
                  <>
                    <h4>{s.heading}</h4>
                    <ul class="hub-list">
                      {s.items.map((item) => (
                        <li>
                          <a href={item.href}>
                            <bdi lang={item.sourceLanguage}>{item.title}</bdi>
                          </a>{' '}
                          <span class="meta">{item.detail}</span>
                        </li>
                      ))}
                    </ul>
                  </>
                ))}
              </section>
            ))
        )}
      </section>
      <section aria-labelledby="digest-feeds">
        <h2 id="digest-feeds">{t.t('digest.feeds.heading')}</h2>
        <ul>
          {props.feeds.map((f) => (
            <li>
              <a href={f.href} type="application/atom+xml">
                {f.label}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </Layout>
  );
}
