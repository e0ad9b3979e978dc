import * as buffer from 'buffer';

/**
 * Text conversions exactly as Go performs them where kubectl reads files, so that a stray byte
 * reads the same here as there.
 */
export class GoText {
  /**
   * Bytes to text as Go's utf8.DecodeRune walks them (golang.org/x/text's UTF-8 decoder, which
   * kubectl's file reader uses, and encoding/json's string encoder): every byte that does not
   * start a valid UTF-8 sequence becomes one U+FFFD. (The WHATWG decoder differs: it replaces a
   * truncated sequence with a single U+FFFD.)
   */
  public static decodeUtf8(bytes: Buffer): string {
    if (isUtf8(bytes)) return bytes.toString('utf-8');
    const parts: string[] = [];
    let run = 0;
    let i = 0;
    while (i < bytes.length) {
      const size = validSequenceLength(bytes, i);
      if (size > 0) {
        i += size;
        continue;
      }
      if (i > run) parts.push(bytes.toString('utf-8', run, i));
      parts.push('\ufffd');
      i++;
      run = i;
    }
    if (i > run) parts.push(bytes.toString('utf-8', run, i));
    return parts.join('');
  }

  /**
   * UTF-16 after a byte order mark, as golang.org/x/text's decoder reads it: unpaired surrogates
   * and an odd last byte become U+FFFD (the WHATWG decoder does the same).
   */
  public static decodeUtf16(bytes: Buffer, bigEndian: boolean): string {
    return new TextDecoder(bigEndian ? 'utf-16be' : 'utf-16le').decode(bytes);
  }
}

const nodeIsUtf8 = (buffer as { isUtf8?: (input: Buffer) => boolean }).isUtf8;

function isUtf8(bytes: Buffer): boolean {
  if (nodeIsUtf8) return nodeIsUtf8(bytes);
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The length of the valid UTF-8 sequence at `i` (utf8.DecodeRune's rules), or 0. */
function validSequenceLength(b: Buffer, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const n = b.length;
  if (c >= 0xc2 && c <= 0xdf) return i + 1 < n && isContinuation(b[i + 1]) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef) {
    if (i + 2 >= n) return 0;
    const lo = c === 0xe0 ? 0xa0 : 0x80;
    const hi = c === 0xed ? 0x9f : 0xbf;
    return b[i + 1] >= lo && b[i + 1] <= hi && isContinuation(b[i + 2]) ? 3 : 0;
  }
  if (c >= 0xf0 && c <= 0xf4) {
    if (i + 3 >= n) return 0;
    const lo = c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xf4 ? 0x8f : 0xbf;
    return b[i + 1] >= lo && b[i + 1] <= hi && isContinuation(b[i + 2]) && isContinuation(b[i + 3]) ? 4 : 0;
  }
  return 0;
}

function isContinuation(c: number): boolean {
  return c >= 0x80 && c <= 0xbf;
}
