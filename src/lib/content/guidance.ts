import type { Heading, ListItem, Nodes, PhrasingContent, RootContent } from 'mdast';
import { fromMarkdown } from 'mdast-util-from-markdown';
import {
  CodeLanguageSchema,
  CodeSlotSchema,
  ControlGuidanceSchema,
  PLATFORM_LABELS,
  PlatformSchema,
  allControls,
  parseGuidance,
  type Catalogue,
  type ControlGuidance,
  type Fix,
  type Guidance,
  type CodeLanguage,
  type CodePart,
  type InlineRun,
  type Paragraph,
  type Platform,
  type Step,
  slotPlaceholder,
} from '../model/catalogue';
import { ContentError, fieldName, parseContent } from './parse';

/**
 * The guidance for each control is a Markdown file, guidance/<control-id>.md, that a maintainer
 * edits like any document (see README.md beside this file). This module turns the Markdown syntax
 * tree into the model's small text tree. It accepts only the few shapes the screen, the CSV and
 * the PDF can show, and refuses anything else (raw HTML, images, tables, unknown headings...) with
 * the file, the field in words and the line, rather than drop or pass it on silently.
 *
 * Only checklist.ts imports this module, dynamically: the files and the Markdown parser are one
 * lazily loaded chunk, fetched when a section is first shown.
 */

/** The sections of every guidance file, by their "## " heading, in the order they are shown. */
const SECTIONS = [
  'Why it matters',
  'How to check',
  'How to fix',
  'Source in the guidance',
] as const;
type SectionName = (typeof SECTIONS)[number];

/** A platform's "### " heading under "How to fix" is its label as the screen shows it. */
const PLATFORM_BY_LABEL = new Map(
  PlatformSchema.options.map((platform) => [PLATFORM_LABELS[platform], platform] as const),
);

const WHOLE_FILE = fieldName([]);

/** Where a problem is: the file, and the field in words ("How to fix › Postfix › step 2"). */
interface Place {
  file: string;
  field: string;
}

function within(place: Place, part: string): Place {
  return {
    file: place.file,
    field: place.field === WHOLE_FILE ? part : `${place.field} › ${part}`,
  };
}

/** Throws the problem as a ContentError, with the line of the node when the parser knows it. */
function fail(place: Place, problem: string, node?: Pick<Nodes, 'position'>): never {
  const line = node?.position?.start.line;
  let field = place.field;
  if (line !== undefined) field = field === WHOLE_FILE ? `line ${line}` : `${field} (line ${line})`;
  throw new ContentError(place.file, field, problem);
}

const quoted = (names: readonly string[]) => names.map((name) => `"${name}"`).join(', ');

/** The text of a node and its descendants, marks dropped (for headings and messages). */
function textOf(node: Nodes): string {
  if ('value' in node) return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(textOf).join('');
  return '';
}

/** Anything not where the file's shape expects it, described so the maintainer can find it. */
function unexpected(place: Place, node: RootContent): never {
  switch (node.type) {
    case 'html':
      return fail(place, rawHtml(node.value), node);
    case 'code':
      return fail(
        place,
        'a code block outside a step: indent it under the text of its step (three spaces after "1. ")',
        node,
      );
    case 'heading':
      return fail(place, `a heading is not expected here ("${textOf(node)}")`, node);
    case 'thematicBreak':
      return fail(place, 'a horizontal rule (---) is not allowed', node);
    case 'definition':
      return fail(place, 'reference-style links are not supported: write [text](https://…)', node);
    case 'list':
      return fail(place, 'a list is not expected here', node);
    case 'blockquote':
      return fail(place, 'a quotation (>) is not expected here', node);
    case 'paragraph':
      return fail(place, `text is not expected here ("${excerpt(textOf(node))}")`, node);
    default:
      return fail(place, `${node.type} is not supported`, node);
  }
}

function rawHtml(html: string): string {
  return `raw HTML is not allowed (found ${excerpt(html)}): use Markdown marks such as **bold** or \`code\`, or write \\< to show a < as text`;
}

function excerpt(text: string): string {
  const line = text.trim().split('\n')[0] ?? '';
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
}

/** The delimiter row of a Markdown table ("| --- | --- |"), which CommonMark reads as text. */
const TABLE_DELIMITER_ROW = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)+\|?\s*$/m;

