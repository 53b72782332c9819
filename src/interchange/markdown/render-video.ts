/**
 * The click-to-load video placeholder. The page itself references nothing on the provider's
 * servers except in the play link and `data-embed-src`; `src/client/embed.ts` swaps in the
 * player only when the reader clicks.
 */
import type { Element } from 'hast';
import type { ResolvedVideo } from './directives.js';
import { el, text } from './hast.js';
import { formatTime } from './time.js';

/** `<figure class="embed embed-video" …>` with title, provider, start time and play link. */
export function videoPlaceholder(video: ResolvedVideo): Element {
  const { embed, title } = video;
  const start = video.start !== null && video.start > 0 ? formatTime(video.start) : null;
  const meta = start === null ? embed.providerName : `${embed.providerName} · starts at ${start}`;
  const play = start === null ? 'Play video' : `Play video from ${start}`;
  const source = embed.provider === 'file' ? embed.host : `${embed.providerName} (${embed.host})`;
  return el(
    'figure',
    {
      className: ['embed', 'embed-video'],
      dataEmbedProvider: embed.provider,
      dataEmbedSrc: embed.embedSrc,
      dataEmbedTitle: title,
    },
    [
      el('div', { className: ['embed-placeholder'] }, [
        el('p', { className: ['embed-title'] }, [text(title)]),
        el('p', { className: ['embed-meta'] }, [text(meta)]),
        el(
          'a',
          { className: ['embed-play'], href: embed.watchUrl, rel: ['noopener', 'noreferrer'] },
          [text(play)],
        ),
        el('p', { className: ['embed-notice'] }, [text(`Playing loads the video from ${source}.`)]),
      ]),
    ],
  );
}

/** What an unrenderable directive shows in preview: the problem, visibly, instead of nothing. */
export function directiveProblem(problem: string): Element {
  return el('p', { className: ['directive-problem'] }, [text(problem.replace(/^body: /, ''))]);
}
