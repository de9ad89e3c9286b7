// The one shape of removed text inside the pipeline. HTML chrome and Markdown markers (extract/),
// boilerplate rules and site-template lines (boilerplate/) and the page title (outline/) are all
// recorded as a RemovedSpan; the pipeline places each in the input as a public `Removal`.

/** A span of the decoded input taken out, with the rule that took it. Offsets are the decoded text's. */
export interface RemovedSpan {
  /** Name of the rule (or `html-chrome`, `site-template`, `page-title` …) that removed it. */
  readonly rule: string;
  /** The removed text, as the stage that removed it saw it. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}
