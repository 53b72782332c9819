/** A post as readers see it: title, byline, date, featured image, body, taxonomy and events. */
import { Byline } from '../components/byline.js';
import { DateTime } from '../components/date.js';
import { Picture } from '../components/picture.js';
import { Layout } from '../layouts/layout.js';
import type { PostPageView } from '../post-view-types.js';
import type { ViewUser } from '../view-types.js';

export interface PostPageProps {
  user: ViewUser | null;
  csrfToken: string;
  siteName: string;
  post: PostPageView;
}

export function PostPage({ user, csrfToken, siteName, post }: PostPageProps) {
  return (
    <Layout
      title={post.title}
      siteName={siteName}
      user={user}
      csrfToken={csrfToken}
      lang={post.language}
      dir={post.dir}
      description={post.excerpt || undefined}
      scripts={['/assets/build/embed.js']}
    >
      <article class="post" lang={post.language} dir={post.dir}>
        {post.preview ? (
          <p class="notice" role="status">
            Preview of revision {post.preview.revision} ({post.preview.status}). Readers do not see
            this page.
          </p>
        ) : null}
        <header class="post-header">
          <h1>{post.title}</h1>
          <Byline authors={post.authors} organizations={post.organizations} uiLang="en" />
          <p class="meta">
            <DateTime iso={post.publishedAt} lang={post.language} />
          </p>
        </header>
        {post.featured ? (
          <figure class="featured">
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
        <footer class="post-footer">
          {post.events.length > 0 ? (
            <p class="events">
              Event:{' '}
              {post.events.map((e, i) => (
                <>
                  {i > 0 ? '; ' : ''}
                  <bdi>{e.name}</bdi>
                  {e.location ? ` (${e.location})` : ''}
                </>
              ))}
            </p>
          ) : null}
          {post.categories.length > 0 ? (
            <p class="categories">
              Categories:{' '}
              {post.categories.map((c, i) => (
                <>
                  {i > 0 ? ', ' : ''}
                  <span class="term">{c.name}</span>
                </>
              ))}
            </p>
          ) : null}
          {post.tags.length > 0 ? (
            <ul class="tags" aria-label="Tags">
              {post.tags.map((t) => (
                <li class="tag">#{t.name}</li>
              ))}
            </ul>
          ) : null}
        </footer>
      </article>
    </Layout>
  );
}
