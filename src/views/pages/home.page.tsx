/** The home page: published posts, newest first. */
import { DateTime } from '../components/date.js';
import { Picture } from '../components/picture.js';
import { Layout } from '../layouts/layout.js';
import type { PostCardView } from '../post-view-types.js';
import type { ViewUser } from '../view-types.js';

export interface HomePageProps {
  user: ViewUser | null;
  csrfToken: string;
  siteName: string;
  posts: PostCardView[];
  page: number;
  pages: number;
}

export function HomePage(props: HomePageProps) {
  return (
    <Layout
      title={props.siteName}
      siteName={props.siteName}
      user={props.user}
      csrfToken={props.csrfToken}
    >
      <h1 class="page-title">Latest posts</h1>
      {props.posts.length === 0 ? <p>Nothing has been published yet.</p> : null}
      <ol class="post-list">
        {props.posts.map((post) => (
          <li
            class={post.featured ? 'post-card has-image' : 'post-card'}
            lang={post.language}
            dir={post.dir}
          >
            {post.featured ? (
              <Picture
                image={post.featured}
                alt={post.featuredAlt}
                sizes="(min-width: 48rem) 16rem, 100vw"
              />
            ) : null}
            <div class="post-card-text">
              <h2>
                <a href={post.path}>{post.title}</a>
              </h2>
              <p class="meta">
                <DateTime iso={post.publishedAt} lang={post.language} />
                {' · '}
                {post.authors.map((a, i) => (
                  <>
                    {i > 0 ? ', ' : ''}
                    <bdi>{a.displayName}</bdi>
                  </>
                ))}
              </p>
              {post.excerpt ? <p>{post.excerpt}</p> : null}
            </div>
          </li>
        ))}
      </ol>
      {props.pages > 1 ? (
        <nav class="pagination" aria-label="Pages">
          {props.page > 1 ? (
            <a href={`/?page=${props.page - 1}`} rel="prev">
              Newer posts
            </a>
          ) : null}
          <span>
            Page {props.page} of {props.pages}
          </span>
          {props.page < props.pages ? (
            <a href={`/?page=${props.page + 1}`} rel="next">
              Older posts
            </a>
          ) : null}
        </nav>
      ) : null}
    </Layout>
  );
}
