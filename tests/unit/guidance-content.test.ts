import { describe, expect, test } from 'vitest';
import checklist from '../../src/lib/content/checklist.json';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import {
  guidanceFromFiles,
  guidanceFromMarkdown,
  shippedGuidanceFiles,
} from '../../src/lib/content/guidance';
import { ContentError, parseContent } from '../../src/lib/content/parse';
import { CatalogueSchema } from '../../src/lib/model/catalogue';

const FILE = 'guidance/no-open-relay.md';

/** A small guidance file with every section and mark the loader accepts. Line numbers matter. */
const GOOD = `## Why it matters

An open relay passes on mail from **anyone** to _anyone_, so set
\`mynetworks\` with care. See [the guidance](https://community.jisc.ac.uk/library).

## How to check

1. Try to relay from outside.

   \`\`\`sh
   swaks --server mx.example.ac.uk --quit-after RCPT
   \`\`\`

## How to fix

### Any platform

1. Close it.

### Postfix

1. Restrict relaying.

   \`\`\`text
   smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination
   \`\`\`

2. Reload.

   \`\`\`sh
   postfix reload
   \`\`\`

## Source in the guidance

> Section "E-mail and Security Issues": "… MUST NOT allow …"
`;

/** GOOD with one piece replaced; fails the test if the piece is not there to replace. */
function edited(find: string, replace: string): string {
  expect(GOOD).toContain(find);
  return GOOD.replace(find, replace);
}

/** The ContentError a file is refused with. */
function refusal(markdown: string, file = FILE): ContentError {
  try {
    guidanceFromMarkdown(file, markdown);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return error as ContentError;
  }
  throw new Error('the file was accepted');
}

describe('a guidance file', () => {
  test('becomes the text tree: paragraphs of runs, steps with their code, fixes per platform', () => {
    expect(guidanceFromMarkdown(FILE, GOOD)).toEqual({
      why: [
        [
          { type: 'text', value: 'An open relay passes on mail from ' },
          { type: 'strong', children: [{ type: 'text', value: 'anyone' }] },
          { type: 'text', value: ' to ' },
          { type: 'emphasis', children: [{ type: 'text', value: 'anyone' }] },
          // The line break in the file is only where the line was wrapped.
          { type: 'text', value: ', so set ' },
          { type: 'code', value: 'mynetworks' },
          { type: 'text', value: ' with care. See ' },
          {
            type: 'link',
            url: 'https://community.jisc.ac.uk/library',
            children: [{ type: 'text', value: 'the guidance' }],
          },
          { type: 'text', value: '.' },
        ],
      ],
      howToCheck: [
        {
          platform: 'general',
          steps: [
            {
              text: [{ type: 'text', value: 'Try to relay from outside.' }],
              code: 'swaks --server mx.example.ac.uk --quit-after RCPT',
              language: 'sh',
            },
          ],
        },
      ],
      howToFix: [
        { platform: 'general', steps: [{ text: [{ type: 'text', value: 'Close it.' }] }] },
        {
          platform: 'postfix',
          steps: [
            {
              text: [{ type: 'text', value: 'Restrict relaying.' }],
              code: 'smtpd_relay_restrictions = permit_mynetworks, reject_unauth_destination',
              language: 'text',
            },
            {
              text: [{ type: 'text', value: 'Reload.' }],
              code: 'postfix reload',
              language: 'sh',
            },
          ],
        },
      ],
      source: [
        [{ type: 'text', value: 'Section "E-mail and Security Issues": "… MUST NOT allow …"' }],
      ],
    });
  });

  test('an escaped tag is kept as the words "<b>", not as markup', () => {
    const guidance = guidanceFromMarkdown(FILE, edited('Close it.', 'Remove the \\<b> tag.'));
    expect(guidance.howToFix[0]!.steps[0]!.text).toEqual([
      { type: 'text', value: 'Remove the <b> tag.' },
    ]);
  });

  test('a code block keeps its indentation and blank lines', () => {
    const guidance = guidanceFromMarkdown(
      FILE,
      edited('   postfix reload\n', '   postfix reload\n\n     # then check\n   postqueue -p\n'),
    );
    expect(guidance.howToFix[1]!.steps[1]!.code).toBe(
      'postfix reload\n\n  # then check\npostqueue -p',
    );
  });
});

