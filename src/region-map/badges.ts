/**
 * Where the numbered badges go: on each region's label point, unless that makes two badges meet.
 * Small neighbouring regions (Zuid Kennemerland, Holland Rijnland, IJmond) have label points a
 * few pixels apart on a phone, so overlapping badges are pushed apart and drawn with a leader
 * line back to their region.
 */

export interface Badge {
  code: string;
  /** The region's label point, in map pixels. */
  x: number;
  y: number;
  /** Radius of the badge's circle, stroke included. */
  r: number;
}

export interface PlacedBadge extends Badge {
  /** Where the badge is drawn: its label point, or moved off it. */
  cx: number;
  cy: number;
  /** Moved so far off its label point that it needs a line back to it. */
  leader: boolean;
}

/** Space between two badges' boxes, in pixels. */
const GAP = 2;
/** Rounds of pushing apart; a few are enough for the 42 regions at 320 px. */
const ROUNDS = 200;

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

/**
 * Pushes badges apart until no two bounding boxes meet, each time along the axis that needs the
 * shorter move, and keeps them inside `width` × `height`. Deterministic: the same map at the same
 * width always has the same badges.
 */
export function placeBadges(badges: readonly Badge[], width: number, height: number): PlacedBadge[] {
  const placed = badges.map((badge) => ({ ...badge, cx: badge.x, cy: badge.y, leader: false }));
  const keepInside = (badge: PlacedBadge) => {
    badge.cx = clamp(badge.cx, badge.r, width - badge.r);
    badge.cy = clamp(badge.cy, badge.r, height - badge.r);
  };
  placed.forEach(keepInside);
  for (let round = 0; round < ROUNDS; round++) {
    let moved = false;
    for (let i = 0; i < placed.length; i++) {
      for (let j = i + 1; j < placed.length; j++) {
        const a = placed[i]!;
        const b = placed[j]!;
        const dx = b.cx - a.cx;
        const dy = b.cy - a.cy;
        const reach = a.r + b.r + GAP;
        const overlapX = reach - Math.abs(dx);
        const overlapY = reach - Math.abs(dy);
        if (overlapX <= 0 || overlapY <= 0) continue;
        moved = true;
        // A little more than half each, so rounding never leaves them touching.
        if (overlapX < overlapY) {
          const step = (Math.sign(dx) || 1) * (overlapX / 2 + 0.01);
          a.cx -= step;
          b.cx += step;
        } else {
          const step = (Math.sign(dy) || 1) * (overlapY / 2 + 0.01);
          a.cy -= step;
          b.cy += step;
        }
        keepInside(a);
        keepInside(b);
      }
    }
    if (!moved) break;
  }
  for (const badge of placed) badge.leader = Math.hypot(badge.cx - badge.x, badge.cy - badge.y) > badge.r;
  return placed;
}
