/**
 * "By Ana Pérez, Juma Mwangi and Милица Јовић · Maarifa Huru Nairobi" in the interface
 * language; every name isolated with <bdi> so mixed scripts and directions display correctly.
 * Names link to the author's and organization's archive pages.
 */
import type { Translator } from '../../i18n/translator.js';
import type { OrganizationView, PublicPersonView } from '../post-view-types.js';

export function Byline({
  t,
  authors,
  organizations,
  basePath,
}: {
  t: Translator;
  authors: PublicPersonView[];
  organizations: OrganizationView[];
  /** Language base path for archive links (e.g. `/es`); no links without it. */
  basePath?: string;
}) {
  const marker = '\u0000';
  // Format the sentence around placeholders, then put the names (as <bdi>) into the gaps.
  const sentence = t.t('reader.by', {
    names: t.formatList(authors.map((_, i) => `${marker}${i}${marker}`)),
  });
  const pieces = sentence.split(new RegExp(`${marker}(\\d+)${marker}`));
  return (
    <p class="byline" lang={t.lang} dir={t.dir}>
      <span class="byline-people">
        {pieces.map((piece, i) => {
          if (i % 2 === 0) return piece;
          const author = authors[Number(piece)];
          if (!author) return null;
          const name = <bdi class="author">{author.displayName}</bdi>;
          return basePath ? (
            <a href={`${basePath}/author/${encodeURIComponent(author.username)}`}>{name}</a>
          ) : (
            name
          );
        })}
      </span>
      {organizations.length > 0 ? (
        <span class="byline-orgs">
          {' · '}
          {organizations.map((o, i) => (
            <>
              {i > 0 ? ', ' : ''}
              {basePath ? (
                <a href={`${basePath}/organization/${encodeURIComponent(o.slug)}`}>
                  <bdi class="organization">{o.name}</bdi>
                </a>
              ) : (
                <bdi class="organization">{o.name}</bdi>
              )}
            </>
          ))}
        </span>
      ) : null}
    </p>
  );
}
