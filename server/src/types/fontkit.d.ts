/** The one call of fontkit (pdfkit's own font engine) the tickets use: parse a font once, hand it to pdfkit. */
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    layout(text: string): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
