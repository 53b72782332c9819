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
  const { post } = view;
  return {
    title: view.shown.title,
    excerpt: view.shown.excerpt,
    language: view.shown.language,
    dir: languageDirection(view.shown.language),
    sourceLanguage: post.sourceLanguage,
    translation: view.shown.isOriginal
      ? null
      : {
          completion: view.shown.completion,
          outdated: view.shown.outdated,
          translators: view.shown.translators,
          reviewers: view.shown.reviewers,
          originalPath: view.versions.find((v) => v.isOriginal)?.path ?? view.path,
        },
    path: view.path,
    publishedAt: post.publishedAt,
    authors: view.authors,
    organizations: view.organizations,
    tags: view.tags,
    categories: view.categories,
    events: view.events,
    featured: image(view.featured),
    featuredAlt: view.featuredAlt.text,
    featuredAltLang: { lang: view.featuredAlt.lang, dir: view.featuredAlt.dir },
    bodyHtml: view.bodyHtml,
    ...(preview ? { preview } : {}),
  };
}
