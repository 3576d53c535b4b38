import { committeePage, committeeView, councilHomeView, councilSearchView, type CouncilSite } from '../../model/site/council-views.js';
import type { Renderer } from '../renderer.js';
import { siteTemplates, type SitePage } from './site-pages.js';

/** The council's own pages, by their path at the top of the output folder. */
export async function councilPages(renderer: Renderer, site: CouncilSite): Promise<SitePage[]> {
  const pageCss = renderer.asset('site/site.css') ?? '';
  const feed = (page: string) => ({ feed: { href: `${'../'.repeat(page.split('/').length - 1)}feed.atom`, title: `${site.council.name}: agendas, papers and minutes of every committee` } });
  const pages: SitePage[] = [{ path: 'index.html', html: await renderer.renderSitePage('council', { ...councilHomeView(site), pageCss, ...feed('index.html') }) }];
  for (const committee of site.committees) {
    const path = committeePage(committee.folder);
    pages.push({ path, html: await renderer.renderSitePage('council-committee', { ...committeeView(site, committee), pageCss, ...feed(path) }) });
  }
  pages.push({ path: 'search.html', html: await renderer.renderSitePage('council-search', { ...councilSearchView(site), pageCss, ...feed('search.html') }) });
  return pages;
}

/** The search script, the one a board's site has: it searches every index its page loads. */
export function councilSearchScript(renderer: Renderer): string {
  return siteTemplates(renderer).searchScript;
}
