/**
 * Keeps a running WordPress import's page up to date: asks for the run's progress every
 * second and a half, moves the bar, the status and the totals, and adds the report's new
 * lines at the bottom of the table (on its last page, unfiltered). Texts come formatted from
 * the server, in the page's language. When the run ends, the page is loaded again, whole.
 */
interface ProgressLine {
  number: string;
  kind: string;
  label: string;
  wpId: string;
  outcome: string;
  outcomeText: string;
  notes: string;
}

interface Progress {
  status: string;
  statusText: string;
  percent: number | null;
  barText: string;
  totals: Record<string, string>;
  lines: ProgressLine[];
  next: number;
}

/** Rows the table takes before the page offers a next page instead. */
const PAGE_LINES = 200;

function cell(row: HTMLTableRowElement, text: string): HTMLTableCellElement {
  const td = row.insertCell();
  td.textContent = text;
  return td;
}

function start(root: HTMLElement): void {
  const run = root.dataset.run;
  if (!run) return;
  let from = root.dataset.from ? Number(root.dataset.from) : null;
  const body = document.getElementById('import-lines') as HTMLTableSectionElement | null;
  const bar = document.getElementById('import-bar') as HTMLProgressElement | null;
  const barText = document.getElementById('import-bar-label');
  const status = document.getElementById('import-status');
  const tick = async () => {
    const query = from === null ? '' : `?from=${from}`;
    const response = await fetch(`/admin/import/${run}/progress.json${query}`, {
      headers: { accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!response.ok) return;
    const progress = (await response.json()) as Progress;
    if (progress.status !== 'queued' && progress.status !== 'running') {
      window.location.reload();
      return;
    }
    if (bar) {
      if (progress.percent === null) bar.removeAttribute('value');
      else bar.value = progress.percent;
    }
    if (barText) barText.textContent = progress.barText;
    const badge = status?.querySelector('.import-status');
    if (badge) badge.textContent = progress.statusText;
    for (const [outcome, text] of Object.entries(progress.totals)) {
      const total = root.querySelector(`[data-outcome="${outcome}"]`);
      if (total) total.textContent = text;
    }
    if (from !== null && body) {
      for (const line of progress.lines) {
        if (body.rows.length >= PAGE_LINES) break;
        const row = body.insertRow();
        row.className = `import-line import-line-${line.outcome}`;
        cell(row, line.number);
        cell(row, line.kind);
        const item = cell(row, '');
        const label = document.createElement('bdi');
        label.textContent = line.label;
        const id = document.createElement('span');
        id.className = 'muted';
        id.textContent = line.wpId;
        item.append(label, ' ', id);
        cell(row, line.outcomeText);
        cell(row, line.notes);
      }
      from = body.rows.length >= PAGE_LINES ? null : progress.next;
    }
  };
  const loop = () => {
    tick()
      .catch(() => undefined)
      .finally(() => window.setTimeout(loop, 1500));
  };
  window.setTimeout(loop, 1500);
}

const root = document.getElementById('import-run');
if (root) start(root);
