/** "By Ana Pérez, Juma Mwangi and Милица Јовић · Wikimedia Argentina, Wikimedia Kenya" — names isolated with <bdi>. */
import type { PublicPersonView, OrganizationView } from '../post-view-types.js';

export function Byline({
  authors,
  organizations,
  uiLang,
}: {
  authors: PublicPersonView[];
  organizations: OrganizationView[];
  /** The interface language: the byline's words ("By", "and") are interface text, not post text. */
  uiLang: string;
}) {
  const list = new Intl.ListFormat(uiLang, { style: 'long', type: 'conjunction' });
  const names = authors.map((a) => a.displayName);
  const parts = list.formatToParts(names.length > 0 ? names : ['—']);
  let index = 0;
  return (
    <p class="byline" lang={uiLang}>
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
