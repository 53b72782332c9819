/**
 * The page frame: head links (alternates, canonical, feeds, social meta), header with
 * navigation, language switcher and search, main landmark, footer. Works without JavaScript.
 *
 * The chrome speaks the interface language (`t`); a page whose content is in another language
 * (a post) passes `lang`/`dir` for <html>, and the header and footer then mark themselves with
 * the interface language so each part is read in the right voice.
 */
import type { ComponentChildren } from 'preact';
import { languageDirection } from '../../domain/language.js';
import type { Translator } from '../../i18n/translator.js';
import type { ViewUser } from '../view-types.js';
import { assetUrl } from '../asset-urls.js';
import { NotificationBell } from '../components/notification-bell.js';

/** One entry of the language switcher: `label` is best the language's own name (autonym). */
export interface LanguageMenuItem {
  tag: string;
  label: string;
  href: string;
  current: boolean;
}

/** A link of the site's navigation to one of its pages, titled in its own language. */
export interface NavigationLinkView {
  title: string;
  href: string;
  lang: string;
  dir: 'ltr' | 'rtl';
}

export interface LayoutProps {
  title: string;
  user: ViewUser | null;
  csrfToken: string;
  /** The interface translator: the chrome's language (request.t in routes). */
  t: Translator;
  /** The document language when it is not the interface language (a post's language). */
  lang?: string;
  dir?: 'ltr' | 'rtl';
  description?: string;
  siteName?: string;
  /** Plain script paths (`/assets/build/embed.js`); linked by their fingerprinted address. */
  scripts?: string[];
  /** `<link rel="alternate" hreflang>` for each language version (and `x-default`). */
  alternates?: { hreflang: string; href: string }[];
  canonical?: string;
  /** Open Graph (`property`) and Twitter (`name`) meta tags. */
  meta?: { property?: string; name?: string; content: string }[];
  /** Feed discovery links, e.g. `{ type: 'application/rss+xml', title, href }`. */
  feeds?: { type: string; title: string; href: string }[];
  /** The language switcher in the header; omitted when not given. */
  languageMenu?: LanguageMenuItem[];
  /** The home page in the page's language (`/es/`); `/` (which picks one) when not given. */
  homeHref?: string;
  /** Where the header search form goes (e.g. `/es/search`); no form when not given. */
  searchAction?: string;
  /** The site's pages ("About", "Contact") in the page's language, after Home; none when not given. */
  navigation?: NavigationLinkView[];
  children: ComponentChildren;
}

