// Warming a tool that stays open (watch, the studio). Its first build usually comes whole from
// the render cache, so nothing has loaded or compiled the renderer and the binder yet, and the
// first edit would pay for that: 2 to 3 s instead of a fifth of a second. While the tool waits
// for that edit, one booklet is bound again and one of its cards fitted, for nothing: the
// results are written nowhere and cached nowhere. Only time is at stake: any failure is
// left for the build that meets it to report.
import { bindBooklet, planBooklets } from './booklets.js';
import { cardDocument } from './build.js';
import { renderDocuments } from './render.js';
import type { Project } from './project.js';

export async function warmUp(ws: Project): Promise<void> {
  try {
    const { data } = await ws.valid();
    const images = await ws.images(data);
    const [booklet] = await planBooklets(data, { root: ws.root, images }, []);
    if (!booklet) return;
    // The booklet's documents come from the render cache; its own pages are rendered and the
    // whole is bound, as after an edit (no cache given: nothing is read from it or put in it).
    const docs = [...booklet.sheets.map((s) => cardDocument(data, s)), ...booklet.others];
    const { rendered } = await renderDocuments(data, docs, { cache: ws.renderCache });
    await bindBooklet(booklet, rendered, undefined, () => {});
    // A card fitted on its page: the card's template, text layout and the fitting itself.
    const { fitSheets } = await import('../fit/index.js');
    if (booklet.sheets[0]) await fitSheets([booklet.sheets[0]], data.actions);
  } catch {
    // Warming is a saving, never a condition.
  }
}
