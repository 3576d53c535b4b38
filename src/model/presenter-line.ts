/** How the papers name the person who presents or leads an item. Pure. */
import type { Presenter } from './meeting.js';

/** The agenda's line under an item, in the pack, on the website and in its search: "Name, Post, Service". */
export function presenterLine(p: Presenter): string {
  return [p.name, p.post, p.service].filter(Boolean).join(', ');
}

/** The forward plan's lead column is shorter: "Name, Post", without the service. */
export function leadLine(p: { name: string; post?: string | undefined }): string {
  return [p.name, p.post].filter(Boolean).join(', ');
}
