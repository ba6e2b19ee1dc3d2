/** The `msgtype` for an attachment of this MIME type (m.image, m.video, m.audio, else m.file). */
export function messageTypeOf(mimetype: string | undefined): 'm.image' | 'm.video' | 'm.audio' | 'm.file' {
  const type = (mimetype ?? '').split(';')[0].trim().toLowerCase();
  if (type.startsWith('image/')) return 'm.image';
  if (type.startsWith('video/')) return 'm.video';
  if (type.startsWith('audio/')) return 'm.audio';
  return 'm.file';
}
