/** Home and archive pages (author, organization, tag, category, event, month) in one language. */
import { listingPagePath } from '../../domain/post.js';
import { DateTime } from '../components/date.js';
import { Picture } from '../components/picture.js';
import { Layout } from '../layouts/layout.js';
import type { Translator } from '../../i18n/translator.js';
import type { EntryView, PageChrome, SubjectTextsView, SubjectView } from '../reader-view-types.js';
import type { ViewUser } from '../view-types.js';

export interface ListingPageProps {
  t: Translator;
  user: ViewUser | null;
  csrfToken: string;
  siteName: string;
  subject: SubjectView;
  /** The subject's texts as shown, with their language (translated or original). */
  subjectTexts?: SubjectTextsView;
  entries: EntryView[];
  total: number;
  page: number;
  pages: number;
  chrome: PageChrome;
  months: { year: number; month: number; count: number; href: string }[];
}

export function monthName(t: Translator, year: number, month: number): string {
  return t.formatMonth(year, month);
}

export function subjectTitle(t: Translator, subject: SubjectView): string {
  switch (subject.kind) {
    case 'home':
      return t.t('reader.home.title');
    case 'tag':
      return t.t('reader.listing.tag', { name: subject.name });
    case 'category':
      return t.t('reader.listing.category', { name: subject.name });
    case 'author':
      return t.t('reader.listing.author', { name: subject.name });
    case 'organization':
      return t.t('reader.listing.organization', { name: subject.name });
    case 'event':
      return t.t('reader.listing.event', { name: subject.name });
    case 'month':
      return t.t('reader.listing.month', { month: monthName(t, subject.year, subject.month) });
  }
}

/** List items linking to category archives (a trail's steps, subcategories). */
function CategoryLinks({ links }: { links: { name: string; href: string }[] }) {
  return (
    <>
      {links.map((l) => (
        <li>
          <a href={l.href}>
            <bdi>{l.name}</bdi>
          </a>
        </li>
      ))}
    </>
  );
}

function SubjectIntro({
  t,
  subject,
  texts = {},
}: {
  t: Translator;
  subject: SubjectView;
  texts?: SubjectTextsView | undefined;
}) {
  if (subject.kind === 'author' && subject.bio)
    return (
      <p lang={texts.bio?.lang} dir={texts.bio?.dir ?? 'auto'}>
        {subject.bio}
      </p>
    );
  // A term's or event's description, where it has one (translated where approved).
  const description =
    subject.kind === 'tag' || subject.kind === 'category' || subject.kind === 'event'
      ? texts.description
      : undefined;
  const describe = description ? (
    <p lang={description.lang} dir={description.dir}>
      {description.text}
    </p>
  ) : null;
  if (subject.kind === 'tag') return describe;
  if (subject.kind === 'category')
    return (
      <>
        {subject.trail ? (
          <nav class="category-trail" aria-label={t.t('reader.category.trail')}>
            <ol>
              <CategoryLinks links={subject.trail} />
              <li aria-current="page">
                <bdi>{subject.name}</bdi>
              </li>
            </ol>
          </nav>
        ) : null}
        {describe}
        {subject.children ? (
          <nav class="subcategories" aria-label={t.t('reader.category.children')}>
            <span>{t.t('reader.category.children')}</span>{' '}
            <ul>
              <CategoryLinks links={subject.children} />
            </ul>
          </nav>
        ) : null}
      </>
    );
  if (subject.kind === 'organization') {
    return (
      <>
        {subject.logo ? (
          <p class="organization-logo">
            <img
              src={subject.logo.variants[0]?.url ?? subject.logo.url}
              alt={subject.logo.alt}
              width={160}
              height={
                subject.logo.width && subject.logo.height
                  ? Math.round((160 * subject.logo.height) / subject.logo.width)
                  : undefined
              }
            />
          </p>
        ) : null}
        <p>
          {subject.description ? (
            <span lang={texts.description?.lang} dir={texts.description?.dir ?? 'auto'}>
              {subject.description}{' '}
            </span>
          ) : null}
          {subject.country ? (
            <span>
              {t.t('reader.listing.country', {
                country:
                  new Intl.DisplayNames([t.lang], { type: 'region' }).of(subject.country) ??
                  subject.country,
              })}{' '}
            </span>
          ) : null}
          {subject.website ? (
            <a href={subject.website} rel="noopener">
              {t.t('reader.listing.website')}
            </a>
          ) : null}
        </p>
      </>
    );
  }
  if (subject.kind === 'event') {
    return (
      <>
        {describe}
        <p>
          {subject.startsOn
            ? t.t('reader.listing.eventDates', {
                start: t.formatDate(subject.startsOn),
                end: t.formatDate(subject.endsOn ?? subject.startsOn),
              })
            : null}
          {subject.location ? (
            <>
              {' '}
              · <bdi>{subject.location}</bdi>
            </>
          ) : null}
          {subject.url ? (
            <>
              {' · '}
              <a href={subject.url} rel="noopener">
                {t.t('reader.listing.website')}
              </a>
            </>
          ) : null}
        </p>
      </>
    );
  }
  return null;
}