/** The inline content of a paragraph or a link as runs; refuses what the model cannot hold. */
function inlineRuns(place: Place, nodes: readonly PhrasingContent[]): InlineRun[] {
  const runs: InlineRun[] = [];
  for (const node of nodes) {
    switch (node.type) {
      case 'text': {
        if (TABLE_DELIMITER_ROW.test(node.value)) {
          fail(place, 'tables are not supported: write the rows as steps or paragraphs', node);
        }
        // A line break inside a paragraph is only where the editor wrapped the line.
        const value = node.value.replace(/[ \t]*\r?\n[ \t]*/g, ' ');
        const last = runs.at(-1);
        if (last?.type === 'text') last.value += value;
        else runs.push({ type: 'text', value });
        break;
      }
      case 'inlineCode':
        runs.push({ type: 'code', value: node.value });
        break;
      case 'strong':
      case 'emphasis':
        runs.push({ type: node.type, children: inlineRuns(place, node.children) });
        break;
      case 'link': {
        if (!/^https:\/\/[^\s]/i.test(node.url)) {
          fail(place, `links must start with https:// (this one is "${node.url}")`, node);
        }
        const children = inlineRuns(place, node.children);
        if (children.length === 0) fail(place, 'a link needs text between [ and ]', node);
        runs.push({ type: 'link', url: node.url, children });
        break;
      }
      case 'html':
        fail(place, rawHtml(node.value), node);
        break;
      case 'image':
      case 'imageReference':
        fail(place, 'images are not allowed', node);
        break;
      case 'break':
        fail(
          place,
          'a forced line break (two spaces or \\ at the end of a line) is not supported: start a new paragraph or step',
          node,
        );
        break;
      case 'linkReference':
        fail(place, 'reference-style links are not supported: write [text](https://…)', node);
        break;
      default:
        fail(place, `${node.type} is not supported`, node);
    }
  }
  return runs;
}

/** The nodes under one heading, and where they are. */
interface Part {
  place: Place;
  heading: Heading;
  nodes: readonly RootContent[];
}

/** Paragraphs of text, the only thing under "Why it matters" and inside the quotation. */
function paragraphs({ place, heading, nodes }: Part): Paragraph[] {
  if (nodes.length === 0) fail(place, 'the section is empty: write a paragraph', heading);
  return nodes.map((node, i) => {
    if (node.type !== 'paragraph') return unexpected(place, node);
    return inlineRuns(
      nodes.length > 1 ? within(place, `paragraph ${i + 1}`) : place,
      node.children,
    );
  });
}

/**
 * A profile value in a code block: {{name}}, or {{name|separator}} for the text put between the
 * entries of a list (by default a space, or a comma in PowerShell, where a list is an array).
 */
const SLOT = /\{\{([a-z0-9]+)(?:\|([^{}\n]*))?\}\}/g;

const DEFAULT_SEPARATOR: Record<CodeLanguage, string> = { sh: ' ', powershell: ',', text: ' ' };

/**
 * Whether the end of `code` is inside a quoted string of a shell: a value put there could not be
 * quoted for the shell, because the quotes around it are the file's. Follows single and double
 * quotes, backslash (sh) or backtick (PowerShell) escapes, and # comments.
 */
function insideQuotes(code: string, language: 'sh' | 'powershell'): boolean {
  const escape = language === 'sh' ? '\\' : '`';
  let quote: string | undefined;
  for (let i = 0; i < code.length; i += 1) {
    const c = code[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
    } else if (c === escape) {
      i += 1;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
    } else if (c === "'" || c === '"') {
      quote = c;
    } else if (c === '#' && (i === 0 || /\s/.test(code[i - 1]!))) {
      const end = code.indexOf('\n', i);
      if (end === -1) return false;
      i = end;
    }
  }
  return quote !== undefined;
}

/** The code of a step with its {{slots}} found: the text with placeholders, and the template. */
function codeTemplate(
  place: Place,
  node: Nodes,
  code: string,
  language: CodeLanguage,
): Pick<Step, 'code' | 'template'> {
  const template: CodePart[] = [];
  let at = 0;
  for (const match of code.matchAll(SLOT)) {
    const [token, name = '', separator] = match;
    const slot = CodeSlotSchema.safeParse(name);
    if (!slot.success) {
      fail(
        place,
        `unknown profile value ${token} in the code: use one of ${quoted(CodeSlotSchema.options.map((o) => `{{${o}}}`))}`,
        node,
      );
    }
    if (language !== 'text' && insideQuotes(code.slice(0, match.index), language)) {
      fail(
        place,
        `${token} is inside quotes: put it outside them, and the app quotes each value for the shell itself`,
        node,
      );
    }
    if (match.index > at) template.push(code.slice(at, match.index));
    template.push({ slot: slot.data, separator: separator ?? DEFAULT_SEPARATOR[language] });
    at = match.index + token.length;
  }
  if (template.length === 0) return { code };
  if (at < code.length) template.push(code.slice(at));
  const placeholders = template
    .map((part) => (typeof part === 'string' ? part : slotPlaceholder(part.slot)))
    .join('');
  return { code: placeholders, template };
}

