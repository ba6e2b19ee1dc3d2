import { connect, Socket } from 'node:net';

export interface Mail {
  from: string;
  to: string;
  subject: string;
  text: string;
}

const TIMEOUT_MS = 30_000;

/**
 * Sends one plain-text mail over SMTP (RFC 5321) without TLS or authentication: enough for a
 * relay on the local network. Any reply but the expected one fails the send.
 */
export async function sendMail(host: string, port: number, mail: Mail): Promise<void> {
  const socket = connect({ host, port });
  socket.setTimeout(TIMEOUT_MS, () => socket.destroy(new Error(`SMTP ${host}:${port} timed out`)));
  const replies = replyReader(socket);
  try {
    await expect(replies, 220);
    // "If the EHLO command is not acceptable to the SMTP server, 501, 500, 502, or 550 failure
    // replies MUST be returned", and the client falls back to HELO.
    socket.write('EHLO switchboard\r\n');
    if (!(await replies.next()).startsWith('250')) await command(socket, replies, 'HELO switchboard', 250);
    await command(socket, replies, `MAIL FROM:<${mail.from}>`, 250);
    await command(socket, replies, `RCPT TO:<${mail.to}>`, 250);
    await command(socket, replies, 'DATA', 354);
    await command(socket, replies, `${message(mail)}\r\n.`, 250);
    socket.write('QUIT\r\n');
  } finally {
    socket.end();
  }
}

function message(mail: Mail): string {
  const headers = [
    `From: <${mail.from}>`,
    `To: <${mail.to}>`,
    `Subject: ${mail.subject}`,
    `Date: ${new Date().toUTCString()}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: 8bit',
  ];
  // "Before sending a line of mail text, the SMTP client checks the first character of the line.
  // If it is a period, one additional period is inserted at the beginning of the line."
  const body = mail.text
    .split(/\r?\n/)
    .map((line) => (line.startsWith('.') ? `.${line}` : line))
    .join('\r\n');
  return `${headers.join('\r\n')}\r\n\r\n${body}`;
}

async function command(socket: Socket, replies: ReplyReader, line: string, expected: number): Promise<void> {
  socket.write(`${line}\r\n`);
  await expect(replies, expected);
}

async function expect(replies: ReplyReader, expected: number): Promise<void> {
  const reply = await replies.next();
  if (Number(reply.slice(0, 3)) !== expected) throw new Error(`SMTP: expected ${expected}, got "${reply}"`);
}

interface ReplyReader {
  /** The next complete reply's last line. */
  next(): Promise<string>;
}

/** Reads complete replies ("250-..." continuation lines up to "250 ...") in order. */
function replyReader(socket: Socket): ReplyReader {
  let buffer = '';
  const complete: string[] = [];
  const waiting: { resolve: (reply: string) => void; reject: (err: Error) => void }[] = [];
  let failure: Error | undefined;
  const fail = (err: Error) => {
    failure = err;
    for (const w of waiting.splice(0)) w.reject(err);
  };
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (/^\d{3}(?: |$)/.test(line)) {
        const w = waiting.shift();
        if (w) w.resolve(line);
        else complete.push(line);
      }
    }
  });
  socket.on('error', fail);
  socket.on('close', () => fail(new Error('SMTP connection closed')));
  return {
    async next() {
      return (
        complete.shift() ??
        new Promise<string>((resolve, reject) => {
          if (failure) reject(failure);
          else waiting.push({ resolve, reject });
        })
      );
    },
  };
}
