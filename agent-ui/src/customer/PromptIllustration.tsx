import type { PromptKind } from '../api/generated/PromptKind';

/**
 * A line drawing of what a step asks for: the card's front or back, the card tilted, the head
 * turned in its direction, speaking, light, switching the camera. Decorative: the text says it.
 */
export function PromptIllustration({ kind, direction }: { kind: PromptKind; direction: string | null }) {
  return (
    <svg class="prompt-illustration" viewBox="0 0 120 90" aria-hidden="true" focusable="false">
      {drawing(kind, direction)}
    </svg>
  );
}

const card = (x = 20, y = 18) => <rect x={x} y={y} width="80" height="52" rx="6" class="ink-fill" />;

function drawing(kind: PromptKind, direction: string | null) {
  switch (kind) {
    case 'show_id_front':
      return (
        <>
          {card()}
          <rect x="28" y="28" width="22" height="30" rx="2" class="ink" />
          <circle cx="39" cy="39" r="5" class="ink" />
          <path d="M31 55c2-6 14-6 16 0" class="ink" />
          <path d="M58 32h34M58 42h28M58 52h32" class="ink" />
        </>
      );
    case 'show_id_back':
      return (
        <>
          {card()}
          <path d="M28 30h64M28 38h40" class="ink" />
          <path d="M28 52h64M28 60h64" class="ink thin" />
        </>
      );
    case 'tilt_document':
      return (
        <>
          <path d="M28 24l68 8v40l-68-8z" class="ink-fill" />
          <path d="M40 34l40 5M40 44l30 4" class="ink" />
          <path d="M14 40c-4 10 0 22 8 28M106 22c6 8 6 20 2 30" class="ink arrow" />
          <path d="M18 66l4 2 0-5M110 50l-2 3-3-3" class="ink" />
        </>
      );
    case 'turn_head':
      return head(direction);
    case 'read_digits':
      return (
        <>
          <path d="M20 20h80a6 6 0 0 1 6 6v30a6 6 0 0 1-6 6H52l-16 12v-12H20a6 6 0 0 1-6-6V26a6 6 0 0 1 6-6z" class="ink-fill" />
          <text x="60" y="47" text-anchor="middle" class="ink-text">1 2 3</text>
        </>
      );
    case 'move_to_light':
      return (
        <>
          <circle cx="60" cy="42" r="14" class="ink-fill" />
          {[0, 45, 90, 135, 180, 225, 270, 315].map((a) => (
            <path key={a} d="M60 16v-8" transform={`rotate(${a} 60 42)`} class="ink" />
          ))}
        </>
      );
    case 'switch_camera':
      return (
        <>
          <rect x="24" y="28" width="72" height="44" rx="6" class="ink-fill" />
          <path d="M46 28l6-8h16l6 8" class="ink" />
          <path d="M48 50a12 12 0 0 1 22-6M72 54a12 12 0 0 1-22 6" class="ink" />
          <path d="M70 38v6h-6M50 66v-6h6" class="ink" />
        </>
      );
  }
}

/** A head seen from the front, its face turned towards the direction, with an arrow. */
function head(direction: string | null) {
  const [dx, dy] = ({ left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] } as Record<string, [number, number]>)[direction ?? ''] ?? [0, 0];
  const fx = 60 + dx * 7;
  const fy = 46 + dy * 6;
  return (
    <>
      <ellipse cx="60" cy="46" rx="21" ry="26" class="ink-fill" />
      <circle cx={fx - 7} cy={fy - 5} r="2.2" class="ink-dot" />
      <circle cx={fx + 7} cy={fy - 5} r="2.2" class="ink-dot" />
      <path d={`M${fx - 6} ${fy + 8}q6 5 12 0`} class="ink" />
      {dx !== 0 && <path d={`M${60 + dx * 30} 46h${dx * 20}m${-dx * 7} -7l${dx * 7} 7l${-dx * 7} 7`} class="ink arrow" />}
      {dy !== 0 && <path d={`M${92} ${46 - dy * 10}v${dy * 20}m-7 ${-dy * 7}l7 ${dy * 7}l7 ${-dy * 7}`} class="ink arrow" />}
    </>
  );
}