function step(place: Place, item: ListItem): Step {
  const [first, second, ...rest] = item.children;
  if (!first) fail(place, 'the step is empty', item);
  if (first.type !== 'paragraph') {
    fail(place, 'a step starts with its text; a code block can follow it', first);
  }
  const result: Step = { text: inlineRuns(place, first.children) };
  if (second) {
    if (second.type === 'paragraph') {
      fail(place, 'a step has one paragraph of text: start a new step for more', second);
    }
    if (second.type !== 'code') return unexpected(place, second);
    const language = CodeLanguageSchema.safeParse(second.lang ?? undefined);
    if (!language.success) {
      fail(
        place,
        second.lang
          ? `unknown code language "${second.lang}": use ${quoted(CodeLanguageSchema.options)}`
          : `a code block needs a language after its opening \`\`\`, one of ${quoted(CodeLanguageSchema.options)} (text indented by four spaces is a code block too)`,
        second,
      );
    }
    if (second.meta) {
      fail(place, `a code block takes only a language, not "${second.meta}"`, second);
    }
    Object.assign(result, codeTemplate(place, second, second.value, language.data));
    result.language = language.data;
  }
  const extra = rest[0];
  if (extra?.type === 'code') {
    fail(place, 'a step has one code block: start a new step for the second one', extra);
  }
  if (extra?.type === 'paragraph') {
    fail(place, 'text after the code block: start a new step for it', extra);
  }
  if (extra) unexpected(place, extra);
  return result;
}

/** A numbered list of steps, the only thing under "How to check" and under each platform. */
function steps({ place, heading, nodes }: Part): Step[] {
  const [list, extra] = nodes;
  if (!list) fail(place, 'no steps: write a numbered list (1. …)', heading);
  if (list.type !== 'list') return unexpected(place, list);
  if (!list.ordered) fail(place, 'steps are a numbered list (1. 2. 3.), not bullets', list);
  if (extra) unexpected(place, extra);
  return list.children.map((item, i) => step(within(place, `step ${i + 1}`), item));
}

/**
 * Under "How to fix": for each platform, a "### " heading with its label, then its steps. Under
 * "How to check" (`leading`), steps before the first heading are for any platform.
 */
function fixes({ place, heading, nodes }: Part, leading = false): Fix[] {
  if (nodes.length === 0) {
    if (leading) fail(place, 'no steps: write a numbered list (1. …)', heading);
    fail(place, 'no platform: add a "### " heading naming one, then its steps', heading);
  }
  const result: Fix[] = [];
  const seen = new Set<Platform>();
  let i = 0;
  if (leading && nodes[0]?.type !== 'heading') {
    while (i < nodes.length && nodes[i]!.type !== 'heading') i += 1;
    result.push({
      platform: 'general',
      steps: steps({ place, heading, nodes: nodes.slice(0, i) }),
    });
    seen.add('general');
  }
  while (i < nodes.length) {
    const platformHeading = nodes[i]!;
    if (platformHeading.type !== 'heading' || platformHeading.depth !== 3) {
      if (platformHeading.type === 'list') {
        fail(
          place,
          'steps need a "### " heading naming their platform above them',
          platformHeading,
        );
      }
      return unexpected(place, platformHeading);
    }
    const label = textOf(platformHeading).trim();
    const platform = PLATFORM_BY_LABEL.get(label);
    if (!platform) {
      fail(
        place,
        `unknown platform "${label}": use one of ${quoted([...PLATFORM_BY_LABEL.keys()])}`,
        platformHeading,
      );
    }
    const platformPlace = within(place, label);
    if (seen.has(platform)) {
      fail(
        platformPlace,
        platform === 'general' && leading && result[0]?.platform === 'general'
          ? `the steps before the first platform are already for "${label}": put them under one`
          : `a second "${label}" heading: put all its steps under one`,
        platformHeading,
      );
    }
    seen.add(platform);
    let end = i + 1;
    while (end < nodes.length && nodes[end]!.type !== 'heading') end += 1;
    result.push({
      platform,
      steps: steps({
        place: platformPlace,
        heading: platformHeading,
        nodes: nodes.slice(i + 1, end),
      }),
    });
    i = end;
  }
  return result;
}

