/**
 * The click-to-load video placeholder. The page itself references nothing on the provider's
 * servers except in the play link and `data-embed-src`; `src/client/embed.ts` swaps in the
 * player only when the reader clicks.
 */
import type { Element } from 'hast';
import type { ResolvedVideo } from './directives.js';
import { el, text } from './hast.js';
import { formatTime } from './time.js';

/**
 * `<figure class="embed embed-video" …>` with title, provider, start time and play link. Its
 * interface texts are English here and carry `data-l10n` (a message name under `embed.`) with
 * their arguments in `data-l10n-args` (JSON), so a page can say them in the reader's interface
 * language (src/http/presenters/localize-body.ts) while feeds and previews keep these words.
 */
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
        el(
          'p',
          {
            className: ['embed-meta'],
            ...l10n(start === null ? null : 'meta', { provider: embed.providerName, start }),
          },
          [text(meta)],
        ),
        el(
          'a',
          {
            className: ['embed-play'],
            href: embed.watchUrl,
            rel: ['noopener', 'noreferrer'],
            ...l10n(start === null ? 'play' : 'playFrom', { start }),
          },
          [text(play)],
        ),
        el('p', { className: ['embed-notice'], ...l10n('notice', { source }) }, [
          text(`Playing loads the video from ${source}.`),
        ]),
      ]),
    ],
  );
}

/** The marks of an interface text: its message (under `embed.`) and arguments; none for null. */
export function l10n(
  message: string | null,
  args: Record<string, string | number | null>,
): Record<string, string> {
  return message === null ? {} : { dataL10n: message, dataL10nArgs: JSON.stringify(args) };
}

/** What an unrenderable directive shows in preview: the problem, visibly, instead of nothing. */
export function directiveProblem(problem: string): Element {
  return el('p', { className: ['directive-problem'] }, [text(problem.replace(/^body: /, ''))]);
}