export function Layout(props: LayoutProps) {
  const { user } = props;
  const { t } = props;
  const site = props.siteName ?? 'Polyphony';
  const roles = user?.roles ?? [];
  const isEditor = roles.includes('editor') || roles.includes('admin');
  const isAuthor = isEditor || roles.includes('author');
  const lang = props.lang ?? t.lang;
  const dir = props.dir ?? (props.lang ? languageDirection(props.lang) : t.dir);
  // Mark the chrome with the interface language when the document is in another one.
  const chromeLang = lang !== t.lang ? t.lang : undefined;
  const chromeDir = lang !== t.lang && dir !== t.dir ? t.dir : undefined;
  return (
    <html lang={lang} dir={dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title === site ? site : `${props.title} · ${site}`}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        {props.canonical ? <link rel="canonical" href={props.canonical} /> : null}
        {(props.alternates ?? []).map((a) => (
          <link rel="alternate" hreflang={a.hreflang} href={a.href} />
        ))}
        {(props.feeds ?? []).map((f) => (
          <link rel="alternate" type={f.type} title={f.title} href={f.href} />
        ))}
        {(props.meta ?? []).map((m) => (
          <meta property={m.property} name={m.name} content={m.content} />
        ))}
        <link rel="stylesheet" href={assetUrl('/assets/site.css')} />
        {(props.scripts ?? []).map((src) => (
          <script src={assetUrl(src)} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main" lang={chromeLang} dir={chromeDir}>
          {t.t('common.skipToContent')}
        </a>
        <header class="site-header" lang={chromeLang} dir={chromeDir}>
          <a class="site-name" href={props.homeHref ?? '/'}>
            {site}
          </a>
          <nav aria-label={t.t('common.nav.label')}>
            <ul>
              <li>
                <a href={props.homeHref ?? '/'}>{t.t('common.nav.home')}</a>
              </li>
              {(props.navigation ?? []).map((link) => (
                <li class="site-page">
                  <a href={link.href} lang={link.lang} dir={link.dir}>
                    {link.title}
                  </a>
                </li>
              ))}
              {user ? (
                <li>
                  <a href="/translate">{t.t('common.nav.translate')}</a>
                </li>
              ) : null}
              {isAuthor ? (
                <li>
                  <a href="/write">{t.t('common.nav.write')}</a>
                </li>
              ) : null}
              {isAuthor ? (
                <li>
                  <a href="/media">{t.t('common.nav.media')}</a>
                </li>
              ) : null}
              {isEditor ? (
                <li>
                  <a href="/editorial">{t.t('common.nav.reviewQueue')}</a>
                </li>
              ) : null}
              {roles.includes('admin') ? (
                <li>
                  <a href="/admin">{t.t('common.nav.admin')}</a>
                </li>
              ) : null}
              {user ? (
                <li>
                  <NotificationBell t={t} count={user.unreadNotifications ?? 0} />
                </li>
              ) : null}
              {user ? (
                <li>
                  <a href="/account">{t.t('account.navLink')}</a>
                </li>
              ) : null}
              {user ? (
                <li>
                  <form method="post" action="/signout" class="inline-form">
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <button type="submit" class="link-button">
                      {t.t('common.nav.signOut')} <bdi>{user.displayName}</bdi>
                    </button>
                  </form>
                </li>
              ) : (
                <li>
                  <a href="/signin">{t.t('common.nav.signIn')}</a>
                </li>
              )}
            </ul>
          </nav>
          {props.searchAction ? <SearchForm action={props.searchAction} t={t} /> : null}
          {props.languageMenu && props.languageMenu.length > 0 ? (
            <LanguageMenu items={props.languageMenu} t={t} />
          ) : null}
        </header>
        <main id="main" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="site-footer" lang={chromeLang} dir={chromeDir}>
          <p>
            {t.t('common.footer.about', { siteName: site })}{' '}
            <a href={props.homeHref ?? '/'}>{t.t('common.nav.home')}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}

/** The header search: a plain GET form, so it works without JavaScript. */
function SearchForm({ action, t }: { action: string; t: Translator }) {
  return (
    <form role="search" method="get" action={action} class="site-search">
      <label for="site-search-q">{t.t('common.search.label')}</label>{' '}
      <input id="site-search-q" type="search" name="q" dir="auto" />{' '}
      <button type="submit" class="secondary">
        {t.t('common.search.submit')}
      </button>
    </form>
  );
}

/**
 * The language switcher: a disclosure (`<details>`) showing the current language's name, with
 * a list of links; each link is marked with its language so it is read and found correctly.
 */
function LanguageMenu({ items, t }: { items: LanguageMenuItem[]; t: Translator }) {
  const current = items.find((i) => i.current);
  return (
    <nav class="language-menu" aria-label={t.t('common.languageMenu.label')}>
      <details>
        <summary>
          <GlobeIcon />{' '}
          {current ? (
            <span lang={current.tag}>{current.label}</span>
          ) : (
            t.t('common.languageMenu.label')
          )}
        </summary>
        <ul>
          {items.map((item) => (
            <li>
              <a
                href={item.href}
                lang={item.tag}
                hreflang={item.tag}
                dir="auto"
                aria-current={item.current ? 'true' : undefined}
              >
                {item.label}
              </a>
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
}

/** A small globe (inline SVG, so no icon font is needed): the sign for "language" everywhere. */
function GlobeIcon() {
  return (
    <svg
      class="icon"
      aria-hidden="true"
      focusable="false"
      width="16"
      height="16"
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      stroke-width="1.2"
    >
      <circle cx="8" cy="8" r="6.5" />
      <ellipse cx="8" cy="8" rx="2.8" ry="6.5" />
      <path d="M1.5 8h13M2.6 4.5h10.8M2.6 11.5h10.8" />
    </svg>
  );
}
