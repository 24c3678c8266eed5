/**
 * The analyst tour (docs/analyst-tour.md) as IDE tabs: each "## N. Question" heading with its
 * first graphql block. Read at build time, so the IDE and the tour (which a test checks against
 * the seeded graph) cannot drift apart.
 */
export function tourExamples(markdown: string): { title: string; query: string }[] {
  const examples: { title: string; query: string }[] = [];
  const pattern = /^#{2,3} (\d+\.[^\n]*)\n[\s\S]*?```graphql\n([\s\S]*?)```/gm;
  for (const match of markdown.matchAll(pattern)) {
    const title = match[1]!.trim();
    const body = match[2]!.trim();
    // GraphiQL names a tab after its operation; an anonymous `{ ... }` would read "<untitled>".
    const query = body.startsWith('{') ? `query ${operationName(title)} ${body}` : body;
    examples.push({ title, query: `# ${title}\n${query}\n` });
  }
  return examples;
}

/** "1. Who attended the meeting, and ..." -> "Q1WhoAttendedTheMeeting" */
function operationName(title: string): string {
  const [number = '', ...words] = title.replace(/[^\p{L}\p{N} ]/gu, ' ').split(/\s+/).filter(Boolean);
  return `Q${number}${words.slice(0, 4).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}`;
}
