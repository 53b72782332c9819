/**
 * Click-to-load video embeds (bundled to /assets/embed.js). The server renders a placeholder
 * that loads nothing from the provider; on a click of its play link this swaps in the player.
 * The player URL comes from `data-embed-src` but is re-validated here, so a crafted attribute
 * can never load anything other than an https player from the expected host.
 */

const YOUTUBE_EMBED = /^\/embed\/[A-Za-z0-9_-]{11}$/;
const VIMEO_EMBED = /^\/video\/\d+$/;
const VIDEO_FILE = /\.(?:mp4|webm|ogv)$/i;

/**
 * The player URL to load for a provider, or null when `src` is not an https URL on that
 * provider's player host (YouTube via youtube-nocookie.com, Vimeo via player.vimeo.com, direct
 * files: any https .mp4/.webm/.ogv).
 */
export function safeEmbedSrc(provider: string, src: string): string | null {
  let url: URL;
  try {
    url = new URL(src);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '' || url.port !== '') {
    return null;
  }
  const host = url.hostname.toLowerCase();
  switch (provider) {
    case 'youtube':
      return host === 'www.youtube-nocookie.com' && YOUTUBE_EMBED.test(url.pathname)
        ? url.href
        : null;
    case 'vimeo':
      return host === 'player.vimeo.com' && VIMEO_EMBED.test(url.pathname) ? url.href : null;
    case 'file':
      return VIDEO_FILE.test(url.pathname) ? url.href : null;
    default:
      return null;
  }
}

function player(provider: string, src: string, title: string): HTMLElement {
  if (provider === 'file') {
    const video = document.createElement('video');
    video.controls = true;
    video.autoplay = true;
    video.preload = 'metadata';
    video.src = src;
    video.title = title;
    video.className = 'embed-frame';
    return video;
  }
  const iframe = document.createElement('iframe');
  iframe.src = src;
  iframe.title = title;
  iframe.allow = 'autoplay; fullscreen';
  iframe.allowFullscreen = true;
  iframe.referrerPolicy = 'strict-origin-when-cross-origin';
  iframe.className = 'embed-frame';
  return iframe;
}

function enhance(figure: HTMLElement): void {
  if (figure.dataset.embedReady !== undefined) return;
  const link = figure.querySelector<HTMLAnchorElement>('a.embed-play');
  if (link === null) return;
  figure.dataset.embedReady = '';
  link.addEventListener('click', (event) => {
    const provider = figure.dataset.embedProvider ?? '';
    const src = safeEmbedSrc(provider, figure.dataset.embedSrc ?? '');
    // An invalid player URL falls back to the plain link (already sanitized on the server).
    if (src === null) return;
    event.preventDefault();
    const title = figure.dataset.embedTitle ?? link.textContent ?? 'Video';
    const element = player(provider, src, title);
    const placeholder = figure.querySelector('.embed-placeholder');
    if (placeholder === null) figure.prepend(element);
    else placeholder.replaceWith(element);
    figure.dataset.embedLoaded = '';
    element.focus();
  });
}

/** Wires every video placeholder under `root` (idempotent: already-wired ones are skipped). */
export function enhanceEmbeds(root: ParentNode): void {
  for (const figure of root.querySelectorAll<HTMLElement>('figure.embed-video[data-embed-src]')) {
    enhance(figure);
  }
}

if (typeof document !== 'undefined') {
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', () => enhanceEmbeds(document), { once: true });
  } else {
    enhanceEmbeds(document);
  }
}
