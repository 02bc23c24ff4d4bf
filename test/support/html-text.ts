// What a reader sees of a brief's HTML, for tests that need no print: tags dropped (citation
// marks and the timeline's drawing too), entities decoded, whitespace collapsed.

export const decode = (text: string) =>
  text
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&#x3D;/g, "=")
    .replace(/&#x60;/g, "`")
    .replace(/&amp;/g, "&");
/** The visible text of the body: tags dropped, entities decoded, whitespace collapsed. */
export const bodyText = (html: string) =>
  decode(
    (html.includes("<body") ? (html.split("<body")[1] as string) : html)
      .replace(/<svg[\s\S]*?<\/svg>/g, " ")
      .replace(/<sup class="cite">[\s\S]*?<\/sup>/g, "")
      .replace(/<[^>]*>/g, "")
      .replace(/\s+/g, " "),
  );
