// A translator's file, before it is imported: the studio builds the documents it would change
// (nothing in the data is written) and shows their pages beside the current ones; the reviewer
// then imports it, or not. The server side is ../translations.ts.
import { drawPage, openPdf } from '/app/pdf.js';
import { h, api, studio, directionOf, languageName, plural, problemList } from '/app/dom.js';

/** At most this many pages of a document are drawn side by side (a booklet opens as a PDF). */
const SHOWN_PAGES = 4;

export function translationPreview(main) {
  const say = h('p', { class: 'say', role: 'status', 'aria-live': 'polite' });
  const results = h('div', { class: 'results' });
  const input = h('input', { type: 'file', id: 'translation-file', accept: '.xlf,.xliff,.xlsx', onchange: () => input.files[0] && preview(input.files[0]) });
  main.replaceChildren(h('div', { class: 'translations' },
    h('div', { class: 'panel' },
      h('header', {}, h('h1', {}, 'Preview a translation'), h('p', {}, 'See the translated pages before anything is imported')),
      h('div', { class: 'pick' },
        h('label', { for: 'translation-file' }, 'The file the translator sent back (.xlf, .xliff or .xlsx, as the translation export wrote it)'),
        input,
        h('p', { class: 'explain' }, 'The studio checks it as an import would and builds the documents it changes into out/preview/. Nothing in the data changes until you import it.'),
        say)),
    results));

  async function preview(file) {
    say.className = 'say';
    say.textContent = `Checking ${file.name} and building the pages it changes…`;
    results.replaceChildren();
    let res;
    try {
      res = await fetch(`/api/translations/preview?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: file });
    } catch {
      say.className = 'say bad';
      say.textContent = 'The studio is not running: start it again and open the file again.';
      return;
    }
    const body = await res.json().catch(() => ({ message: `the studio answered ${res.status} without a message` }));
    if (!res.ok) {
      say.className = 'say bad';
      say.textContent = `Not previewed: ${body.message}`;
      results.replaceChildren(...problemList(body.problems ?? [], { title: `${plural((body.problems ?? []).length, 'problem')} in ${file.name}: fix ${(body.problems ?? []).length === 1 ? 'it' : 'them'} in the translation tool, then open the file again.` }));
      return;
    }
    say.className = 'say good';
    say.replaceChildren(languageLabel(body.lang), body.documents.length ? `: ${plural(body.documents.length, 'document')} would change. Compare them below.` : ': the file changes no page.');
    show(body);
  }

  function show(body) {
    const notes = body.notes.length ? h('div', { class: 'banner info', role: 'note' }, h('div', {}, h('strong', {}, 'Notes on this file'), h('ul', {}, ...body.notes.map((n) => h('li', {}, n))))) : null;
    const importSay = h('p', { class: 'say', role: 'status', 'aria-live': 'polite' });
    const importProblems = h('div');
    const importButton = h('button', { type: 'button', class: 'button', id: 'translation-import', onclick: async () => {
      if (!confirm(`Import ${body.name} into the data? Its translations (${body.lang}) replace the ones in the data files (the files keep their comments), and every document is made again.`)) return;
      importButton.disabled = true;
      importSay.className = 'say';
      importSay.textContent = `Importing ${body.name}…`;
      const { status, body: r } = await api('/api/translations/import', { token: body.token });
      if (status !== 200) {
        importButton.disabled = false;
        importSay.className = 'say bad';
        importSay.textContent = `Not imported: ${r.message}`;
        importProblems.replaceChildren(...problemList(r.problems ?? []));
        return;
      }
      importProblems.replaceChildren();
      importSay.className = 'say good';
      importSay.replaceChildren(...(r.units ? ['Imported ', languageLabel(r.lang), `: ${plural(r.units, 'text')} in ${plural(r.files.length, 'file')} (${r.files.join(', ')}). The documents are being made again.`] : ['Nothing changed: these ', languageLabel(r.lang), ' translations are already in the data.']));
    } }, `Import ${body.name}`);
    const compared = body.documents.map((d) => comparison(d, body.lang, textsOf(body.texts, d)));
    results.replaceChildren(...[notes, ...compared, body.documents.length ? h('div', { class: 'panel import' }, importButton, importSay, importProblems) : null].filter(Boolean));
  }

  return { update() {} };
}

/** A language's own name inside an English sentence, isolated so an Arabic name does not reorder it. */
const languageLabel = (code) => h('bdi', { lang: code }, languageName(code));

/** The texts of the file that land in a document: a record's own, or (a booklet) the shared wording. */
function textsOf(texts, d) {
  const record = (t) => /^data\/(actions|factsheets)\/([^/]+)\.ya?ml$/.exec(t.file)?.[2];
  return d.kind === 'booklet' ? texts.filter((t) => !record(t)) : texts.filter((t) => record(t) === d.id);
}

/** What changes, text by text: the field, the words now (struck through) and the file's. */
function changedTexts(texts, lang) {
  if (!texts.length) return null;
  const dir = directionOf(lang);
  return h('dl', { class: 'changed-texts' }, ...texts.flatMap((t) => [
    h('dt', {}, t.unit.replace(/^.*?#/, '')),
    h('dd', { dir, lang }, t.now ? [h('del', {}, h('span', { class: 'visually-hidden' }, 'now: '), t.now), ' '] : null, h('ins', {}, h('span', { class: 'visually-hidden' }, 'with this file: '), t.after)),
  ]));
}

/** One document: what changes in it, then its current pages (when there are any) beside the pages the file would make. */
function comparison(d, lang, texts) {
  const now = studio.state?.documents.find((x) => x.id === d.id && x.lang === d.lang && (d.kind === 'booklet') === (x.kind === 'booklet'));
  const title = now?.title ?? d.id;
  const column = (label, url, which) => {
    const pages = h('div', { class: 'pages compare-pages' });
    const col = h('figure', { class: 'compare-column' }, h('figcaption', {}, h('strong', {}, label), ' ', url ? h('a', { href: url, target: '_blank' }, 'Open the PDF') : null), pages);
    if (url) drawAll(url, pages, title, which);
    else pages.append(h('p', { class: 'note' }, 'Not built in this language yet.'));
    return col;
  };
  return h('section', { class: 'panel comparison', 'data-doc': `${d.lang}/${d.id}` },
    h('header', {}, h('h2', { dir: directionOf(lang), lang }, title), h('p', {}, languageLabel(d.lang), ` · ${d.kind === 'booklet' ? 'booklet' : d.id} · ${plural(texts.length, 'text')} changed`)),
    changedTexts(texts, lang),
    h('div', { class: 'compare' }, column('Now', now?.pdf, 'now'), column('With this file', d.preview, 'with the translation')));
}

async function drawAll(url, into, title, which) {
  const pdf = await openPdf(url);
  const n = Math.min(pdf.numPages, SHOWN_PAGES);
  for (let i = 1; i <= n; i++) {
    const c = into.appendChild(h('canvas', { role: 'img', 'aria-label': `${title}, ${which}: page ${i} of ${pdf.numPages}` }));
    await drawPage(url, i, c, Math.max(200, into.clientWidth - 40));
  }
  if (pdf.numPages > n) into.append(h('p', { class: 'note' }, `and ${plural(pdf.numPages - n, 'more page')}: open the PDF to see them`));
  into.dataset.drawn = 'true';
}
