/** Service records → the view shapes the post and listing pages render. */
import { languageDirection } from '../../domain/language.js';
import type { MediaInfo } from '../../services/ports.js';
import type { PostView } from '../../services/posts/read-post.service.js';
import type { ImageView, PostPageView } from '../../views/post-view-types.js';

function image(m: MediaInfo | null): ImageView | null {
  return m && m.kind === 'image'
    ? { url: m.url, width: m.width, height: m.height, variants: m.variants }
    : null;
}

export function presentPost(view: PostView, preview?: PostPageView['preview']): PostPageView {
  const { post, revision } = view;
  return {
    title: revision.title,
    excerpt: revision.excerpt,
    language: post.sourceLanguage,
    dir: languageDirection(post.sourceLanguage),
    path: view.path,
    publishedAt: post.publishedAt,
    authors: view.authors,
    organizations: view.organizations,
    tags: view.tags,
    categories: view.categories,
    events: view.events,
    featured: image(view.featured),
    featuredAlt: revision.featuredAlt,
    bodyHtml: view.bodyHtml,
    ...(preview ? { preview } : {}),
  };
}