/** The quoted passage: one quotation (>) of one or more paragraphs. */
function quotation({ place, heading, nodes }: Part): Paragraph[] {
  const [quote, extra] = nodes;
  if (!quote) {
    fail(place, 'the section is empty: quote the passage, each line starting with >', heading);
  }
  if (quote.type !== 'blockquote') return unexpected(place, quote);
  if (extra) unexpected(place, extra);
  return paragraphs({ place, heading, nodes: quote.children });
}

/** The file's top-level nodes grouped under their "## " headings. */
function sectionsOf(file: string, nodes: readonly RootContent[]): Map<SectionName, Part> {
  const sections = new Map<SectionName, Part & { nodes: RootContent[] }>();
  const place = { file, field: WHOLE_FILE };
  let current: (Part & { nodes: RootContent[] }) | undefined;
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth === 2) {
      const title = textOf(node).trim();
      const name = SECTIONS.find((section) => section === title);
      if (!name) {
        fail(place, `unknown heading "${title}": the sections are ${quoted(SECTIONS)}`, node);
      }
      if (sections.has(name)) fail(place, `a second "${name}" heading: there is one of each`, node);
      current = { place: { file, field: name }, heading: node, nodes: [] };
      sections.set(name, current);
    } else if (node.type === 'heading' && (node.depth !== 3 || !current)) {
      fail(
        place,
        `unexpected heading "${textOf(node)}": the sections are "## " headings (${quoted(SECTIONS)}), and platforms under "How to fix" are "### " headings`,
        node,
      );
    } else if (!current) {
      if (node.type === 'html') unexpected(place, node);
      fail(place, `text before the first heading: the file starts with "## ${SECTIONS[0]}"`, node);
    } else {
      current.nodes.push(node);
    }
  }
  return sections;
}

/** One control's guidance from its Markdown file; `file` names it in errors. */
export function guidanceFromMarkdown(file: string, markdown: string): ControlGuidance {
  const sections = sectionsOf(file, fromMarkdown(markdown).children);
  const section = (name: SectionName): Part => {
    const found = sections.get(name);
    if (!found) {
      fail(
        { file, field: name },
        `the section is missing: every guidance file has the headings ${quoted(SECTIONS.map((s) => `## ${s}`))}`,
      );
    }
    return found;
  };
  const guidance: ControlGuidance = {
    why: paragraphs(section('Why it matters')),
    howToCheck: fixes(section('How to check'), true),
    howToFix: fixes(section('How to fix')),
    source: quotation(section('Source in the guidance')),
  };
  return parseContent(file, ControlGuidanceSchema, guidance);
}

/** The name of a control's guidance file, as errors and the maintainer's editor show it. */
export function guidanceFileName(controlId: string): string {
  return `guidance/${controlId}.md`;
}

/**
 * The guidance for every control of the catalogue, from files keyed by their name
 * ("guidance/no-open-relay.md"). There must be exactly one file per control: a file for a control
 * the checklist does not have is as much a mistake (a typo in its name, most likely) as a control
 * without one.
 */
export function guidanceFromFiles(
  catalogue: Catalogue,
  files: Readonly<Record<string, string>>,
): Guidance {
  const ids = allControls(catalogue).map(({ control }) => control.id);
  const expected = new Set(ids.map(guidanceFileName));
  for (const file of Object.keys(files)) {
    if (!expected.has(file)) {
      throw new ContentError(
        file,
        WHOLE_FILE,
        'no control in checklist.json has this id: name the file after a control id, or remove it',
      );
    }
  }
  for (const id of ids) {
    if (!(guidanceFileName(id) in files)) {
      throw new ContentError(
        guidanceFileName(id),
        WHOLE_FILE,
        `missing: control "${id}" in checklist.json needs a guidance file`,
      );
    }
  }
  const guidance = Object.fromEntries(
    ids.map((id) => {
      const file = guidanceFileName(id);
      return [id, guidanceFromMarkdown(file, files[file]!)];
    }),
  );
  return parseGuidance(catalogue, guidance);
}

/**
 * The shipped guidance files, by name. Vite bundles them as text into this module's chunk (and
 * vitest reads them the same way), so the app needs no fetch of its own to load them.
 */
export const shippedGuidanceFiles: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>('./guidance/*.md', { query: '?raw', import: 'default', eager: true }),
  ).map(([path, markdown]) => [path.replace(/^\.\//, ''), markdown]),
);

/** The shipped guidance, checked against the shipped checklist. */
export function shippedGuidance(catalogue: Catalogue): Guidance {
  return guidanceFromFiles(catalogue, shippedGuidanceFiles);
}
