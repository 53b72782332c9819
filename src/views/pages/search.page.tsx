/**
 * The search page of one language (`/{lang}/search?q=…`): the form, the number of results and
 * the results with their snippets. Snippet text is the authors' text: it is rendered as text
 * nodes (escaped by Preact), and only the matched words are wrapped in <mark> here.
 */
import { languageDirection } from '../../domain/language.js';
import type { Translator } from '../../i18n/translator.js';
import { DateTime } from '../components/date.js';
import { Layout } from '../layouts/layout.js';
import type { LanguageMenuItem, NavigationLinkView } from '../layouts/layout.js';
import type { ViewUser } from '../view-types.js';

export interface SearchResultView {
  title: string;
  path: string;
  language: string;
  publishedAt: string;
  snippet: { text: string; marked: boolean }[];
}

export interface SearchPageProps {
  t: Translator;
  user: ViewUser | null;
  csrfToken: string;
  siteName: string;
  /** The language searched (the URL prefix). */
  language: string;
  query: string;
  shortened: boolean;
  maxQueryLength: number;
  /** Words kept of a longer query. */
  maxQueryTerms: number;
  total: number;
  page: number;
  pages: number;
  perPage: number;
  results: SearchResultView[];
  languageMenu?: LanguageMenuItem[];
  /** The site's pages in this language (the header navigation). */
  navigation?: NavigationLinkView[];
}

export function SearchPage(props: SearchPageProps) {
  const { t, query } = props;
  const action = `/${props.language}/search`;
  const pageHref = (page: number) => `${action}?q=${encodeURIComponent(query)}&page=${page}`;
  const languageName = t.languageName(props.language);
  return (
    <Layout
      t={t}
      title={query ? t.t('search.titleWithQuery', { query }) : t.t('search.title')}
      siteName={props.siteName}
      user={props.user}
      csrfToken={props.csrfToken}
      languageMenu={props.languageMenu}
      homeHref={`/${props.language}/`}
      navigation={props.navigation}
      // No header search form here: the page's own form is the search (one search landmark).
    >
      <h1 class="page-title">{t.t('search.title')}</h1>
      <form role="search" method="get" action={action} class="search-form">
        <label for="search-q">{t.t('search.label', { language: languageName })}</label>{' '}
        <input
          id="search-q"
          type="search"
          name="q"
          value={query}
          dir="auto"
          lang={props.language}
          maxLength={props.maxQueryLength}
        />{' '}
        <button type="submit">{t.t('search.submit')}</button>
      </form>
      {props.shortened ? (
        <p class="notice">
          {t.t('search.shortened', { max: props.maxQueryLength, words: props.maxQueryTerms })}
        </p>
      ) : null}
      {query === '' ? (
        <p>{t.t('search.hint', { language: languageName })}</p>
      ) : (
        <>
          <p class="search-count">{t.t('search.count', { count: props.total, query })}</p>
          {props.total === 0 ? <p>{t.t('search.noResults')}</p> : null}
          {props.results.length > 0 ? (
            <ol
              class="search-results"
              aria-label={t.t('search.results')}
              start={(props.page - 1) * props.perPage + 1}
            >
              {props.results.map((result) => (
                <li lang={result.language} dir={languageDirection(result.language)}>
                  <h2>
                    <a href={result.path}>{result.title}</a>
                  </h2>
                  <p class="meta">
                    <DateTime iso={result.publishedAt} lang={result.language} />
                  </p>
                  <p class="snippet">
                    {result.snippet.map((part) =>
                      part.marked ? <mark>{part.text}</mark> : part.text,
                    )}
                  </p>
                </li>
              ))}
            </ol>
          ) : null}
          {props.pages > 1 ? (
            <nav class="pagination" aria-label={t.t('search.pagination.label')}>
              {props.page > 1 ? (
                <a href={pageHref(props.page - 1)} rel="prev">
                  {t.t('search.pagination.previous')}
                </a>
              ) : null}
              <span>
                {t.t('search.pagination.status', { page: props.page, pages: props.pages })}
              </span>
              {props.page < props.pages ? (
                <a href={pageHref(props.page + 1)} rel="next">
                  {t.t('search.pagination.next')}
                </a>
              ) : null}
            </nav>
          ) : null}
        </>
      )}
    </Layout>
  );
}
