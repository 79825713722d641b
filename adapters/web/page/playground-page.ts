// PLACEHOLDER (replaced by the page helper): the playground's page, HTML and script in one string.
export function playgroundPage(): string {
  return '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>imagestream playground</title></head><body><p>The playground page is not built yet.</p></body></html>';
}
