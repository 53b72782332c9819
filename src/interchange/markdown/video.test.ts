import { describe, expect, it } from 'vitest';
import { identifyVideo, videoEmbed } from './video.js';

const ID = 'dQw4w9WgXcQ';

describe('identifyVideo', () => {
  it.each([
    [`https://www.youtube.com/watch?v=${ID}`, null],
    [`https://youtube.com/watch?v=${ID}&t=7950`, 7950],
    [`https://www.youtube.com/watch?v=${ID}&t=2h12m30s`, 7950],
    [`https://m.youtube.com/watch?v=${ID}#t=90`, 90],
    [`https://youtu.be/${ID}`, null],
    [`https://youtu.be/${ID}?t=750`, 750],
    [`https://www.youtube.com/embed/${ID}?start=30`, 30],
    [`https://www.youtube-nocookie.com/embed/${ID}`, null],
    [`https://www.youtube.com/shorts/${ID}`, null],
    [`http://www.youtube.com/watch?v=${ID}`, null],
  ])('recognises YouTube %s', (url, start) => {
    expect(identifyVideo(url)).toEqual({ provider: 'youtube', id: ID, urlStart: start });
  });

  it.each([
    ['https://vimeo.com/76979871', { id: '76979871', urlStart: null }],
    ['https://vimeo.com/76979871#t=90s', { id: '76979871', urlStart: 90 }],
    ['https://vimeo.com/76979871#t=1m30s', { id: '76979871', urlStart: 90 }],
    ['https://player.vimeo.com/video/76979871', { id: '76979871', urlStart: null }],
    ['https://vimeo.com/channels/staffpicks/76979871', { id: '76979871', urlStart: null }],
    ['https://vimeo.com/76979871/abc123ef', { id: '76979871', hash: 'abc123ef', urlStart: null }],
  ])('recognises Vimeo %s', (url, expected) => {
    expect(identifyVideo(url)).toEqual({ provider: 'vimeo', ...expected });
  });

  it.each([
    ['https://media.example.org/talks/keynote.mp4', null],
    ['https://media.example.org/talks/keynote.webm#t=120', 120],
    ['https://media.example.org/talks/keynote.OGV', null],
  ])('recognises a direct file %s', (url, start) => {
    const ref = identifyVideo(url);
    expect(ref?.provider).toBe('file');
    expect(ref?.id).toBe(url.replace(/#.*$/, ''));
    expect(ref?.urlStart).toBe(start);
  });

  it.each([
    'not a url',
    'javascript:alert(1)//.mp4',
    'http://media.example.org/keynote.mp4',
    'https://example.org/page.html',
    'https://www.youtube.com/watch?v=short',
    'https://www.youtube.com/watch',
    'https://vimeo.com/about',
    'https://evil.example/youtube.com/watch?v=dQw4w9WgXcQ',
    'https://user:pass@www.youtube.com/watch?v=dQw4w9WgXcQ',
    'data:video/mp4;base64,AAAA',
  ])('rejects %s', (url) => {
    expect(identifyVideo(url)).toBeNull();
  });
});

describe('videoEmbed', () => {
  it('builds privacy-enhanced YouTube player and watch links', () => {
    const ref = identifyVideo(`https://www.youtube.com/watch?v=${ID}`);
    expect(ref).not.toBeNull();
    if (ref === null) return;
    const embed = videoEmbed(ref, 7950);
    expect(embed.embedSrc).toBe(
      `https://www.youtube-nocookie.com/embed/${ID}?start=7950&autoplay=1`,
    );
    expect(embed.watchUrl).toBe(`https://www.youtube.com/watch?v=${ID}&t=7950s`);
    expect(videoEmbed(ref, null).embedSrc).toBe(
      `https://www.youtube-nocookie.com/embed/${ID}?autoplay=1`,
    );
  });

  it('builds Vimeo links with the start in the fragment and the privacy hash kept', () => {
    const ref = identifyVideo('https://vimeo.com/76979871/abc123ef');
    if (ref === null) throw new Error('not recognised');
    const embed = videoEmbed(ref, 90);
    expect(embed.embedSrc).toBe(
      'https://player.vimeo.com/video/76979871?h=abc123ef&autoplay=1#t=90s',
    );
    expect(embed.watchUrl).toBe('https://vimeo.com/76979871/abc123ef#t=90s');
  });

  it('uses a media fragment for direct files', () => {
    const ref = identifyVideo('https://media.example.org/keynote.mp4#t=5');
    if (ref === null) throw new Error('not recognised');
    const embed = videoEmbed(ref, 750);
    expect(embed.embedSrc).toBe('https://media.example.org/keynote.mp4#t=750');
    expect(embed.host).toBe('media.example.org');
  });
});
