// Which characters count as common in Chinese running text: the hanzi the GB 2312 and Big5
// standards set apart as the most used (see common-han-derive.ts for how the set is made), and
// the punctuation such text uses. Stored as a bitmap so no table is built at run time.

export const HAN_FIRST = 0x4e00;
export const HAN_LAST = 0x9fff;

/** Bitmap over U+4E00..U+9FFF (low bit first) of GB 2312 level-1 ∪ Big5 frequent hanzi. */
export const COMMON_HAN_BASE64 = [
  'i297//QsFW8o+13jQwILQETbNs72ewyE+2z6wzgUzagC7qPHUYRRNcjhu34JkinMWKnCKOnD4IAcxIPlA+IKRUG6VodqLwBUiNIg',
  'FCCg8KQhIUIHDLGsSKDAYgSgYioKNQM1gQIEjJn7O7YUpHv7OyE3pho1lO0oUboCOBOgS6/LRcYvMU/BL458UzighrSgjCcK6Asf',
  'DsiKCqTrXAApzWGh4SILhALOq8f+VNfIu4t0GiClZCMEiA4/0ot9/+8bWv+v6MH7eltNRSEZBAHqOVHYZQbAnwqp12OCgGJnBDTC',
  'ghEAkNCKQVqE4NB6RABZnQ4Qt4BcjgjgQgqUeoHAYEFj0YkAwleKAECIAjSfUgOhwCEAKEHQEAcXAmwVLBPkWCtMgQizCUyB5IPs',
  'U4aAEBwIDAhNSAAADEgQgBEAgAZkBiIgE4QzAAAclkUEKCBiKQQM0kBDCECiQCrDFNpJJpCgcJa17pJHkMvzBaVmWCPeJUxiOMEI',
  'SmAsHxVoFQCImhIKmSkCQhBDBgAERATQgAAABAyAAAxwBhLAAUoCIAgAGwAgEAQRAQkAu79YDiulqpuAf39MeeP0EA3g9lthn9Lv',
  'UiWUEIL3Z+8jcTeRAoIGEJMIAiqKgQAABAJCJVEowkDSCpQiEACAEAEAAIIAAJAAECAAAAA1ACJUYOZLnmBuEWO94GjIIS0QsIgO',
  'CFz70IT51sEo4EEWB0ikDRDIxB+NvInhoqIWQFWsInQ+g5qzH4dTA1egImgwwCOBDCKpB8B0OKOPIAhIKCUCPL9JkDAyUIRJkXQ5',
  '4AwilcPrWw5D4yScmACQwJB5IqWMSeFQBEwTBJBbRECELwQASADk1QH1Z40GRN3Ag2seCcj6SdJRBu4NNxkisvR73Z/s85rwhkNC',
  '7DuNAGRk8iHAjkvGDJ2TRQuvF4gFQaJFDApmECJnoNlQADRQZNAFFoGAogAPpAEvRjR6Ldi2bBRFRTCXTEGAFDMYnEDLIJPya0wQ',
  'tQGMGKOasrqBMiLYwADlM8IExdQ4gLGhAlAumixkUMHRRJQjwiEESRID0AJAMkESndMJK7CowP0yJE3Cy9Ajpa/QkgqpNAyM0QEQ',
  'gB92JZI6gKCJygECBoAzbxEbACgDQIBuAJigxqErABEqpIWJQCYOIGAEAAAgAaAABBhsCWmgEkQAMBhIaZAICjgJCAAhCCAmBArC',
  'CgQiJ5AJAIMGCAJAEQCREA3QCAkMAAgsIBAADBAEQQCPAARkgFIBkv4EhJtIDkABEMC0lGOo/A4CmAAgIIFbiNzZGUGHYqHqEwVV',
  'Zm6zVYvyXAr7MhboWC+FKzgCWIRIoE5me+JMCgZgVpADpFc4qNrHJJHxGEZHUl2qDiAkkS57shRFGGRQiYjCBMAoAkExpIxQFLYY',
  'OkRyk5TARoA4AA2eDsEAIBLZUeABFVFBgBDTAFoCDwAkiRPaA0RAiiKtAAEFQAAQAkEYqGHxAEY0AhD4CDcOhQCL0LqAIgAGIBZC',
  'AEEAQFJAUvBTACAQhBSCABECQhhDJZLhcBBZQCABCAA142/AEUSrh4I0JhMERAiEkEACFUGBQgNygzMAQEgaIE7QwDBAgQAAIaUN',
  '0QpAiCCLjQgBJAFAAWQAQGgmAQhkhXiUAgAg3himQUAJCADRyAMBoACEUBRdQMAAEDAglWQ7rykg2BA2ZAxRgcCMgqY+yCxzpCc0',
  'Sw0EH4YDKgiA1w4QBUQQRIEuUgZ51ElKBABAE4Rs5dfZusQUU4IKAIABg8BVA4AAWG4dAKKwWAbAoTYJuIAAiBws6gjgBjBUpKEg',
  'lUEpQCQgANiAkAByioGIAhtUIgwhBICRkAQCQAACQBwAVMMD4eQhIYCFEuAAAMBECu5LKwaB2IIBKSFpkNQBQIq4QXiAAAcK0IYa',
  'IeaxIcYAhLAMQMIpoECmQAgSSkFRABRAqlcIgUCgQpGosCADIhIB0xIIClNCgkCAMAJAigyA4QkwAYA5UAwoAAKkgTBEKmIABGDy',
  'hYABSfUusR6HyA8SXQAhSEZBDwICgApQBTA37YAEBGcJkxQKAAcDaAjItuJqATRGAi4IMgSQWBDVnO6n+OUu9+wmubFxQnglAUNQ',
  'JRARs4QERqUCIF0QRBKDRLMiUDSBA0ILGns4pxNABUipRBxURQCEz+D4GkgtN84WxFtQQHwyoFs1ZIdLBBiKA0NAXDsAYEgbzwWF',
  'AD0BAwjkTaIAhaw1GFzlNxXYBB3jAoAIAANAwI9EBCgEsmiwi2uAoJ7Y6IgCAn5CgACAGXYDSYYVBJqIgBlARkxBhQiGIqKUEJAB',
  'ghchmHwAILARIjFAAoAISjqiAAQIAVIAAASRUQ5KoABQAIBAAJoEKjiAMAgHAEIAJxBAkAQSGECHAQYAoiEgMAaADsAMggQAIACB',
  'AMAz3IAIAm4HFCgQGIZiANEOEcoQYAFKzQWsESYCkIiAUqgCQQFQAQwgAMAECAgMQQkGAAGQBEogIDCADgBCCiEwmCouGYEiFilE',
  'UAAoAgAmBDSzEoEYI4QELQQiDEQpEABAwBGUBIBKiEgQQBQEJHcDFABIABARDdXrqSwkUlxCAHFITXsPGqA2KkX7BUWSlCpEGMBo',
  'ylUXRIEqARkAAkLCAJdAmJEgAQRMFD7rTfdzN6Js7ri2bWptiRRcM5OAQlMxBAY8CAYENghgh5/cub8FDlBfNBA9IKXI6P7/s9ce',
  '3FFN3yj5ACIMIIIIARhESFgCrFKFKBQAlAHgBg4yAhQPIIJYMFSUpi4KAAKcBAQBvBSIAAAAWQgGPPhghgjJNGIQgMLTEahoB+va',
  'SOsHYvZBE/t0LZEnb6b17g1AZlmG7Lt7LWO0tZ+NKwBMxGILCkQCIIYhMGEEAoRDgCATAgA/hGQoVvKBiAoEXAhYEgTj/oMzyCIg',
  'AIAiM0AIAJDjISqCDBAAEBkhAEoRABGMGKIABAAQBAEREAAhB0fJSAAALBAMIBAhQAQE0AUEUAkACCHCsRYBACAIAAABAEgsBRAA',
  'BgAZBIXwAEMM4udDKkhvAAAwCjBHRTMZgwZ64QEKgyQDEAggwYANyh4BOiMCCEAdcRAG5ZUvJ0ITkAJUfoj1OSFpHhf9IXDsMRuA',
  'BVJL875kWgyHxErR4kpQkAQFYxQBRFpHA1gQIKgAAUkgAABKGggQwCJoim4VjxESKIELQPAISaCI4+72BcsxkYFKFBBAAMmEphRw',
  'KBYNTQJBIOAgAqZQIOBnlGKJRAIgcRoAAgAnqgQgAoACQEACAAihQCkgoIwk9Fta1JiCBBKBgRECgF4BQuAACEggAASsAQYQNuAS',
  'BQCAgAAAAAIAAGwAAAEHQAiAAQAgACAIACAgAkgAAtCAAACAEQIgABAQAAABCABAQCACWABIAiQISAEAiAAAAiADFAQAAAIAAACA',
  'EAEEAIgAIAAABgAAAMxqoCigKIQAABAAIbIECIygYAIwWBjwEnkBgZAAgEAoAgGQEEgADAWQyhSEgBAoEZYAAAAAAAAAAAAAAAA=',
].join('');

