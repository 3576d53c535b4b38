import sanitizeHtml from 'sanitize-html';

/**
 * The one allow-list for HTML that comes from a paper (Markdown, raw HTML inside Markdown, or a
 * Word document). Anything not listed is removed; the text inside a removed element is kept,
 * except for script, style and the like, whose content is dropped with them.
 */
export const ALLOWED_TAGS: readonly string[] = [
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'p', 'ul', 'ol', 'li',
  'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td',
  'a', 'img',
  'strong', 'em', 'code', 'pre', 'blockquote', 'hr', 'br', 'sup', 'sub', 'abbr',
];

export const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  a: ['href'],
  img: ['src', 'alt', 'width', 'height'],
  th: ['scope', 'colspan', 'rowspan', 'style'],
  td: ['colspan', 'rowspan', 'style'],
  ol: ['start'],
  abbr: ['title'],
};

/** Image types a paper may contain; anything else is left out. */
export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/svg+xml';

export interface SanitizeOptions {
  /** Levels to move every heading down: 1 turns h1 into h2, h2 into h3…; h6 stays h6. Default 0. */
  headingShift?: number;
  /**
   * Decides each image: returns its attributes (possibly with a new src) or undefined to leave
   * the image out. Whatever it returns, only an image whose src is a base64 `data:` URI of a
   * PNG, JPEG, GIF or (already sanitised) SVG survives. Without it, SVG data URIs are left out.
   */
  image?: (attribs: Readonly<Record<string, string>>) => Record<string, string> | undefined;
  /** Scope given to a th that has none (Word and Markdown header cells are column headers). */
  defaultThScope?: 'col' | 'row';
}

const SAFE_HREF = /^(?:https?:|mailto:|#)/i;
const DATA_IMAGE = /^data:image\/(?:png|jpeg|gif|svg\+xml);base64,[a-z0-9+/=\s]*$/i;
const DIMENSION = /^\d{1,5}%?$/;
const ALIGN = [/^(?:left|right|center)$/];

export function sanitizePaperHtml(html: string, options: SanitizeOptions = {}): string {
  const shift = Math.max(0, Math.trunc(options.headingShift ?? 0));
  const transformTags: Record<string, sanitizeHtml.Transformer> = {
    b: (_name, attribs) => ({ tagName: 'strong', attribs }),
    i: (_name, attribs) => ({ tagName: 'em', attribs }),
    a: (_name, attribs) => {
      const href = (attribs['href'] ?? '').trim();
      // A link to anywhere else (javascript:, data:, file:, a relative path) loses its href and
      // is then unwrapped to its text by exclusiveFilter. (Renaming it to a disallowed tag would
      // be simpler, but sanitize-html then closes the next element with the wrong name.)
      const kept: sanitizeHtml.Attributes = SAFE_HREF.test(href) ? { href } : {};
      return { tagName: 'a', attribs: kept };
    },
    img: (_name, attribs) => {
      const decided = options.image ? options.image(attribs) : defaultImage(attribs);
      if (!decided || !DATA_IMAGE.test(decided['src'] ?? '')) return { tagName: 'img', attribs: {} };
      const kept: Record<string, string> = { src: decided['src']!.replace(/\s+/g, ''), alt: decided['alt'] ?? '' };
      for (const d of ['width', 'height']) {
        const value = decided[d]?.trim();
        if (value && DIMENSION.test(value)) kept[d] = value;
      }
      return { tagName: 'img', attribs: kept };
    },
  };
  for (let level = 1; level <= 6; level++) {
    const to = `h${Math.min(level + shift, 6)}`;
    transformTags[`h${level}`] = (_name, attribs) => ({ tagName: to, attribs });
  }
  if (options.defaultThScope) {
    const scope = options.defaultThScope;
    transformTags['th'] = (_name, attribs) => ({ tagName: 'th', attribs: { scope, ...attribs } });
  }
  return sanitizeHtml(html, {
    allowedTags: [...ALLOWED_TAGS],
    allowedAttributes: {
      ...Object.fromEntries(Object.entries(ALLOWED_ATTRIBUTES).map(([tag, list]) => [tag, [...list]])),
      th: ['colspan', 'rowspan', 'style', { name: 'scope', values: ['col', 'row', 'colgroup', 'rowgroup'] }],
    },
    allowedStyles: { th: { 'text-align': ALIGN }, td: { 'text-align': ALIGN } },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowedSchemesByTag: { img: ['data'] },
    allowProtocolRelative: false,
    allowedClasses: {},
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'textarea', 'option', 'xmp', 'noscript', 'iframe', 'object', 'template', 'svg', 'math', 'title', 'head'],
    transformTags,
    // Drops the images left without a src and unwraps the links left without an href.
    exclusiveFilter: (frame) => {
      if (frame.tag === 'img' && !frame.attribs['src']) return true;
      if (frame.tag === 'a' && !frame.attribs['href']) return 'excludeTag';
      return false;
    },
  });
}

