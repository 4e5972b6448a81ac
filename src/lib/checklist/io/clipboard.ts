/**
 * Puts text on the clipboard through the asynchronous Clipboard API. It needs a secure context
 * (HTTPS or localhost) and, in some browsers, permission; false means it did not happen, and the
 * caller offers another way (the text selected, for the person to copy themselves).
 */
export async function writeClipboard(text: string): Promise<boolean> {
  try {
    if (!navigator.clipboard?.writeText) return false;
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
