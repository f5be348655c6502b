// Pages the first screen does not need load on demand: esbuild splits them into their own chunks, and each chunk's
// style sheet (named by the page in <meta name="lazy-styles">) is linked before the chunk runs, since esbuild does
// not load a split chunk's CSS and the CSP allows no inline style.
import { lazy, type ComponentType } from 'react';

const linked = new Map<string, Promise<void>>();

function lazyStyleSheets(chunk: string): string[] {
  const meta = document.querySelector('meta[name="lazy-styles"]');
  let styles: Record<string, string> = {};
  try {
    styles = JSON.parse(meta?.getAttribute('content') || '{}') as Record<string, string>;
  } catch {
    styles = {};
  }
  return Object.entries(styles).filter(([js]) => js.startsWith(`${chunk}-`)).map(([, css]) => css);
}

function linkStyleSheet(href: string): Promise<void> {
  let done = linked.get(href);
  if (!done) {
    done = new Promise<void>(resolve => {
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = new URL(`app/${href}`, document.baseURI).toString();
      // A missing style sheet leaves the page plain, not broken.
      link.onload = () => resolve();
      link.onerror = () => resolve();
      document.head.append(link);
    });
    linked.set(href, done);
  }
  return done;
}

/**
 * React.lazy for a page built as its own entry point named `chunk` (build.mjs: LAZY_PAGES), its style sheets
 * linked first.
 */
export function lazyPage<P extends object>(chunk: string, load: () => Promise<ComponentType<P>>) {
  return lazy(async () => {
    const [page] = await Promise.all([load(), Promise.all(lazyStyleSheets(chunk).map(linkStyleSheet))]);
    return { default: page };
  });
}
