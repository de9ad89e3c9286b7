// The plan tree: the public shape of plan-parse output (see README "Output").
// A unist tree: every node has `type`; nodes from the input carry `position`.

/** The output shape's version; bumped on any change to these types. */
export const SCHEMA_VERSION = 2;

/** A place in the decoded input text: 1-based line and column, 0-based offset (UTF-16 code units). */
export interface Point {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** A span of the decoded input text, end exclusive. */
export interface Position {
  readonly start: Point;
  readonly end: Point;
}

/** Encodings plan-parse decodes. */
export type EncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'big5';

/** What `source.encoding` says: the encoding decoded, or `mixed` for a file decoded by segments. */
export type SourceEncoding = EncodingName | 'mixed';

/** What happens to traditional script: converted to simplified, or kept as it is. */
export const SCRIPT_MODES = ['convert', 'keep'] as const;
export type ScriptMode = (typeof SCRIPT_MODES)[number];

/**
 * How Big5 codes C6A1–C8FE were read: `hkscs` the ETEN extension as Big5-HKSCS carries it (①–⑩ at
 * C6A1, ⑴–⑽ at C6AB; iconv-lite, browsers), `big5-txt` the layout of Unicode's former BIG5.TXT table
 * that Python's big5 and cp950 codecs write (kana from C6A1, Cyrillic from C7B1, ①–⑩ at C7E9, ⑴–⑽ at C7F3).
 */
export type Big5Extension = 'hkscs' | 'big5-txt';

/** A run of whole lines of a `mixed` file, in one encoding: bytes [byteStart, byteEnd) of the input. */
export interface EncodingSegment {
  readonly encoding: EncodingName;
  readonly byteStart: number;
  readonly byteEnd: number;
  /** Only for a Big5 segment: the layout its codes C6A1–C8FE were read in. */
  readonly big5Extension?: Big5Extension;
}

/** Script of the input text. */
export type ScriptName = 'simplified' | 'traditional' | 'mixed' | 'none';

/** Where the text came from and what was done to it before structure was read. */
export interface Source {
  /** The path as given; null for standard input or a string. */
  readonly path: string | null;
  /** Size of the input in bytes (UTF-8 bytes when a string was given). */
  readonly bytes: number;
  /** The encoding that was decoded; `mixed` when parts of the file were in different encodings. */
  readonly encoding: SourceEncoding;
  /** Only when `encoding` is `mixed`: the runs of lines and the encoding each was decoded in, in byte order, covering the input. */
  readonly segments?: readonly EncodingSegment[];
  /** Only when `encoding` is `big5`: the layout its codes C6A1–C8FE were read in, decided by where those characters stand. */
  readonly big5Extension?: Big5Extension;
  /** How sure the detection was, 0..1; 1 when a BOM, a string input or --encoding decided it. */
  readonly encodingConfidence: number;
  /** Detected script of the input. */
  readonly script: ScriptName;
  /** True when (some of) the text was converted to simplified script. */
  readonly converted: boolean;
  /** How it was converted: the regional variant read, the opencc-js preset, whether vocabulary was converted too. */
  readonly conversion: ScriptConversion | null;
  /** The input format: plain text, Markdown or HTML. */
  readonly format: InputFormat;
}

export type InputFormat = 'text' | 'markdown' | 'html';

export interface ScriptConversion {
  /** The regional forms read: tw Taiwan, hk Hong Kong, generic none told (read with the Hong Kong tables). */
  readonly variant: 'tw' | 'hk' | 'generic';
  /**
   * The opencc-js preset that converted, `Converter({ from: opencc, to: 'cn' })`: `tw` or `hk`
   * characters only (the default), `twp` or `hkp` with the region's vocabulary.
   */
  readonly opencc: 'tw' | 'twp' | 'hk' | 'hkp';
  /**
   * True when regional vocabulary was converted as well as characters (option `vocabulary`):
   * 資料來源 → 数据源, 軟體 → 软件, and the project's words (国小 → 小学). False: the page's own words.
   */
  readonly vocabulary: boolean;
  /**
   * `hk` when a second pass converted Hong Kong forms the Taiwan tables leave (衞 敍 枱 粧 糭 衹),
   * and only those characters; null when there was none to convert.
   */
  readonly secondPass: 'hk' | null;
}

/** A numbering family. `ordinal` is the marker's value as a number. */
export type MarkerStyle =
  | 'cjk-dun' // 一、
  | 'cjk-dot' // 一. 一．
  | 'cjk-comma' // 一， 一,
  | 'cjk-colon' // 一： 一:
  | 'cjk-rparen' // 一） 一)
  | 'formal-dun' // 壹、 贰、 (formal numerals)
  | 'stem-dun' // 甲、 乙、 (heavenly stems)
  | 'roman' // Ⅰ、 Ⅱ. ⅰ、
  | 'paren-cjk' // （一） (一) ㈠
  | 'paren-cjk-dun' // (一)、
  | 'arabic-dot' // 1. 1．
  | 'arabic-dun' // 1、
  | 'arabic-comma' // 1，
  | 'arabic-bare' // 1 text, 1text
  | 'arabic-rparen' // 1) 1）
  | 'section-sign' // §1. §2
  | 'latin-dot' // a. A、
  | 'latin-rparen' // a) b）
  | 'paren-latin' // (a) （b）
  | 'paren-arabic' // （1） (1)
  | 'paren-arabic-dun' // (1)、
  | 'decimal' // 1.1  1.1.1
  | 'circled-paren' // ⑴
  | 'circled' // ①
  | 'di-comma' // 第一， 第一、
  | 'di-part' // 第一部分
  | 'di-chapter' // 第一章
  | 'di-section' // 第一节
  | 'di-article' // 第一条
  | 'cjk-shi' // 一是 一要
  | 'word-cjk' // 模块一： 专题二：
  | 'cjk-bare' // 一 whose brackets were lost
  | 'dash'; // —— ----

export interface Marker {
  /** The numbering exactly as it stands in the text. */
  readonly raw: string;
  /** The numbering family. */
  readonly style: MarkerStyle;
  /** The value as a number (十二 → 12); null for dash bullets and placeholders (第n条). */
  readonly ordinal: number | null;
}

/** A heading that opens nested content: numbered, or an unnumbered label such as 指导思想. */
export interface SectionNode {
  /** The node type. */
  readonly type: 'section';
  /** Stable path: `d` + document number, then each ancestor's and its own ordinal, or `p` + position (e.g. `d2/3/p1`). */
  readonly id: string;
  /** Nesting depth inside its document: 1 = top level. */
  readonly depth: number;
  /** Null for an unnumbered label heading. */
  readonly marker: Marker | null;
  /** The heading text (its lead clause when the heading line runs on), without a single trailing 。 ； or ;. */
  readonly title: string;
  /** The nodes under the heading. */
  readonly children: BodyNode[];
  /** Where the section stands in the decoded input, its children included. */
  readonly position: Position;
}

/** A numbered entry with no nested numbered entries. */
export interface ItemNode {
  /** The node type. */
  readonly type: 'item';
  /** Stable path: `d` + document number, then each ancestor's and its own ordinal, or `p` + position (e.g. `d2/3/p1`). */
  readonly id: string;
  /** Nesting depth inside its document: 1 = top level. */
  readonly depth: number;
  /** The entry's numbering. */
  readonly marker: Marker;
  /** The lead clause of the text, without a trailing 。 ； or ;. */
  readonly title: string;
  /** All of the entry's text, marker excluded. */
  readonly text: string;
  /** Where the entry stands in the decoded input. */
  readonly position: Position;
}

/** Running text that belongs to the enclosing node. */
export interface ParagraphNode {
  readonly type: 'paragraph';
  readonly text: string;
  readonly position: Position;
}

export type BodyNode = SectionNode | ItemNode | ParagraphNode;

/** One plan on the page. */
export interface DocumentNode {
  readonly type: 'document';
  /** The document's own title line; null when it has none. */
  readonly title: string | null;
  readonly children: BodyNode[];
  readonly position: Position;
}

/** A span taken out as boilerplate. */
export interface Removal {
  /** Name of the rule that removed it. */
  readonly rule: string;
  /** The removed text, as in the decoded input. */
  readonly text: string;
  readonly position: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/**
 * The facts each diagnostic carries, by code: every code the library reports is a key here, and
 * `src/diagnostics.ts` words each one (the only place that does).
 */
export interface DiagnosticArgs {
  /** A run of bytes the encoding cannot read, replaced by one U+FFFD. */
  readonly 'invalid-bytes': { readonly encoding: string; readonly byte: number; readonly count: number };
  /** A well-formed code the encoding leaves unassigned (byte and count known), or a U+FFFD no byte run explains. */
  readonly 'unmapped-character': { readonly encoding: string; readonly byte: number | null; readonly count: number };
  /** A lone surrogate in a string input, replaced by U+FFFD. */
  readonly 'invalid-utf16': { readonly codeUnit: number };
  /** Markdown read as plain text: a list too long to parse in pieces, or a parser error. */
  readonly 'markdown-read-as-text': { readonly reason: 'list-too-long'; readonly limit: number } | { readonly reason: 'parse-error'; readonly error: string };
  /** Markdown list or quote markers past the nesting limit, taken out (kept in removed under `rule`). */
  readonly 'markdown-nesting-cut': { readonly limit: number; readonly lines: number; readonly rule: string };
  /** HTML elements below the nesting limit, read as part of the one above. */
  readonly 'html-nesting-cut': { readonly limit: number; readonly elements: number };
  /** Numbering nested deeper than the limit, kept at the limit. */
  readonly 'nesting-too-deep': { readonly limit: number };
  /** A number repeating the one before it. */
  readonly 'numbering-repeat': { readonly marker: string };
  /** A number lower than the one before it. */
  readonly 'numbering-restart': { readonly marker: string; readonly before: string };
  /** A number skipping some after the one before it. */
  readonly 'numbering-gap': { readonly marker: string; readonly before: string };
  /** A list opening at a number other than 1 that does not carry on the previous section's. */
  readonly 'numbering-start': { readonly marker: string; readonly carried: number | null };
  /** More findings of one code in one document than are listed: how many were left out, placed at the first of them. */
  readonly 'findings-capped': { readonly code: DiagnosticCode; readonly limit: number; readonly omitted: number };
}

/** Stable identifier of a diagnostic, e.g. `invalid-bytes`, `numbering-gap`. */
export type DiagnosticCode = keyof DiagnosticArgs;

/** A diagnostic as a stage reports it: its code and facts, no words. */
export type Finding = { readonly [C in DiagnosticCode]: { readonly code: C; readonly args: DiagnosticArgs[C] } }[DiagnosticCode];

/** A finding placed in the input: what a stage hands on, for the pipeline to word. */
export type PlacedFinding = Finding & { readonly position: Position | null };

/** A problem met on the way; nothing is silent. */
export interface Diagnostic {
  readonly severity: Severity;
  /** Stable identifier, e.g. `invalid-bytes`, `numbering-gap`. */
  readonly code: DiagnosticCode;
  /** The diagnostic in words (English), from its code and facts. */
  readonly message: string;
  readonly position: Position | null;
  /** Byte offset in the input, for decoding problems. */
  readonly byteOffset?: number;
}

export interface RootNode {
  readonly type: 'root';
  readonly schemaVersion: typeof SCHEMA_VERSION;
  readonly source: Source;
  /** The page's own title standing above the documents, else null. */
  readonly title: string | null;
  readonly children: DocumentNode[];
  readonly removed: Removal[];
  readonly diagnostics: Diagnostic[];
  readonly position: Position;
}

export type PlanNode = RootNode | DocumentNode | BodyNode;
