/** Editors' taxonomy page: categories, tags and events — create, edit, merge, delete. */
import { ancestorsOf, childrenOf, descendantsOf } from '../../../domain/term-tree.js';
import type { Translator } from '../../../i18n/translator.js';
import { Csrf, ErrorSummary, Field } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

interface TermRow {
  id: string;
  kind: 'tag' | 'category';
  slug: string;
  name: string;
  description: string;
  posts: number;
  /** Categories: the parent category's id, null at the top. */
  parentId: string | null;
}

interface EventRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  startsOn: string | null;
  endsOn: string | null;
  location: string;
  url: string | null;
  posts: number;
}

export interface TaxonomyPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  categories: TermRow[];
  tags: TermRow[];
  events: EventRow[];
  problems?: { field: string; message: string }[] | undefined;
  notice?: string | undefined;
}

export function TaxonomyPage(props: TaxonomyPageProps) {
  const { t } = props;
  return (
    <Layout title={t.t('taxonomy.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <p>
        <a href="/admin">{t.t('taxonomy.back')}</a>
      </p>
      <h1>{t.t('taxonomy.title')}</h1>
      <p>{t.t('taxonomy.intro')}</p>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary problems={props.problems} />
      <TermSection {...props} kind="category" terms={props.categories} />
      <TermSection {...props} kind="tag" terms={props.tags} />
      <EventSection {...props} />
    </Layout>
  );
}

/** Whether a refused form of this term or event is shown (its details then start open). */
function hasProblem(props: TaxonomyPageProps, id: string): boolean {
  return (props.problems ?? []).some((p) => p.field.includes(id));
}

/** Categories as a tree: each followed by those under it, with its depth (tags: flat). */
function treeOrder(terms: TermRow[]): { term: TermRow; depth: number }[] {
  const ids = new Set(terms.map((t) => t.id));
  const out: { term: TermRow; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (term: TermRow, depth: number) => {
    if (seen.has(term.id)) return;
    seen.add(term.id);
    out.push({ term, depth });
    for (const child of childrenOf(terms, term.id)) visit(child, depth + 1);
  };
  for (const term of terms) if (term.parentId === null || !ids.has(term.parentId)) visit(term, 0);
  for (const term of terms) visit(term, 0); // a cycle left by damaged data still shows
  return out;
}

function TermSection(props: TaxonomyPageProps & { kind: 'tag' | 'category'; terms: TermRow[] }) {
  const { t, kind } = props;
  const terms = props.terms;
  const ordered =
    kind === 'category' ? treeOrder(terms) : terms.map((term) => ({ term, depth: 0 }));
  const heading = `${kind}-heading`;
  return (
    <section aria-labelledby={heading} class="taxonomy-section">
      <h2 id={heading}>{t.t(`taxonomy.${kind}.heading`)}</h2>
      {terms.length === 0 ? <p>{t.t('taxonomy.none')}</p> : null}
      <ul class="people-list">
        {ordered.map(({ term, depth }) => {
          const others = terms.filter((o) => o.id !== term.id);
          const below = new Set(descendantsOf(terms, term.id).map((d) => d.id));
          const parents = others.filter((o) => !below.has(o.id));
          const trail = ancestorsOf(terms, term.id).reverse();
          return (
            <li
              class="people-card"
              data-term={term.slug}
              style={depth > 0 ? `margin-inline-start: ${Math.min(depth, 6) * 1.5}rem` : undefined}
            >
              <h3>
                <bdi>{term.name}</bdi>{' '}
                <span class="meta">
                  <bdi>{term.slug}</bdi> · {t.t('taxonomy.posts', { count: term.posts })}
                </span>
              </h3>
              {trail.length > 0 ? (
                <p class="meta">
                  {t.t('taxonomy.category.under')}{' '}
                  {trail.map((a, i) => (
                    <>
                      {i > 0 ? ' › ' : ''}
                      <bdi>{a.name}</bdi>
                    </>
                  ))}
                </p>
              ) : null}
              <details open={hasProblem(props, term.id)}>
                <summary>{t.t('taxonomy.edit')}</summary>
                <form
                  method="post"
                  action={`/admin/taxonomy/terms/${term.id}`}
                  class="stack narrow"
                >
                  <Csrf token={props.csrfToken} />
                  <Field id={`name-${term.id}`} label={t.t('taxonomy.field.name')}>
                    <input
                      id={`name-${term.id}`}
                      name="name"
                      value={term.name}
                      required
                      dir="auto"
                    />
                  </Field>
                  <Field id={`description-${term.id}`} label={t.t('taxonomy.field.description')}>
                    <textarea id={`description-${term.id}`} name="description" rows={2} dir="auto">
                      {term.description}
                    </textarea>
                  </Field>
                  {kind === 'category' ? (
                    <Field id={`parentId-${term.id}`} label={t.t('taxonomy.field.parent')}>
                      <select id={`parentId-${term.id}`} name="parentId">
                        <option value="" selected={term.parentId === null}>
                          {t.t('taxonomy.parent.none')}
                        </option>
                        {parents.map((o) => (
                          <option value={o.id} selected={o.id === term.parentId}>
                            {o.name}
                          </option>
                        ))}
                      </select>
                    </Field>
                  ) : null}
                  <p class="hint">{t.t('taxonomy.slugFollows')}</p>
                  <button type="submit" class="secondary">
                    {t.t('taxonomy.save')}
                  </button>
                </form>
                {others.length > 0 ? (
                  <form
                    method="post"
                    action={`/admin/taxonomy/terms/${term.id}/merge`}
                    class="stack narrow"
                  >
                    <Csrf token={props.csrfToken} />
                    <Field id={`target-${term.id}`} label={t.t('taxonomy.merge.into')}>
                      <select id={`target-${term.id}`} name="target" required>
                        {others.map((o) => (
                          <option value={o.id}>{o.name}</option>
                        ))}
                      </select>
                    </Field>
                    <p class="hint">{t.t('taxonomy.merge.hint')}</p>
                    <button type="submit" class="secondary">
                      {t.t('taxonomy.merge.submit')}
                    </button>
                  </form>
                ) : null}
                <form
                  method="post"
                  action={`/admin/taxonomy/terms/${term.id}/delete`}
                  class="stack narrow"
                >
                  <Csrf token={props.csrfToken} />
                  <Field id={`replacement-${term.id}`} label={t.t('taxonomy.delete.moveTo')}>
                    <select id={`replacement-${term.id}`} name="replacement">
                      <option value="">{t.t('taxonomy.delete.none')}</option>
                      {others.map((o) => (
                        <option value={o.id}>{o.name}</option>
                      ))}
                    </select>
                  </Field>
                  <p class="hint">{t.t('taxonomy.delete.hint')}</p>
                  <button type="submit" class="danger">
                    {t.t('taxonomy.delete.submit')}
                  </button>
                </form>
              </details>
            </li>
          );
        })}
      </ul>
      <form method="post" action="/admin/taxonomy/terms" class="stack narrow">
        <h3>{t.t(`taxonomy.${kind}.add`)}</h3>
        <Csrf token={props.csrfToken} />
        <input type="hidden" name="kind" value={kind} />
        <Field id={`new-${kind}-name`} label={t.t('taxonomy.field.name')}>
          <input id={`new-${kind}-name`} name="name" required dir="auto" />
        </Field>
        <Field id={`new-${kind}-description`} label={t.t('taxonomy.field.description')}>
          <textarea id={`new-${kind}-description`} name="description" rows={2} dir="auto" />
        </Field>
        <button type="submit">{t.t('taxonomy.create')}</button>
      </form>
    </section>
  );
}

function EventFields({ t, prefix, event }: { t: Translator; prefix: string; event?: EventRow }) {
  return (
    <>
      <Field id={`${prefix}-name`} label={t.t('taxonomy.field.name')}>
        <input id={`${prefix}-name`} name="name" value={event?.name ?? ''} required dir="auto" />
      </Field>
      <Field
        id={`${prefix}-slug`}
        label={t.t('taxonomy.field.slug')}
        hint={t.t('taxonomy.slugHint')}
      >
        <input id={`${prefix}-slug`} name="slug" value={event?.slug ?? ''} dir="auto" />
      </Field>
      <Field id={`${prefix}-startsOn`} label={t.t('taxonomy.field.startsOn')}>
        <input
          id={`${prefix}-startsOn`}
          name="startsOn"
          type="date"
          value={event?.startsOn ?? ''}
        />
      </Field>
      <Field id={`${prefix}-endsOn`} label={t.t('taxonomy.field.endsOn')}>
        <input id={`${prefix}-endsOn`} name="endsOn" type="date" value={event?.endsOn ?? ''} />
      </Field>
      <Field id={`${prefix}-location`} label={t.t('taxonomy.field.location')}>
        <input id={`${prefix}-location`} name="location" value={event?.location ?? ''} dir="auto" />
      </Field>
      <Field id={`${prefix}-url`} label={t.t('taxonomy.field.url')}>
        <input id={`${prefix}-url`} name="url" type="url" value={event?.url ?? ''} />
      </Field>
      <Field id={`${prefix}-description`} label={t.t('taxonomy.field.description')}>
        <textarea id={`${prefix}-description`} name="description" rows={2} dir="auto">
          {event?.description ?? ''}
        </textarea>
      </Field>
    </>
  );
}

function EventSection(props: TaxonomyPageProps) {
  const { t } = props;
  return (
    <section aria-labelledby="event-heading" class="taxonomy-section">
      <h2 id="event-heading">{t.t('taxonomy.event.heading')}</h2>
      {props.events.length === 0 ? <p>{t.t('taxonomy.none')}</p> : null}
      <ul class="people-list">
        {props.events.map((event) => {
          const others = props.events.filter((o) => o.id !== event.id);
          return (
            <li class="people-card" data-event={event.slug}>
              <h3>
                <bdi>{event.name}</bdi>{' '}
                <span class="meta">
                  <bdi>{event.slug}</bdi> · {t.t('taxonomy.posts', { count: event.posts })}
                </span>
              </h3>
              <details open={hasProblem(props, event.id)}>
                <summary>{t.t('taxonomy.edit')}</summary>
                <form
                  method="post"
                  action={`/admin/taxonomy/events/${event.id}`}
                  class="stack narrow"
                >
                  <Csrf token={props.csrfToken} />
                  <EventFields t={t} prefix={`event-${event.id}`} event={event} />
                  <button type="submit" class="secondary">
                    {t.t('taxonomy.save')}
                  </button>
                </form>
                <form
                  method="post"
                  action={`/admin/taxonomy/events/${event.id}/delete`}
                  class="stack narrow"
                >
                  <Csrf token={props.csrfToken} />
                  <Field id={`target-${event.id}`} label={t.t('taxonomy.delete.moveTo')}>
                    <select id={`target-${event.id}`} name="target">
                      <option value="">{t.t('taxonomy.delete.none')}</option>
                      {others.map((o) => (
                        <option value={o.id}>{o.name}</option>
                      ))}
                    </select>
                  </Field>
                  <p class="hint">{t.t('taxonomy.event.deleteHint')}</p>
                  <button type="submit" class="danger">
                    {t.t('taxonomy.event.deleteSubmit')}
                  </button>
                </form>
              </details>
            </li>
          );
        })}
      </ul>
      <form method="post" action="/admin/taxonomy/events" class="stack narrow">
        <h3>{t.t('taxonomy.event.add')}</h3>
        <Csrf token={props.csrfToken} />
        <EventFields t={t} prefix="new-event" />
        <button type="submit">{t.t('taxonomy.create')}</button>
      </form>
    </section>
  );
}
