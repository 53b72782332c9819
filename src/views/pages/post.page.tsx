/**
 * A post as readers see it: title, byline, "Translate this post", the language switcher with
 * each version's completion, body, taxonomy, and at the end the invitation to translate it
 * into the languages that are still missing. Head: canonical, hreflang alternates with
 * x-default, Open Graph and Twitter card. Under another language's prefix (no published
 * translation into it yet) the page is in the reader's language around the original, with a
 * notice inviting a translation into it.
 */
import { Byline } from '../components/byline.js';
import { Comments } from '../components/comments.js';
import type { CommentsView } from '../components/comments.js';
import { DateTime } from '../components/date.js';
import { Picture } from '../components/picture.js';
import { Layout } from '../layouts/layout.js';
import type { Translator } from '../../i18n/translator.js';
import type { PostPageView } from '../post-view-types.js';
import type { MissingLanguageView, PageChrome, VersionView } from '../reader-view-types.js';
import type { ViewUser } from '../view-types.js';

export interface PostPageProps {
  t: Translator;
  user: ViewUser | null;
  csrfToken: string;
  siteName: string;
  post: PostPageView;
  chrome: PageChrome;
  versions: VersionView[];
  missing: MissingLanguageView[];
  translateHref: string;
  defaultLanguage: string;
  /**
   * The original shown under another language's prefix (no published translation into the
   * reader's language yet): the page speaks the reader's language around the original.
   */
  fallback?: FallbackView | null;
  /** The thread of this language version (absent on previews). */
  comments?: CommentsView | null;
}

/** The reader's language on a page showing the original, and where to translate into it. */
export interface FallbackView {
  language: string;
  translateHref: string;
}

/** "Not yet translated into Arabic", in Arabic, with the way to translate it. */
function FallbackNotice({
  t,
  post,
  fallback,
}: {
  t: Translator;
  post: PostPageView;
  fallback: FallbackView;
}) {
  const language = t.languageName(fallback.language);
  return (
    <aside
      class="translation-banner fallback-notice"
      lang={t.lang}
      dir={t.dir}
      role="note"
      aria-labelledby="fallback-title"
    >
      {/* Not a heading: it comes before the post's own <h1>. */}
      <p>
        <strong id="fallback-title">{t.t('fallback.notice.title', { language })}</strong>
      </p>
      <p>
        {t.t('fallback.notice.text', {
          language,
          original: t.languageName(post.sourceLanguage),
        })}
      </p>
      <p>
        <a href={fallback.translateHref} hreflang={fallback.language}>
          {t.t('fallback.notice.translate', { language })}
        </a>{' '}
        <span class="meta">{t.t('fallback.notice.how')}</span>
      </p>
    </aside>
  );
}

