/** The translator hub: what is waiting in my languages, what is under way, what is outdated. */
import { Layout } from '../../layouts/layout.js';
import type { Translator } from '../../../i18n/translator.js';
import type { ViewUser } from '../../view-types.js';

export interface HubRow {
  title: string;
  sourceLanguage: string;
  language: string;
  href: string;
  translated: number;
  reviewed: number;
  total: number;
  outdated: number;
  /** Proposals waiting for review. */
  pending: number;
  /** Units not done yet with a translation-memory suggestion. */
  memoryMatches: number;
}

export interface HubPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  choices: { tag: string; autonym: string; checked: boolean }[];
  other: string;
  languages: {
    tag: string;
    name: string;
    missing: { count: number; posts: { title: string; sourceLanguage: string; href: string }[] };
    inProgress: HubRow[];
    outdated: HubRow[];
    proposals: HubRow[];
  }[];
  mine: HubRow[];
}

function Progress({ t, row }: { t: Translator; row: HubRow }) {
  return (
    <span class="meta">
      <progress max={Math.max(1, row.total)} value={row.translated} aria-hidden="true" />{' '}
      {t.t('hub.progress', {
        translated: row.translated,
        total: row.total,
        reviewed: row.reviewed,
      })}
      {row.outdated > 0 ? <> · {t.t('hub.outdatedUnits', { count: row.outdated })}</> : null}
      {row.pending > 0 ? <> · {t.t('hub.pendingUnits', { count: row.pending })}</> : null}
      {row.memoryMatches > 0 ? (
        <> · {t.t('hub.memoryUnits', { count: row.memoryMatches })}</>
      ) : null}
    </span>
  );
}

function Rows({ t, rows, action }: { t: Translator; rows: HubRow[]; action: string }) {
  return (
    <ul class="hub-list">
      {rows.map((row) => (
        <li>
          <a href={row.href}>
            {action}: <bdi lang={row.sourceLanguage}>{row.title}</bdi>
          </a>{' '}
          <Progress t={t} row={row} />
        </li>
      ))}
    </ul>
  );
}

export function HubPage(props: HubPageProps) {
  const { t } = props;
  return (
    <Layout t={t} title={t.t('hub.title')} user={props.user} csrfToken={props.csrfToken}>
      <h1>{t.t('hub.title')}</h1>
      <p>{t.t('hub.intro')}</p>
      <p class="hub-glossary">
        <a href="/translate/glossary">{t.t('glossary.hub.link')}</a>: {t.t('glossary.hub.hint')}
      </p>
      <p class="hub-glossary">
        <a href="/translate/interface">{t.t('l10n.hub.link')}</a>
      </p>
      <p class="hub-glossary">
        <a href="/translate/content">{t.t('content.hub.link')}</a>
      </p>
      <p class="hub-glossary">
        <a href="/translate/subscriptions">{t.t('digest.hub.link')}</a>
      </p>
      <form method="get" action="/translate" class="hub-languages">
        <fieldset>
          <legend>{t.t('hub.languages.label')}</legend>
          <p class="hint">{t.t('hub.languages.hint')}</p>
          <div class="checkbox-grid">
            {props.choices.map((c) => (
              <label>
                <input type="checkbox" name="language" value={c.tag} checked={c.checked} />{' '}
                <span lang={c.tag}>{c.autonym}</span>
              </label>
            ))}
          </div>
          <label>
            {t.t('hub.languages.other')} <input name="language" value={props.other} size={10} />
          </label>{' '}
          <button type="submit" class="secondary">
            {t.t('hub.languages.submit')}
          </button>
        </fieldset>
      </form>
      {props.languages.map((l) => (
        <section class="hub-language" aria-labelledby={`hub-${l.tag}`}>
          <h2 id={`hub-${l.tag}`}>{t.t('hub.language.heading', { language: l.name })}</h2>
          <h3>{t.t('hub.missing', { count: l.missing.count })}</h3>
          <ul class="hub-list">
            {l.missing.posts.map((p) => (
              <li>
                <a href={p.href}>
                  {t.t('hub.start')}: <bdi lang={p.sourceLanguage}>{p.title}</bdi>
                </a>{' '}
                <span class="meta">
                  {t.t('hub.from', { language: t.languageName(p.sourceLanguage) })}
                </span>
              </li>
            ))}
          </ul>
          <h3>{t.t('hub.inProgress', { count: l.inProgress.length })}</h3>
          <Rows t={t} rows={l.inProgress} action={t.t('hub.continue')} />
          <h3>{t.t('hub.outdated', { count: l.outdated.length })}</h3>
          <Rows t={t} rows={l.outdated} action={t.t('hub.update')} />
          <h3>{t.t('hub.proposals', { count: l.proposals.length })}</h3>
          <Rows t={t} rows={l.proposals} action={t.t('hub.review')} />
        </section>
      ))}
      <section aria-labelledby="hub-mine">
        <h2 id="hub-mine">{t.t('hub.mine')}</h2>
        {props.mine.length === 0 ? (
          <p>{t.t('hub.mine.empty')}</p>
        ) : (
          <Rows t={t} rows={props.mine} action={t.t('hub.continue')} />
        )}
      </section>
    </Layout>
  );
}
