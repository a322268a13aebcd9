/**
 * Resource types as the list's Type column shows them and `resource-type:` matches them, under
 * DevTools' names (its ResourceType names: fetch, xhr, script, stylesheet, image, font, media,
 * ping, other). The recorders name them differently: webRequest calls both `fetch()` and
 * XMLHttpRequest `xmlhttprequest` (in Chromium and Firefox alike), a Chrome HAR says `fetch` or `xhr`.
 */

interface ResourceType {
  /** What the Type column shows. */
  readonly label: string;
  /** The DevTools resource types it may be. */
  readonly devtools: readonly string[];
}

const TYPES: Readonly<Record<string, ResourceType>> = {
  xmlhttprequest: { label: 'fetch/xhr', devtools: ['fetch', 'xhr'] },
  fetch: { label: 'fetch', devtools: ['fetch'] },
  xhr: { label: 'xhr', devtools: ['xhr'] },
  script: { label: 'script', devtools: ['script'] },
  stylesheet: { label: 'stylesheet', devtools: ['stylesheet'] },
  image: { label: 'img', devtools: ['image'] },
  imageset: { label: 'img', devtools: ['image'] },
  font: { label: 'font', devtools: ['font'] },
  media: { label: 'media', devtools: ['media'] },
  ping: { label: 'ping', devtools: ['ping'] },
  beacon: { label: 'ping', devtools: ['ping'] },
  other: { label: 'other', devtools: ['other'] },
};

/** The DevTools names `resource-type:` accepts. */
export const DEVTOOLS_RESOURCE_TYPES = ['fetch', 'xhr', 'script', 'stylesheet', 'image', 'font', 'media', 'ping', 'other'] as const;

function typeOf(recorded: string): ResourceType {
  return TYPES[recorded.toLowerCase()] ?? { label: recorded, devtools: [recorded.toLowerCase()] };
}

/** The Type column's text for a recorded type. */
export function resourceTypeLabel(recorded: string): string {
  return typeOf(recorded).label;
}

/** Whether a recorded type may be the DevTools resource type `name` (lower-case). */
export function isResourceType(recorded: string, name: string): boolean {
  return typeOf(recorded).devtools.includes(name);
}