function defaultImage(attribs: Readonly<Record<string, string>>): Record<string, string> | undefined {
  return /^data:image\/(?:png|jpeg|gif);/i.test(attribs['src'] ?? '') ? { ...attribs } : undefined;
}

/** Largest image inlined into a paper. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/** What the bytes of an image are, from their first bytes rather than any name or declared type. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'image/gif';
  const head = Buffer.from(bytes.subarray(0, 4096)).toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE svg[^>]*>\s*)*<svg[\s>]/i.test(head)) return 'image/svg+xml';
  return undefined;
}

/**
 * An image as a `data:` URI, or why it cannot be one. PNG, JPEG and GIF are inlined as they are;
 * SVG is sanitised first (see sanitizeSvg) and refused when nothing safe is left.
 */
export function imageDataUri(bytes: Uint8Array): { uri: string; type: ImageType } | { reason: string } {
  if (bytes.length > MAX_IMAGE_BYTES) {
    return { reason: `is larger than ${MAX_IMAGE_BYTES / 1048576} MB` };
  }
  const type = sniffImageType(bytes);
  if (!type) return { reason: 'is not a PNG, JPEG, GIF or SVG image' };
  if (type !== 'image/svg+xml') return { uri: `data:${type};base64,${Buffer.from(bytes).toString('base64')}`, type };
  const svg = sanitizeSvg(Buffer.from(bytes).toString('utf8'));
  if (!svg) return { reason: 'is an SVG image with nothing left to show once made safe' };
  return { uri: `data:${type};base64,${Buffer.from(svg, 'utf8').toString('base64')}`, type };
}

const SVG_TAGS = [
  'svg', 'g', 'defs', 'title', 'desc', 'symbol', 'use', 'marker', 'clipPath', 'mask', 'pattern',
  'path', 'rect', 'circle', 'ellipse', 'line', 'polyline', 'polygon',
  'text', 'tspan', 'textPath',
  'linearGradient', 'radialGradient', 'stop',
];

const SVG_ATTRIBUTES = [
  'id', 'class', 'style', 'transform', 'viewBox', 'preserveAspectRatio', 'version', 'width', 'height',
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'rx', 'ry', 'fx', 'fy', 'd', 'points', 'pathLength',
  'dx', 'dy', 'rotate', 'textLength', 'lengthAdjust', 'startOffset', 'href', 'xlink:href',
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap',
  'stroke-linejoin', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-miterlimit', 'opacity',
  'color', 'display', 'visibility', 'overflow', 'clip-path', 'clip-rule', 'mask',
  'marker-start', 'marker-mid', 'marker-end', 'markerWidth', 'markerHeight', 'markerUnits', 'refX', 'refY', 'orient',
  'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'text-anchor', 'text-decoration',
  'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'letter-spacing', 'word-spacing', 'writing-mode',
  'stop-color', 'stop-opacity', 'offset', 'gradientUnits', 'gradientTransform', 'spreadMethod',
  'patternUnits', 'patternContentUnits', 'patternTransform', 'clipPathUnits', 'maskUnits', 'maskContentUnits',
  'role', 'aria-label', 'aria-labelledby', 'aria-describedby', 'aria-hidden', 'lang', 'xml:lang', 'xml:space',
  'shape-rendering', 'text-rendering', 'paint-order', 'vector-effect',
];

