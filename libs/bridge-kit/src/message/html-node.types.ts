/** A parsed HTML tree: elements (tag names lower-cased) and text (character references decoded). */
export type HtmlNode = HtmlElement | HtmlText;

export interface HtmlElement {
  type: 'element';
  tag: string;
  /** Attribute names lower-cased; a bare attribute (`<span data-mx-spoiler>`) has the value ''. */
  attrs: Record<string, string>;
  children: HtmlNode[];
}

export interface HtmlText {
  type: 'text';
  text: string;
}
