// plan-parse: scraped Chinese plan documents in, a typed plan tree out.
export { parsePlan, prepareText, type ParseOptions } from './pipeline.js';
export { SCHEMA_VERSION } from './types.js';
export type * from './types.js';
export { resolveEncodingName } from './decode/decode.js';
export { detectEncoding } from './decode/detect.js';
export { builtInRules, RuleError, type Rule } from './boilerplate/rules.js';
export { parseRulesFile } from './boilerplate/user-rules.js';
export { parseChineseNumeral } from './numbering/numerals.js';
export { TemplateCounter, TEMPLATE_RULE, samplePage, type PageSample, type TemplateOptions } from './boilerplate/site-template.js';
export { rowsOf, ROW_COLUMNS, type Row } from './emit/rows.js';
