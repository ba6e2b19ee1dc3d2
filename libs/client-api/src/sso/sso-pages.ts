/** The small pages the browser sees at the end of a single sign-on. */

export function continueToClientPage(url: string): string {
  const href = escapeHtml(url);
  return page(
    'Continue to your client',
    `<p>You are signed in. <a href="${href}">Continue to your client</a>.</p>`,
  );
}

export function authDonePage(): string {
  return page(
    'Authentication complete',
    '<p>You may now close this window and return to the application.</p>',
  );
}

function page(title: string, body: string): string {
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>\n`;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
