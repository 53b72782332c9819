import { describe, expect, it } from 'vitest';
import { enhanceEmbeds, safeEmbedSrc } from './embed.js';

describe('safeEmbedSrc', () => {
  it.each([
    ['youtube', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=7950&autoplay=1'],
    ['youtube', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1'],
    ['vimeo', 'https://player.vimeo.com/video/76979871?autoplay=1#t=90s'],
    ['vimeo', 'https://player.vimeo.com/video/76979871?h=abc123&autoplay=1'],
    ['file', 'https://media.example.org/talks/keynote.mp4#t=750'],
    ['file', 'https://media.example.org/talks/keynote.webm'],
  ])('allows %s player %s', (provider, src) => {
    expect(safeEmbedSrc(provider, src)).toBe(src);
  });

  it.each([
    ['youtube', 'javascript:alert(1)'],
    ['youtube', 'JAVASCRIPT:alert(1)//www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['youtube', 'data:text/html,<script>alert(1)</script>'],
    ['youtube', 'http://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['youtube', 'https://www.youtube.com/embed/dQw4w9WgXcQ'],
    ['youtube', 'https://evil.example/embed/dQw4w9WgXcQ'],
    ['youtube', 'https://www.youtube-nocookie.com.evil.example/embed/dQw4w9WgXcQ'],
    ['youtube', 'https://user@www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['youtube', 'https://www.youtube-nocookie.com:8443/embed/dQw4w9WgXcQ'],
    ['youtube', 'https://www.youtube-nocookie.com/embed/../../redirect'],
    ['youtube', 'https://player.vimeo.com/video/76979871'],
    ['vimeo', 'https://vimeo.com/76979871'],
    ['vimeo', 'https://player.vimeo.com/video/abc'],
    ['file', 'http://media.example.org/keynote.mp4'],
    ['file', 'https://media.example.org/page.html'],
    ['file', 'vbscript:msgbox(1)'],
    ['other', 'https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ'],
    ['youtube', ''],
    ['youtube', 'not a url'],
  ])('refuses %s player %s', (provider, src) => {
    expect(safeEmbedSrc(provider, src)).toBeNull();
  });
});

describe('enhanceEmbeds', () => {
  it('does nothing when there are no placeholders', () => {
    const root = { querySelectorAll: () => [] } as unknown as ParentNode;
    expect(() => enhanceEmbeds(root)).not.toThrow();
  });
});
