/**
 * The binary side of the demo content: the playbook PDF (printed once from playbook.html with
 * Chromium and committed) and illustrations rendered here from SVG with sharp, so the
 * repository holds no photographs and nothing is fetched from the network.
 */
import { readFile } from 'node:fs/promises';
import { projectPath } from '../config/paths.js';
import type { DemoTranslationTexts } from '../services/demo/demo-translations.js';
import type { DemoAssets } from '../services/demo/seed-demo.service.js';

/** The six communities' colours, in the order the demo lists them: Buenos Aires, Nairobi, Dar es Salaam, Kampala, Leipzig, Belgrade. */
const colours = ['#4ea8de', '#f77f00', '#06d6a0', '#ffd166', '#ef476f', '#9d4edd'] as const;

/** Six communities on three continents as linked circles over soft arcs (1600×900). */
function bannerSvg(): string {
  const nodes: [number, number, number][] = [
    [330, 610, 92], // Buenos Aires
    [930, 490, 78], // Nairobi
    [960, 660, 70], // Dar es Salaam
    [755, 440, 66], // Kampala
    [1190, 250, 74], // Leipzig
    [1345, 330, 68], // Belgrade
  ];
  const links: string[] = [];
  nodes.forEach(([x1, y1], i) =>
    nodes.slice(i + 1).forEach(([x2, y2]) => {
      const mx = (x1 + x2) / 2;
      const my = Math.min(y1, y2) - 90;
      links.push(
        `<path d="M${x1} ${y1} Q${mx} ${my} ${x2} ${y2}" stroke="#ffffff" stroke-opacity="0.35" stroke-width="4" fill="none"/>`,
      );
    }),
  );
  const circles = nodes
    .map(
      ([x, y, r], i) =>
        `<circle cx="${x}" cy="${y}" r="${r + 26}" fill="${colours[i]}" fill-opacity="0.22"/>` +
        `<circle cx="${x}" cy="${y}" r="${r}" fill="${colours[i]}"/>` +
        `<circle cx="${x - r / 3}" cy="${y - r / 3}" r="${r / 4}" fill="#ffffff" fill-opacity="0.35"/>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="900" viewBox="0 0 1600 900">
  <defs>
    <linearGradient id="sky" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="#0b2545"/>
      <stop offset="0.55" stop-color="#13315c"/>
      <stop offset="1" stop-color="#3a0f4f"/>
    </linearGradient>
    <radialGradient id="glow" cx="0.55" cy="0.55" r="0.6">
      <stop offset="0" stop-color="#ffffff" stop-opacity="0.18"/>
      <stop offset="1" stop-color="#ffffff" stop-opacity="0"/>
    </radialGradient>
  </defs>
  <rect width="1600" height="900" fill="url(#sky)"/>
  <rect width="1600" height="900" fill="url(#glow)"/>
  <g fill="none" stroke="#ffffff" stroke-opacity="0.08" stroke-width="2">
    <ellipse cx="800" cy="470" rx="720" ry="330"/>
    <ellipse cx="800" cy="470" rx="520" ry="240"/>
    <ellipse cx="800" cy="470" rx="300" ry="150"/>
    <path d="M80 470 H1520"/>
    <path d="M800 140 V800"/>
  </g>
  <g fill="#ffffff" fill-opacity="0.06">
    <path d="M230 420 q90 -70 170 10 q40 120 -30 260 q-60 40 -100 -60 q-70 -90 -40 -210z"/>
    <path d="M760 330 q150 -40 250 40 q40 150 -40 330 q-110 40 -170 -90 q-90 -130 -40 -280z"/>
    <path d="M1080 170 q160 -50 330 20 q20 100 -110 150 q-120 30 -200 -40 q-60 -60 -20 -130z"/>
  </g>
  ${links.join('\n  ')}
  ${circles}
</svg>`;
}

/** An edit-a-thon seen from above: a long table, laptops, people, a screen with a video call (1200×800). */
function workshopSvg(): string {
  const seats: string[] = [];
  for (let i = 0; i < 6; i++) {
    const x = 250 + i * 140;
    const colour = colours[i] ?? '#888888';
    for (const [y, dy] of [
      [250, -70],
      [550, 70],
    ] as const) {
      seats.push(
        `<circle cx="${x}" cy="${y + dy}" r="34" fill="${colour}"/>`,
        `<ellipse cx="${x}" cy="${y + dy * 1.55}" rx="52" ry="26" fill="${colour}" fill-opacity="0.7"/>`,
        `<rect x="${x - 42}" y="${dy < 0 ? y + 14 : y - 74}" width="84" height="58" rx="6" fill="#2b2d42"/>`,
        `<rect x="${x - 36}" y="${dy < 0 ? y + 20 : y - 68}" width="72" height="46" rx="3" fill="#8ecae6"/>`,
      );
    }
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800">
  <rect width="1200" height="800" fill="#fdf0d5"/>
  <g fill="#f4d8a8">
    ${Array.from({ length: 12 }, (_, i) => `<rect x="${i * 100}" y="0" width="50" height="800" fill-opacity="0.35"/>`).join('')}
  </g>
  <rect x="160" y="250" width="880" height="300" rx="30" fill="#bc6c25"/>
  <rect x="176" y="266" width="848" height="268" rx="22" fill="#dda15e"/>
  ${seats.join('\n  ')}
  <rect x="1070" y="220" width="100" height="360" rx="10" fill="#2b2d42"/>
  <rect x="1080" y="232" width="80" height="160" rx="6" fill="#9d4edd"/>
  <circle cx="1120" cy="292" r="26" fill="#ffd166"/>
  <rect x="1080" y="408" width="80" height="160" rx="6" fill="#4ea8de"/>
  <circle cx="1120" cy="468" r="26" fill="#06d6a0"/>
  <circle cx="90" cy="400" r="40" fill="#ef476f"/>
  <ellipse cx="90" cy="470" rx="50" ry="32" fill="#ef476f" fill-opacity="0.7"/>
  <g fill="#fefae0" stroke="#bc6c25" stroke-width="3">
    <rect x="560" y="360" width="80" height="80" rx="40"/>
  </g>
  <circle cx="600" cy="400" r="18" fill="#6f1d1b"/>
</svg>`;
}

/** Shelves of books in warm colours (1200×800), for posts about sources and libraries. */
function shelvesSvg(): string {
  const palette = ['#264653', '#2a9d8f', '#e9c46a', '#f4a261', '#e76f51', '#6a4c93', '#1982c4'];
  const books: string[] = [];
  for (let shelf = 0; shelf < 4; shelf++) {
    let x = 80;
    const base = 170 + shelf * 180;
    for (let i = 0; x < 1100; i++) {
      const width = 26 + ((i * 17 + shelf * 7) % 30);
      const height = 100 + ((i * 29 + shelf * 13) % 45);
      const colour = palette[(i + shelf * 3) % palette.length] ?? '#264653';
      books.push(
        `<rect x="${x}" y="${base - height}" width="${width}" height="${height}" rx="3" fill="${colour}"/>`,
        `<rect x="${x + 5}" y="${base - height + 14}" width="${width - 10}" height="6" fill="#ffffff" fill-opacity="0.5"/>`,
      );
      x += width + 4;
    }
    books.push(`<rect x="60" y="${base}" width="1080" height="18" fill="#6f4518"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800" viewBox="0 0 1200 800">
  <rect width="1200" height="800" fill="#f8edeb"/>
  <rect x="50" y="20" width="1100" height="760" rx="12" fill="#99582a"/>
  <rect x="60" y="30" width="1080" height="740" rx="8" fill="#fcefdc"/>
  ${books.join('\n  ')}
</svg>`;
}

async function jpeg(svg: string): Promise<Buffer> {
  // Loaded here, not at the top: only a first start with an empty database renders images.
  const { default: sharp } = await import('sharp');
  return sharp(Buffer.from(svg)).jpeg({ quality: 82 }).toBuffer();
}

/**
 * Loads the demo assets in the order seedDemo expects: the playbook PDF, then the banner
 * (featured image of the joint post), the workshop figure and the bookshelves.
 */
export async function loadDemoAssets(): Promise<DemoAssets> {
  const [playbookPdf, translations, banner, workshop, shelves] = await Promise.all([
    readFile(projectPath('src', 'demo', 'playbook.pdf')),
    readFile(projectPath('src', 'demo', 'joint-post-translations.json'), 'utf8'),
    jpeg(bannerSvg()),
    jpeg(workshopSvg()),
    jpeg(shelvesSvg()),
  ]);
  return {
    playbookPdf,
    translations: JSON.parse(translations) as DemoTranslationTexts,
    images: [
      { name: 'six-communities-banner.jpg', data: banner },
      { name: 'edit-a-thon-workshop.jpg', data: workshop },
      { name: 'library-shelves.jpg', data: shelves },
    ],
  };
}