describe('a mistake in a guidance file is refused, naming the file, the field and the line', () => {
  test('the message reads "file: field: problem"', () => {
    const error = refusal(edited('### Postfix', '### Qmail'));
    expect(error.message).toMatch(
      /^guidance\/no-open-relay\.md: How to fix \(line 20\): unknown platform "Qmail"/,
    );
  });

  test('a raw HTML block, such as a script, is refused', () => {
    const error = refusal(
      edited('## How to check', '<script>alert(1)</script>\n\n## How to check'),
    );
    expect(error).toMatchObject({ file: FILE, field: 'Why it matters (line 6)' });
    expect(error.problem).toMatch(/raw HTML is not allowed \(found <script>/);
  });

  test('inline HTML, such as an image with an onerror handler, is refused', () => {
    const error = refusal(
      edited('Try to relay from outside.', 'Try <img src=x onerror="alert(1)"> to relay.'),
    );
    expect(error).toMatchObject({ file: FILE, field: 'How to check › step 1 (line 8)' });
    expect(error.problem).toMatch(/raw HTML is not allowed/);
  });

  test('an image is refused', () => {
    const error = refusal(edited('Close it.', 'Close it. ![diagram](https://example.org/a.png)'));
    expect(error).toMatchObject({ field: 'How to fix › Any platform › step 1 (line 18)' });
    expect(error.problem).toMatch(/images are not allowed/);
  });

  test('a table is refused', () => {
    const error = refusal(
      edited('An open relay', '| Port | Use |\n| --- | --- |\n| 25 | SMTP |\n\nAn open relay'),
    );
    expect(error).toMatchObject({ field: 'Why it matters › paragraph 1 (line 3)' });
    expect(error.problem).toMatch(/tables are not supported/);
  });

  test('a section heading it does not know is refused, naming the sections it knows', () => {
    const error = refusal(edited('## How to fix', '## How to repair'));
    expect(error).toMatchObject({ file: FILE, field: 'line 14' });
    expect(error.problem).toBe(
      'unknown heading "How to repair": the sections are "Why it matters", "How to check", "How to fix", "Source in the guidance"',
    );
  });

  test('a platform heading it does not know is refused, naming the platforms it knows', () => {
    const error = refusal(edited('### Postfix', '### Qmail'));
    expect(error).toMatchObject({ field: 'How to fix (line 20)' });
    expect(error.problem).toMatch(
      /use one of "Any platform", "Postfix", "Exim", .*"Microsoft Exchange"/,
    );
  });

  test('a heading at another level is refused', () => {
    const error = refusal(edited('1. Close it.', '#### Note\n\n1. Close it.'));
    expect(error.problem).toMatch(/unexpected heading "Note"/);
  });

  test('a step without text is refused', () => {
    const error = refusal(edited('1. Try to relay from outside.\n\n   ```sh', '1. ```sh'));
    expect(error).toMatchObject({ field: 'How to check › step 1 (line 8)' });
    expect(error.problem).toMatch(/a step starts with its text/);
  });

  test('two code blocks in one step are refused', () => {
    const error = refusal(
      edited(
        '   postfix reload\n   ```\n',
        '   postfix reload\n   ```\n\n   ```sh\n   mailq\n   ```\n',
      ),
    );
    expect(error).toMatchObject({ field: 'How to fix › Postfix › step 2 (line 34)' });
    expect(error.problem).toMatch(/one code block/);
  });

  test('a second paragraph in a step is refused', () => {
    const error = refusal(edited('1. Close it.', '1. Close it.\n\n   Then test it.'));
    expect(error).toMatchObject({ field: 'How to fix › Any platform › step 1 (line 20)' });
  });

  test('a code block that is not indented under its step is refused, saying how to fix it', () => {
    const error = refusal(edited('   ```sh\n   swaks', '```sh\nswaks'));
    expect(error).toMatchObject({ field: 'How to check (line 10)' });
    expect(error.problem).toMatch(/indent it under the text of its step/);
  });

  test('a code block without a language, or with one it does not know, is refused', () => {
    expect(refusal(edited('```text', '```')).problem).toMatch(
      /needs a language .*"sh", "powershell", "text"/,
    );
    expect(refusal(edited('```text', '```ini')).problem).toMatch(/unknown code language "ini"/);
  });

  test('bullets instead of numbered steps are refused', () => {
    const error = refusal(edited('1. Close it.', '- Close it.'));
    expect(error).toMatchObject({ field: 'How to fix › Any platform (line 18)' });
    expect(error.problem).toMatch(/numbered list/);
  });

  test('a link that is not https is refused, whatever its scheme', () => {
    for (const url of ['http://example.org/', 'javascript:alert(1)', 'mailto:abuse@example.org']) {
      const error = refusal(edited('https://community.jisc.ac.uk/library', url));
      expect(error, url).toMatchObject({ field: 'Why it matters (line 4)' });
      expect(error.problem, url).toMatch(/links must start with https:\/\//);
    }
  });

  test('a missing section is refused, naming it', () => {
    const error = refusal(GOOD.slice(0, GOOD.indexOf('## Source in the guidance')));
    expect(error).toMatchObject({ file: FILE, field: 'Source in the guidance' });
    expect(error.problem).toMatch(/the section is missing/);
  });

  test('text instead of numbered steps is refused', () => {
    const error = refusal(edited('1. Try to relay from outside.', 'Nothing yet.'));
    expect(error).toMatchObject({ field: 'How to check (line 8)' });
    expect(error.problem).toMatch(/text is not expected here \("Nothing yet\."\)/);
  });

  test('an empty section is refused', () => {
    const error = refusal(
      edited(GOOD.slice(GOOD.indexOf('1. Try'), GOOD.indexOf('## How to fix')), ''),
    );
    expect(error).toMatchObject({ field: 'How to check (line 6)' });
    expect(error.problem).toMatch(/no steps/);
  });

  test('a platform given twice is refused, naming it', () => {
    const error = refusal(edited('### Any platform', '### Postfix'));
    expect(error).toMatchObject({ field: 'How to fix › Postfix (line 20)' });
    expect(error.problem).toMatch(/a second "Postfix" heading/);
  });

  test('a section given twice is refused', () => {
    const error = refusal(`${GOOD}\n## Why it matters\n\nAgain.\n`);
    expect(error.problem).toMatch(/a second "Why it matters" heading/);
  });

  test('text before the first heading is refused', () => {
    const error = refusal(`Guidance for relays\n\n${GOOD}`);
    expect(error).toMatchObject({ field: 'line 1' });
    expect(error.problem).toMatch(/text before the first heading/);
  });
});

describe('the set of guidance files', () => {
  test('the shipped files are one per control of the checklist', () => {
    expect(() => guidanceFromFiles(defaultCatalogue, shippedGuidanceFiles)).not.toThrow();
  });

  test('a file for a control the checklist does not have is refused, naming the file', () => {
    const files = { ...shippedGuidanceFiles, 'guidance/no-open-realy.md': GOOD };
    expect(() => guidanceFromFiles(defaultCatalogue, files)).toThrow(
      'guidance/no-open-realy.md: (the file): no control in checklist.json has this id',
    );
  });

  test('a control without a file is refused, naming the file it needs', () => {
    const files: Record<string, string> = { ...shippedGuidanceFiles };
    delete files[FILE];
    expect(() => guidanceFromFiles(defaultCatalogue, files)).toThrow(
      'guidance/no-open-relay.md: (the file): missing: control "no-open-relay" in checklist.json needs a guidance file',
    );
  });

  test('a mistake in a shipped file names that file', () => {
    const files = { ...shippedGuidanceFiles, [FILE]: edited('### Postfix', '### Qmail') };
    expect(() => guidanceFromFiles(defaultCatalogue, files)).toThrow(
      /^guidance\/no-open-relay\.md: How to fix \(line 20\)/,
    );
  });
});

describe('a mistake in checklist.json', () => {
  function checklistRefusal(edit: (data: typeof checklist) => void): ContentError {
    const data = structuredClone(checklist);
    edit(data);
    try {
      parseContent('checklist.json', CatalogueSchema, data);
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      return error as ContentError;
    }
    throw new Error('the checklist was accepted');
  }

  test('a bad field is refused, naming the file and the path to the field', () => {
    const error = checklistRefusal((data) => {
      data.sections[2]!.controls[1]!.level = 'SHALL';
    });
    expect(error).toMatchObject({ file: 'checklist.json', field: 'sections[2].controls[1].level' });
    expect(error.message).toMatch(/^checklist\.json: sections\[2\]\.controls\[1\]\.level: /);
  });

  test('a duplicate control id is refused at the second use', () => {
    const error = checklistRefusal((data) => {
      data.sections[1]!.controls[0]!.id = data.sections[0]!.controls[0]!.id;
    });
    expect(error).toMatchObject({ file: 'checklist.json', field: 'sections[1].controls[0].id' });
    expect(error.problem).toBe('duplicate control id no-open-relay');
  });
});
