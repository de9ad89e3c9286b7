// Which HTML elements are page chrome rather than page text: by tag (nav, header, footer …), by
// ARIA role, and by class or id words (menu, breadcrumb, sidebar, share, pagination …).
import type { Element } from 'hast';

/** Elements that hold no page text at all (code, media, form controls); left out silently. */
export const NON_TEXT_TAGS: ReadonlySet<string> = new Set([
  'head', 'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'math', 'canvas', 'object', 'embed',
  'audio', 'video', 'map', 'select', 'textarea', 'button',
]);

/** Elements that are chrome by their tag. */
const CHROME_TAGS: ReadonlySet<string> = new Set(['nav', 'footer', 'aside', 'form']);
/** Sectioning elements whose own header (title, date line) is part of the page text. */
const CONTENT_TAGS: ReadonlySet<string> = new Set(['article', 'main']);
/** Never chrome, whatever their class says: the document and its content wrappers. */
const NEVER_CHROME: ReadonlySet<string> = new Set(['html', 'body', 'main', 'article']);

const CHROME_ROLES: ReadonlySet<string> = new Set(['navigation', 'banner', 'contentinfo', 'complementary', 'search', 'menu', 'menubar']);

/**
 * A class or id word that names chrome: nav, topnav, mainmenu, breadcrumbs, sidebar, share-box,
 * friend links (flink, friendlinks, yqlj: 友情链接), a tool bar (toolbar, topbar) …
 */
const CHROME_WORD = /^(?:(?:top|sub|main|side|site|foot|global|left|right)?(?:nav|navbar|navi|navigation|menus?)|breadcrumbs?|crumbs?|footer|foot|sidebar|comments?|share|sharing|related|pagination|pager|copyright|flinks?|friendlinks?|yqlj|toolbar|topbar)$/u;

/** The words of a class name or id: split at - _ and lowerCase→UpperCase steps. */
function wordsOf(name: string): string[] {
  return name.replace(/([a-z])([A-Z])/gu, '$1 $2').toLowerCase().split(/[\s\-_:.]+/u).filter(Boolean);
}

function namesOf(element: Element): string[] {
  const { className, id } = element.properties;
  const classes = Array.isArray(className) ? className.map(String) : className != null ? String(className).split(/\s+/u) : [];
  return id != null ? [...classes, String(id)] : classes;
}

/**
 * Whether the element is chrome; `insideContent` says it stands inside an article or main. A class
 * or id never makes chrome of an element that holds the article (`<div class="has-sidebar">`).
 */
export function isChrome(element: Element, insideContent: boolean): boolean {
  const tag = element.tagName;
  if (NEVER_CHROME.has(tag)) return false;
  if (CHROME_TAGS.has(tag) || (tag === 'header' && !insideContent)) return true;
  const role = element.properties['role'];
  if (typeof role === 'string' && CHROME_ROLES.has(role.toLowerCase())) return true;
  const named = namesOf(element).some((name) => wordsOf(name).some((w) => CHROME_WORD.test(w)));
  return named && !holdsContent(element);
}

function holdsContent(element: Element): boolean {
  return element.children.some((c) => c.type === 'element' && (CONTENT_TAGS.has(c.tagName) || holdsContent(c)));
}

/** Whether the element opens page content (an article), inside which a header is kept. */
export const opensContent = (element: Element): boolean => CONTENT_TAGS.has(element.tagName);
