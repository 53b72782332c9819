/**
 * Video URLs authors paste, understood well enough to build a click-to-load embed: which
 * provider, which video, and any start time carried by the URL itself.
 */
import { parseUrlTime } from './time.js';

/** Where a video plays from. `file` is a direct https link to an .mp4/.webm/.ogv file. */
export type VideoProvider = 'youtube' | 'vimeo' | 'file';

/** A recognised video URL. */
export interface VideoRef {
  provider: VideoProvider;
  /** YouTube id, Vimeo number, or the normalised https file URL (without fragment). */
  id: string;
  /** Vimeo's privacy hash for unlisted videos (`vimeo.com/ID/HASH`, `?h=HASH`). */
  hash?: string;
  /** Start time given in the URL (`t=`, `start=`, `#t=`), in seconds. */
  urlStart: number | null;
}

/** Everything the placeholder needs, built from a VideoRef and the effective start time. */
export interface VideoEmbed {
  provider: VideoProvider;
  /** Human name shown to readers: "YouTube", "Vimeo", or the file host. */
  providerName: string;
  /** Host named in the privacy notice, e.g. `youtube.com`. */
  host: string;
  /** Player URL the client script loads on click (never loaded by the server-rendered page). */
  embedSrc: string;
  /** Link that works without JavaScript: opens the video at the start time. */
  watchUrl: string;
}

const YOUTUBE_HOSTS = new Set([
  'youtube.com',
  'www.youtube.com',
  'm.youtube.com',
  'music.youtube.com',
  'youtube-nocookie.com',
  'www.youtube-nocookie.com',
]);
const VIMEO_HOSTS = new Set(['vimeo.com', 'www.vimeo.com', 'player.vimeo.com']);
const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;
const VIDEO_FILE = /\.(?:mp4|webm|ogv)$/i;

function parseUrl(value: string): URL | null {
  try {
    return new URL(value.trim());
  } catch {
    return null;
  }
}

function fragmentTime(url: URL): string | null {
  const hash = url.hash.replace(/^#/, '');
  return hash === '' ? null : new URLSearchParams(hash).get('t');
}

function timeFrom(...candidates: (string | null)[]): number | null {
  for (const candidate of candidates) {
    if (candidate === null) continue;
    const seconds = parseUrlTime(candidate);
    if (seconds !== null) return seconds;
  }
  return null;
}

function youtubeId(url: URL): string | null {
  const host = url.hostname.toLowerCase();
  if (host === 'youtu.be') return url.pathname.split('/')[1] ?? null;
  if (!YOUTUBE_HOSTS.has(host)) return null;
  if (url.pathname === '/watch') return url.searchParams.get('v');
  const match = /^\/(?:embed|shorts|live|v)\/([^/]+)\/?$/.exec(url.pathname);
  return match?.[1] ?? null;
}

function vimeoRef(url: URL): { id: string; hash?: string } | null {
  const host = url.hostname.toLowerCase();
  if (!VIMEO_HOSTS.has(host)) return null;
  const pattern =
    host === 'player.vimeo.com'
      ? /^\/video\/(\d+)\/?$/
      : /^\/(?:channels\/[^/]+\/|groups\/[^/]+\/videos\/|video\/)?(\d+)(?:\/([0-9a-f]+))?\/?$/i;
  const match = pattern.exec(url.pathname);
  const id = match?.[1];
  if (id === undefined) return null;
  const hash = match?.[2] ?? url.searchParams.get('h') ?? undefined;
  return hash !== undefined && /^[0-9a-f]+$/i.test(hash) ? { id, hash } : { id };
}

/** Recognises YouTube, Vimeo and direct https video-file URLs; null for anything else. */
export function identifyVideo(value: string): VideoRef | null {
  const url = parseUrl(value);
  if (url === null || url.username !== '' || url.password !== '') return null;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return null;

  const youtube = youtubeId(url);
  if (youtube !== null) {
    if (!YOUTUBE_ID.test(youtube)) return null;
    const urlStart = timeFrom(
      url.searchParams.get('t'),
      url.searchParams.get('start'),
      fragmentTime(url),
    );
    return { provider: 'youtube', id: youtube, urlStart };
  }

  const vimeo = vimeoRef(url);
  if (vimeo !== null) {
    const urlStart = timeFrom(fragmentTime(url), url.searchParams.get('t'));
    return { provider: 'vimeo', ...vimeo, urlStart };
  }
  if (VIMEO_HOSTS.has(url.hostname.toLowerCase()) || url.hostname.toLowerCase() === 'youtu.be') {
    return null;
  }

  if (url.protocol === 'https:' && VIDEO_FILE.test(url.pathname)) {
    const urlStart = timeFrom(fragmentTime(url));
    const file = new URL(url.href);
    file.hash = '';
    return { provider: 'file', id: file.href, urlStart };
  }
  return null;
}

/** Builds the player and watch URLs for a recognised video starting at `start` seconds. */
export function videoEmbed(ref: VideoRef, start: number | null): VideoEmbed {
  const seconds = start !== null && start > 0 ? start : null;
  switch (ref.provider) {
    case 'youtube': {
      const embed = new URL(`https://www.youtube-nocookie.com/embed/${ref.id}`);
      if (seconds !== null) embed.searchParams.set('start', String(seconds));
      embed.searchParams.set('autoplay', '1');
      const watch = new URL('https://www.youtube.com/watch');
      watch.searchParams.set('v', ref.id);
      if (seconds !== null) watch.searchParams.set('t', `${seconds}s`);
      return {
        provider: 'youtube',
        providerName: 'YouTube',
        host: 'youtube.com',
        embedSrc: embed.href,
        watchUrl: watch.href,
      };
    }
    case 'vimeo': {
      const embed = new URL(`https://player.vimeo.com/video/${ref.id}`);
      if (ref.hash !== undefined) embed.searchParams.set('h', ref.hash);
      embed.searchParams.set('autoplay', '1');
      const watch = new URL(
        `https://vimeo.com/${ref.id}${ref.hash !== undefined ? `/${ref.hash}` : ''}`,
      );
      if (seconds !== null) {
        embed.hash = `t=${seconds}s`;
        watch.hash = `t=${seconds}s`;
      }
      return {
        provider: 'vimeo',
        providerName: 'Vimeo',
        host: 'vimeo.com',
        embedSrc: embed.href,
        watchUrl: watch.href,
      };
    }
    case 'file': {
      const file = new URL(ref.id);
      if (seconds !== null) file.hash = `t=${seconds}`;
      return {
        provider: 'file',
        providerName: 'Video file',
        host: file.hostname,
        embedSrc: file.href,
        watchUrl: file.href,
      };
    }
  }
}