let bitmap: Uint8Array | null = null;

/** True for a common hanzi or for punctuation Chinese text uses. */
export function isCommonChar(c: number): boolean {
  if (c >= HAN_FIRST && c <= HAN_LAST) {
    bitmap ??= Uint8Array.from(Buffer.from(COMMON_HAN_BASE64, 'base64'));
    const k = c - HAN_FIRST;
    return (bitmap[k >> 3] & (1 << (k & 7))) !== 0;
  }
  return isChinesePunctuation(c);
}

/** Punctuation and symbols of Chinese running text. */
export function isChinesePunctuation(c: number): boolean {
  return (c >= 0x3000 && c <= 0x3011) // 　、。〃 《》「」『』【】 and kin
    || (c >= 0xff01 && c <= 0xff5e) // full-width ASCII: ，：；（）！？ and digits
    || (c >= 0x2014 && c <= 0x201d) // — ‘ ’ “ ”
    || c === 0x2026 // …
    || (c >= 0x2460 && c <= 0x249b) // ① ⑴ ⒈
    || c === 0xb7 || c === 0xd7; // · ×
}

export interface CommonCount {
  /** Non-ASCII characters (a surrogate pair counts once; U+FFFD counts). */
  readonly chars: number;
  /** Those of them that are common hanzi or Chinese punctuation. */
  readonly common: number;
  /** ASCII letters right after a non-ASCII character (a Big5 second byte read as ASCII looks so). */
  readonly strays: number;
}

/** Count the non-ASCII characters of a decoded text and the common ones among them. */
export function countCommon(text: string): CommonCount {
  let chars = 0;
  let common = 0;
  let strays = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      if (c >= 0x40 && c <= 0x7e && i > 0 && text.charCodeAt(i - 1) >= 0x80) strays++;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue; // second half of a pair, counted with the first
    chars++;
    if (isCommonChar(c)) common++;
  }
  return { chars, common, strays };
}

/** Common characters as a share of the non-ASCII ones (0 when there are none). */
export const commonShare = (count: { readonly chars: number; readonly common: number }): number => (count.chars > 0 ? count.common / count.chars : 0);