function VersionSwitcher({ t, versions }: { t: Translator; versions: VersionView[] }) {
  return (
    <nav class="versions" aria-label={t.t('reader.post.versions')}>
      <ul>
        {versions.map((v) => (
          <li>
            <a
              href={v.path}
              hreflang={v.language}
              lang={v.language}
              aria-current={v.current ? 'page' : undefined}
            >
              {/* Isolated: "العربية 83%" must not reorder around the number on an LTR page. */}
              <bdi>{v.autonym}</bdi>
            </a>{' '}
            <span class="meta">
              {v.isOriginal
                ? `(${t.t('reader.post.original')})`
                : t.t('reader.post.completion', { percent: t.formatPercent(v.completion) })}
            </span>
            {v.isOriginal ? null : (
              <span class="progress" aria-hidden="true">
                <span style={{ inlineSize: `${Math.round(v.completion * 100)}%` }} />
              </span>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Invitation({
  t,
  missing,
  translateHref,
}: {
  t: Translator;
  missing: MissingLanguageView[];
  translateHref: string;
}) {
  return (
    <aside class="invitation" aria-labelledby="invitation-title" lang={t.lang} dir={t.dir}>
      <h2 id="invitation-title">{t.t('reader.invite.title')}</h2>
      {missing.length > 0 ? (
        <>
          <p>{t.t('reader.invite.text')}</p>
          <ul class="missing-languages">
            {missing.map((m) => (
              <li>
                <a href={m.href} hreflang={m.tag}>
                  <span lang={m.tag}>{m.autonym}</span>
                  {m.autonym !== m.name ? <span class="meta"> ({m.name})</span> : null}
                </a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p>
        <a href={translateHref}>{t.t('reader.invite.more')}</a>
      </p>
    </aside>
  );
}

function names(t: Translator, people: { displayName: string }[]): string {
  return t.formatList(people.map((p) => p.displayName));
}

/** "N% translated" / "this translation is outdated", credits, and the way back to the original. */
function TranslationBanner({
  t,
  post,
  translateHref,
}: {
  t: Translator;
  post: PostPageView;
  translateHref: string;
}) {
  const tr = post.translation;
  if (!tr) return null;
  return (
    <aside
      class={tr.outdated > 0 ? 'translation-banner outdated' : 'translation-banner'}
      lang={t.lang}
      dir={t.dir}
      role="note"
    >
      {tr.completion < 1 ? (
        <p>
          <span class="progress" aria-hidden="true">
            <span style={{ inlineSize: `${Math.round(tr.completion * 100)}%` }} />
          </span>{' '}
          {t.t('reader.translation.partial', { percent: t.formatPercent(tr.completion) })}{' '}
          <a href={translateHref}>{t.t('reader.translation.help')}</a>
        </p>
      ) : null}
      {tr.outdated > 0 ? <p>{t.t('reader.translation.outdated', { count: tr.outdated })}</p> : null}
      {tr.translators.length > 0 ? (
        <p class="credits">
          {t.t('reader.translation.translatedBy', { names: names(t, tr.translators) })}
        </p>
      ) : null}
      {tr.reviewers.length > 0 ? (
        <p class="credits">
          {t.t('reader.translation.reviewedBy', { names: names(t, tr.reviewers) })}
        </p>
      ) : null}
      <p>
        <a href={tr.originalPath} hreflang={post.sourceLanguage}>
          {t.t('reader.translation.readOriginal', {
            language: t.languageName(post.sourceLanguage),
          })}
        </a>
      </p>
    </aside>
  );
}

export function PostPage(props: PostPageProps) {
  const { t, post, chrome } = props;
  const absolute = (path: string) => `${chrome.origin}${path}`;
  const original = props.versions.find((v) => v.isOriginal);
  const meta: { property?: string; name?: string; content: string }[] = [
    { property: 'og:type', content: 'article' },
    { property: 'og:site_name', content: props.siteName },
    { property: 'og:title', content: post.title },
    { property: 'og:url', content: absolute(post.path) },
    { property: 'og:locale', content: post.language.replace('-', '_') },
    ...props.versions
      .filter((v) => !v.current)
      .map((v) => ({ property: 'og:locale:alternate', content: v.language.replace('-', '_') })),
    ...(post.excerpt ? [{ property: 'og:description', content: post.excerpt }] : []),
    ...(post.publishedAt
      ? [{ property: 'article:published_time', content: post.publishedAt }]
      : []),
    ...post.tags.map((tag) => ({ property: 'article:tag', content: tag.name })),
    { name: 'twitter:card', content: post.featured ? 'summary_large_image' : 'summary' },
    { name: 'twitter:title', content: post.title },
    ...(post.excerpt ? [{ name: 'twitter:description', content: post.excerpt }] : []),
  ];
  if (post.featured) {
    const image = absolute(post.featured.variants.at(-1)?.url ?? post.featured.url);
    meta.push(
      { property: 'og:image', content: image },
      { property: 'og:image:alt', content: post.featuredAlt },
      { name: 'twitter:image', content: image },
    );
  }
  return (
    <Layout
      t={t}
      title={post.title}
      siteName={props.siteName}
      user={props.user}
      csrfToken={props.csrfToken}
      // A fallback page is in the reader's language; only its article is the original's.
      lang={props.fallback ? undefined : post.language}
      dir={props.fallback ? undefined : post.dir}
      description={post.excerpt || undefined}
      scripts={['/assets/build/embed.js']}
      canonical={absolute(post.path)}
      alternates={[
        ...props.versions.map((v) => ({ hreflang: v.language, href: absolute(v.path) })),
        ...(original ? [{ hreflang: 'x-default', href: absolute(original.path) }] : []),
      ]}
      meta={meta}
      languageMenu={chrome.languageMenu}
      searchAction={chrome.searchAction}
      homeHref={chrome.homeHref}
      navigation={chrome.navigation}
    >
      <article class="post" lang={post.language} dir={post.dir}>
        {props.fallback ? <FallbackNotice t={t} post={post} fallback={props.fallback} /> : null}
        {post.preview ? (
          <p class="notice" role="status" lang="en" dir="ltr">
            Preview of revision {post.preview.revision} ({post.preview.status}). Readers do not see
            this page.
          </p>
        ) : null}
        <header class="post-header">
          <h1>{post.title}</h1>
          <Byline
            t={t}
            authors={post.authors}
            organizations={post.organizations}
            basePath={chrome.basePath}
          />
          <p class="meta post-meta" lang={t.lang} dir={t.dir}>
            <DateTime iso={post.publishedAt} lang={t.lang} />
            {' · '}
            <a class="translate-link" href={props.translateHref}>
              {t.t('reader.post.translate')}
            </a>
          </p>
          {props.versions.length > 0 ? (
            <div lang={t.lang} dir={t.dir}>
              <VersionSwitcher t={t} versions={props.versions} />
            </div>
          ) : null}
        </header>
        {post.translation ? (
          <TranslationBanner
            t={t}
            post={post}
            translateHref={`${props.translateHref}/${post.language}`}
          />
        ) : null}
        {post.featured ? (
          <figure
            class="featured"
            lang={post.featuredAltLang?.lang}
            dir={post.featuredAltLang?.dir}
          >
            <Picture
              image={post.featured}
              alt={post.featuredAlt}
              sizes="(min-width: 48rem) 46rem, 100vw"
              eager
            />
          </figure>
        ) : null}
        {post.excerpt ? <p class="lede">{post.excerpt}</p> : null}
        <div class="post-body" dangerouslySetInnerHTML={{ __html: post.bodyHtml }} />
        <footer class="post-footer" lang={t.lang} dir={t.dir}>
          {post.events.length > 0 ? (
            <p class="events">
              {t.t('reader.post.events')}:{' '}
              {post.events.map((e, i) => (
                <>
                  {i > 0 ? '; ' : ''}
                  <a href={`${chrome.basePath}/event/${encodeURIComponent(e.slug)}`}>
                    <bdi lang={e.lang} dir={e.dir}>
                      {e.name}
                    </bdi>
                  </a>
                  {e.location ? (
                    <>
                      {' '}
                      (<bdi>{e.location}</bdi>)
                    </>
                  ) : (
                    ''
                  )}
                </>
              ))}
            </p>
          ) : null}
          {post.categories.length > 0 ? (
            <p class="categories">
              {t.t('reader.post.categories')}:{' '}
              {post.categories.map((c, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <a href={`${chrome.basePath}/category/${encodeURIComponent(c.slug)}`}>
                    <bdi lang={c.lang} dir={c.dir}>
                      {c.name}
                    </bdi>
                  </a>
                </>
              ))}
            </p>
          ) : null}
          {post.tags.length > 0 ? (
            <ul class="tags" aria-label={t.t('reader.post.tags')}>
              {post.tags.map((tag) => (
                <li class="tag">
                  <a href={`${chrome.basePath}/tag/${encodeURIComponent(tag.slug)}`}>
                    {/* The mark inside the isolate: "#playbook" on a right-to-left page too. */}
                    <bdi lang={tag.lang} dir={tag.dir}>
                      #{tag.name}
                    </bdi>
                  </a>
                </li>
              ))}
            </ul>
          ) : null}
        </footer>
      </article>
      <Invitation t={t} missing={props.missing} translateHref={props.translateHref} />
      {props.comments ? (
        <Comments
          t={t}
          view={props.comments}
          signedIn={props.user !== null}
          csrfToken={props.csrfToken}
        />
      ) : null}
    </Layout>
  );
}