export function ListingPage(props: ListingPageProps) {
  const { t, subject, chrome } = props;
  const title = subjectTitle(t, subject);
  const pageHref = (page: number) =>
    listingPagePath(chrome.basePath, page, subject.kind === 'home');
  const feedTitle = (kind: string) =>
    t.t('reader.feeds.title', { site: props.siteName, listing: `${title} (${kind})` });
  return (
    <Layout
      t={t}
      title={subject.kind === 'home' ? props.siteName : title}
      siteName={props.siteName}
      user={props.user}
      csrfToken={props.csrfToken}
      canonical={`${chrome.origin}${pageHref(props.page)}`}
      languageMenu={chrome.languageMenu}
      searchAction={chrome.searchAction}
      homeHref={chrome.homeHref}
      navigation={chrome.navigation}
      feeds={[
        {
          type: 'application/rss+xml',
          title: feedTitle('RSS'),
          href: `${chrome.basePath}/feed.xml`,
        },
        {
          type: 'application/atom+xml',
          title: feedTitle('Atom'),
          href: `${chrome.basePath}/atom.xml`,
        },
        {
          type: 'application/feed+json',
          title: feedTitle('JSON'),
          href: `${chrome.basePath}/feed.json`,
        },
      ]}
    >
      <div class="listing-layout">
        <section class="listing" aria-labelledby="listing-title">
          <h1 id="listing-title" class="page-title">
            {title}
          </h1>
          <SubjectIntro t={t} subject={subject} texts={props.subjectTexts} />
          <p class="meta">{t.t('reader.listing.count', { count: props.total })}</p>
          {props.entries.length === 0 ? (
            <p>
              {subject.kind === 'home' ? t.t('reader.home.empty') : t.t('reader.listing.empty')}
            </p>
          ) : null}
          <ol class="post-list">
            {props.entries.map((entry) => (
              <li class={entry.featured ? 'post-card has-image' : 'post-card'}>
                {entry.featured ? (
                  <span lang={entry.featuredAltLang?.lang} dir={entry.featuredAltLang?.dir}>
                    <Picture
                      image={entry.featured}
                      alt={entry.featuredAlt}
                      sizes="(min-width: 48rem) 16rem, 100vw"
                    />
                  </span>
                ) : null}
                <div class="post-card-text" lang={entry.language} dir={entry.dir}>
                  <h2>
                    <a href={entry.path}>{entry.title}</a>
                  </h2>
                  <p class="meta">
                    {entry.pinned ? (
                      <span class="badge pinned-badge" lang={t.lang} dir={t.dir}>
                        {t.t('reader.badge.pinned')}
                      </span>
                    ) : null}
                    {entry.badge ? (
                      <span class="badge language-badge" lang={t.lang} dir={t.dir}>
                        {t.t('reader.badge.language', { language: entry.badge })}
                      </span>
                    ) : null}
                    <span lang={t.lang} dir={t.dir}>
                      <DateTime iso={entry.publishedAt} lang={t.lang} />
                    </span>
                    {' · '}
                    {entry.authors.map((a, i) => (
                      <>
                        {i > 0 ? ', ' : ''}
                        <bdi>{a.displayName}</bdi>
                      </>
                    ))}
                    {entry.commentCount ? (
                      <span lang={t.lang} dir={t.dir}>
                        {' · '}
                        <a href={`${entry.path}#comments`} class="comment-count">
                          {t.t('comments.count', { count: entry.commentCount })}
                        </a>
                      </span>
                    ) : null}
                  </p>
                  {entry.excerpt ? <p>{entry.excerpt}</p> : null}
                </div>
              </li>
            ))}
          </ol>
          {props.pages > 1 ? (
            <nav class="pagination" aria-label={t.t('reader.pagination.label')}>
              {props.page > 1 ? (
                <a href={pageHref(props.page - 1)} rel="prev">
                  {t.t('reader.pagination.newer')}
                </a>
              ) : (
                <span />
              )}
              <span>
                {t.t('reader.pagination.status', { page: props.page, pages: props.pages })}
              </span>
              {props.page < props.pages ? (
                <a href={pageHref(props.page + 1)} rel="next">
                  {t.t('reader.pagination.older')}
                </a>
              ) : (
                <span />
              )}
            </nav>
          ) : null}
        </section>
        {props.months.length > 0 ? (
          <aside class="archive-nav" aria-labelledby="archive-title">
            <h2 id="archive-title">{t.t('reader.archive.title')}</h2>
            <ul>
              {props.months.map((m) => (
                <li>
                  <a href={m.href}>
                    {t.t('reader.archive.month', {
                      month: monthName(t, m.year, m.month),
                      count: m.count,
                    })}
                  </a>
                </li>
              ))}
            </ul>
            <p class="feed-links">
              <a href={`${chrome.basePath}/feed.xml`}>{t.t('reader.feeds.rss')}</a> ·{' '}
              <a href={`${chrome.basePath}/atom.xml`}>{t.t('reader.feeds.atom')}</a> ·{' '}
              <a href={`${chrome.basePath}/feed.json`}>{t.t('reader.feeds.json')}</a>
            </p>
          </aside>
        ) : null}
      </div>
    </Layout>
  );
}