/** A CSS or attribute value that may point at nothing but a fragment of the same image. */
const SAFE_SVG_VALUE = /^(?:url\(\s*['"]?#[\w.:-]+['"]?\s*\)|(?!url\s*\()[^\\@<>{}])*$/i;

const SVG_STYLE_PROPERTIES = [
  'fill', 'fill-opacity', 'fill-rule', 'stroke', 'stroke-width', 'stroke-opacity', 'stroke-linecap',
  'stroke-linejoin', 'stroke-dasharray', 'stroke-dashoffset', 'stroke-miterlimit', 'opacity', 'color',
  'display', 'visibility', 'clip-path', 'clip-rule', 'mask', 'marker-start', 'marker-mid', 'marker-end',
  'font', 'font-family', 'font-size', 'font-weight', 'font-style', 'font-variant', 'text-anchor',
  'text-decoration', 'dominant-baseline', 'alignment-baseline', 'baseline-shift', 'letter-spacing',
  'word-spacing', 'white-space', 'stop-color', 'stop-opacity', 'paint-order', 'shape-rendering',
  'text-rendering', 'vector-effect',
];

/**
 * Sanitises an SVG image with an allow-list of drawing elements and presentation attributes:
 * no script, style element, foreignObject, image, a, animation or event handler, and no
 * reference (href, url()) to anything outside the image itself. Returns undefined when no svg
 * element is left. Browsers do not run scripts or fetch resources for an SVG shown through
 * <img>, so this is defence in depth rather than the only guard.
 */
export function sanitizeSvg(svg: string): string | undefined {
  const clean = sanitizeHtml(svg, {
    parser: { xmlMode: true, decodeEntities: true },
    allowedTags: SVG_TAGS,
    allowedAttributes: {
      '*': SVG_ATTRIBUTES,
      svg: [...SVG_ATTRIBUTES, { name: 'xmlns', values: ['http://www.w3.org/2000/svg'] }, { name: 'xmlns:xlink', values: ['http://www.w3.org/1999/xlink'] }],
    },
    allowedStyles: { '*': Object.fromEntries(SVG_STYLE_PROPERTIES.map((p) => [p, [SAFE_SVG_VALUE]])) },
    allowedSchemes: [],
    allowedSchemesByTag: {},
    allowProtocolRelative: false,
    allowedClasses: { '*': [/^[\w-]+$/] },
    disallowedTagsMode: 'discard',
    nonTextTags: ['script', 'style', 'foreignObject', 'image', 'a', 'animate', 'animateMotion', 'animateTransform', 'set', 'iframe', 'metadata'],
    selfClosing: [],
    transformTags: {
      '*': (name, attribs) => {
        const kept: Record<string, string> = {};
        for (const [key, value] of Object.entries(attribs)) {
          if (/^on/i.test(key)) continue;
          if (key === 'href' || key === 'xlink:href') {
            if (/^#[\w.:-]+$/.test(value.trim())) kept[key] = value.trim();
            continue;
          }
          if (key !== 'style' && !SAFE_SVG_VALUE.test(value)) continue;
          kept[key] = value;
        }
        if (name === 'svg' && !kept['xmlns']) kept['xmlns'] = 'http://www.w3.org/2000/svg';
        return { tagName: name, attribs: kept };
      },
    },
  }).trim();
  if (!/^<svg[\s>]/.test(clean)) return undefined;
  // xlink:href on a descendant needs the namespace on the root.
  if (/\sxlink:href=/.test(clean) && !/^<svg[^>]*\sxmlns:xlink=/.test(clean)) {
    return clean.replace(/^<svg/, '<svg xmlns:xlink="http://www.w3.org/1999/xlink"');
  }
  return clean;
}
