/** "By Ana Pérez, Juma Mwangi and Милица Јовић · Wikimedia Argentina, Wikimedia Kenya" — names isolated with <bdi>. */
import type { PublicPersonView, OrganizationView } from '../post-view-types.js';

export function Byline({
  authors,
  organizations,
  lang,
}: {
  authors: PublicPersonView[];
  organizations: OrganizationView[];
  lang: string;
}) {
  const list = new Intl.ListFormat(lang, { style: 'long', type: 'conjunction' });
  const names = authors.map((a) => a.displayName);
  const parts = list.formatToParts(names.length > 0 ? names : ['—']);
  let index = 0;
  return (
    <p class="byline">
      <span class="byline-people">
        By{' '}
        {parts.map((part) => {
          if (part.type !== 'element') return part.value;
          const author = authors[index++];
          return author ? (
            <bdi class="author" title={`@${author.username}`}>
              {author.displayName}
            </bdi>
          ) : (
            part.value
          );
        })}
      </span>
      {organizations.length > 0 ? (
        <span class="byline-orgs">
          {' · '}
          {organizations.map((o, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <bdi class="organization">{o.name}</bdi>
            </>
          ))}
        </span>
      ) : null}
    </p>
  );
}
